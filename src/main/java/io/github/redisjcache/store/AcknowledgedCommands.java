package io.github.redisjcache.store;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

import org.redisson.command.CommandAsyncExecutor;

/**
 * Entry operations whose writes each wait until enough replicas acknowledged them (Redis WAIT, sent on the same
 * connection right after the write): for users who cannot afford to lose an acknowledged write in a failover.
 */
final class AcknowledgedCommands extends Commands {

    private final Supplier<RedisStore.Batch> batches;

    AcknowledgedCommands(CommandAsyncExecutor executor, Scripts scripts, Supplier<RedisStore.Batch> batches) {
        super(executor, scripts);
        this.batches = batches;
    }

    /** Sends one write in a batch of its own, which Redisson follows with WAIT on the same connection. */
    private <T> CompletableFuture<T> acknowledged(Function<Commands, CompletableFuture<T>> write) {
        RedisStore.Batch batch = batches.get();
        CompletableFuture<T> result = write.apply(batch.commands());
        // The write counts as done only once the batch, WAIT included, succeeded.
        return batch.execute().thenCompose(done -> result);
    }

    @Override
    public CompletableFuture<byte[]> getAndTouch(byte[] key, long accessTtl) {
        if (accessTtl == TtlCode.UNCHANGED) {
            return get(key);
        }
        return acknowledged(commands -> commands.getAndTouch(key, accessTtl));
    }

    @Override
    public CompletableFuture<byte[]> getAndDelete(byte[] key) {
        return acknowledged(commands -> commands.getAndDelete(key));
    }

    @Override
    public CompletableFuture<Void> set(byte[] key, byte[] value, long ttl) {
        return acknowledged(commands -> commands.set(key, value, ttl));
    }

    @Override
    public CompletableFuture<Boolean> setIfAbsent(byte[] key, byte[] value, long ttl) {
        return acknowledged(commands -> commands.setIfAbsent(key, value, ttl));
    }

    @Override
    public CompletableFuture<Boolean> setIfPresent(byte[] key, byte[] value, long ttl) {
        return acknowledged(commands -> commands.setIfPresent(key, value, ttl));
    }

    @Override
    public CompletableFuture<byte[]> setAndGet(byte[] key, byte[] value, long ttl) {
        return acknowledged(commands -> commands.setAndGet(key, value, ttl));
    }

    @Override
    public CompletableFuture<byte[]> replaceAndGet(byte[] key, byte[] value, long ttl) {
        return acknowledged(commands -> commands.replaceAndGet(key, value, ttl));
    }

    @Override
    public CompletableFuture<Void> setMany(java.util.List<byte[]> keysAndValues) {
        return acknowledged(commands -> commands.setMany(keysAndValues));
    }

    @Override
    public CompletableFuture<int[]> putMany(java.util.List<byte[]> keys, java.util.List<byte[]> values,
                                            long createTtl, long updateTtl, boolean updatesFirst) {
        return acknowledged(commands -> commands.putMany(keys, values, createTtl, updateTtl, updatesFirst));
    }

    @Override
    public CompletableFuture<Boolean> delete(byte[] key) {
        return acknowledged(commands -> commands.delete(key));
    }

    @Override
    public CompletableFuture<Long> deleteMany(java.util.List<byte[]> keys) {
        return acknowledged(commands -> commands.deleteMany(keys));
    }

    @Override
    public CompletableFuture<MutateResult> mutate(byte[] key, Mutation mutation, EventRoute route) {
        return acknowledged(commands -> commands.mutate(key, mutation, route));
    }

    @Override
    public CompletableFuture<MutateResult> readTracked(byte[] key, long accessTtl, EventRoute route) {
        return acknowledged(commands -> commands.readTracked(key, accessTtl, route));
    }

    @Override
    public CompletableFuture<byte[]> claimExpired(byte[] key, EventRoute route) {
        return acknowledged(commands -> commands.claimExpired(key, route));
    }
}
