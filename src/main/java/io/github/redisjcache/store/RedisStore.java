package io.github.redisjcache.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.redisson.api.BatchOptions;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.protocol.RedisCommand;
import org.redisson.client.protocol.RedisCommands;
import org.redisson.client.protocol.decoder.ListScanResult;
import org.redisson.command.CommandAsyncExecutor;
import org.redisson.command.CommandBatchService;
import org.redisson.connection.MasterSlaveEntry;

import io.github.redisjcache.connection.SharedConnection;

/**
 * Reads and writes cache entries as bytes in Redis: single commands, batches sent in one round trip per node, and
 * chunked scans of every master.
 */
public final class RedisStore {

    /** How many keys one SCAN call asks for; a few hundred keeps each call well under a millisecond. */
    public static final int SCAN_COUNT = 500;

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static final RedisCommand<ListScanResult<Object>> SCAN = (RedisCommand) RedisCommands.SCAN;

    private final SharedConnection connection;
    private final CommandAsyncExecutor executor;
    private final Scripts scripts;
    private final Commands single;

    /**
     * Creates a store over a shared connection.
     *
     * @param connection the connection
     */
    public RedisStore(SharedConnection connection) {
        this.connection = connection;
        this.executor = connection.executor();
        this.scripts = new Scripts(executor);
        if (connection.settings().waitReplicas() > 0) {
            this.single = new AcknowledgedCommands(executor, scripts, this::batch);
        } else {
            ConditionalSets conditionalSets = new ConditionalSets();
            // Until the server answers, or if it cannot, compare-and-set goes by script.
            connection.serverInfoAsync().thenAccept(conditionalSets::learn);
            this.single = new Commands(executor, scripts, conditionalSets);
        }
    }

    /** @return the operations, each sent on its own */
    public Commands single() {
        return single;
    }

    /**
     * Starts a batch: operations queued on it are sent together, one round trip per Redis node, when
     * {@link Batch#execute()} is called.
     *
     * @return a new batch
     */
    public Batch batch() {
        return batch(connection.settings().waitReplicas());
    }

    /**
     * Starts a batch of reads only: never followed by {@code WAIT}, which is for writes, so reads go on while
     * replicas are missing.
     *
     * @return a new batch
     */
    public Batch readBatch() {
        return batch(0);
    }

    private Batch batch(int replicas) {
        if (replicas == 0) {
            CommandBatchService service = new CommandBatchService(executor, BatchOptions.defaults());
            return new Batch(service, new Commands(service, scripts), null, 0, 0);
        }
        Duration wait = connection.settings().waitTimeout();
        // WAIT holds its reply on the server for up to the wait timeout, on top of the time any reply may take.
        BatchOptions options = BatchOptions.defaults().responseTimeout(
                connection.settings().timeout().plus(wait).toMillis(), TimeUnit.MILLISECONDS);
        AcknowledgingBatchService service = new AcknowledgingBatchService(executor, options);
        return new Batch(service, new Commands(service, scripts.bySource()), service, replicas, wait.toMillis());
    }

    /**
     * Scans one chunk of keys matching a pattern on one master.
     *
     * @param master  the master, from {@link #masters()}
     * @param cursor  "0" to start, else the cursor of the previous chunk
     * @param pattern a SCAN MATCH pattern
     * @param count   the COUNT hint
     * @return the keys and the next cursor ("0" when done)
     */
    public ScanChunk scan(MasterSlaveEntry master, String cursor, String pattern, int count) {
        ListScanResult<Object> result = executor.get(executor.<ListScanResult<Object>, ListScanResult<Object>>
                readAsync(master.getClient(), ByteArrayCodec.INSTANCE, SCAN, cursor, "MATCH", pattern, "COUNT", count)
                .toCompletableFuture());
        List<byte[]> keys = new ArrayList<>(result.getValues().size());
        for (Object key : result.getValues()) {
            keys.add((byte[]) key);
        }
        return new ScanChunk(keys, result.getPos());
    }

    /**
     * Visits every key matching a pattern on every master, one SCAN chunk at a time (empty chunks are skipped), so
     * that Redis is never blocked for long.
     *
     * @param pattern a SCAN MATCH pattern
     * @param action  receives each chunk's keys
     */
    public void forEachChunk(String pattern, Consumer<List<byte[]>> action) {
        for (MasterSlaveEntry master : masters()) {
            String cursor = "0";
            do {
                ScanChunk chunk = scan(master, cursor, pattern, SCAN_COUNT);
                if (!chunk.keys().isEmpty()) {
                    action.accept(chunk.keys());
                }
                cursor = chunk.cursor();
            } while (!"0".equals(cursor));
        }
    }

    /**
     * Deletes every key matching a pattern on every master, one SCAN chunk and one batch of UNLINKs at a time.
     *
     * @param pattern a SCAN MATCH pattern
     * @param awaiter waits for the deletions and names what they were for in failures
     * @return how many keys were deleted
     */
    public long deleteMatching(String pattern, Awaiter awaiter) {
        long[] deleted = {0};
        forEachChunk(pattern, keys -> {
            Batch batch = batch();
            List<CompletableFuture<Boolean>> deletes = new ArrayList<>(keys.size());
            for (byte[] key : keys) {
                deletes.add(batch.commands().delete(key));
            }
            for (Boolean removed : batch.await(awaiter, deletes)) {
                if (Boolean.TRUE.equals(removed)) {
                    deleted[0]++;
                }
            }
        });
        return deleted[0];
    }

    /**
     * Groups keys by hash slot, so each group can go in one multi-key command: on a standalone or Sentinel
     * deployment every key is in one group.
     *
     * @param keys the keys
     * @return the indexes of the keys, grouped, in key order within each group
     */
    public Collection<List<Integer>> bySlot(List<byte[]> keys) {
        if (!isCluster()) {
            List<Integer> all = new ArrayList<>(keys.size());
            for (int i = 0; i < keys.size(); i++) {
                all.add(i);
            }
            return List.of(all);
        }
        java.util.Map<Integer, List<Integer>> groups = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keys.size(); i++) {
            groups.computeIfAbsent(executor.getConnectionManager().calcSlot(keys.get(i)), slot -> new ArrayList<>())
                    .add(i);
        }
        return groups.values();
    }

    /** @return whether keys are spread over the hash slots of a Redis Cluster */
    public boolean isCluster() {
        return connection.mode() == io.github.redisjcache.connection.ConnectionMode.CLUSTER;
    }

    /** @return the masters of the deployment: one for standalone and Sentinel, each shard's for a cluster */
    public Collection<MasterSlaveEntry> masters() {
        return executor.getConnectionManager().getEntrySet();
    }

    /**
     * Loads the scripts on every master ahead of use, so batches rarely meet NOSCRIPT.
     *
     * @return completion
     */
    public CompletableFuture<Void> preloadScripts() {
        List<CompletableFuture<Object>> loads = new ArrayList<>();
        for (LuaScript script : Scripts.ALL) {
            loads.addAll(executor.writeAllAsync(RedisCommands.SCRIPT_LOAD, script.source()));
        }
        return CompletableFuture.allOf(loads.toArray(new CompletableFuture[0]));
    }

    /** @return the connection this store talks through */
    public SharedConnection connection() {
        return connection;
    }

    /**
     * Keys found by one SCAN call.
     *
     * @param keys   the keys
     * @param cursor the cursor for the next call, "0" when the scan is complete
     */
    public record ScanChunk(List<byte[]> keys, String cursor) {

        /** @return whether the scan of this master is complete */
        public boolean isLast() {
            return "0".equals(cursor);
        }
    }

    /** Operations queued to be sent together. */
    public static final class Batch {

        private final CommandBatchService service;
        private final Commands commands;
        private final AcknowledgingBatchService acknowledging;
        private final int replicas;
        private final long waitMillis;

        private Batch(CommandBatchService service, Commands commands, AcknowledgingBatchService acknowledging,
                      int replicas, long waitMillis) {
            this.service = service;
            this.commands = commands;
            this.acknowledging = acknowledging;
            this.replicas = replicas;
            this.waitMillis = waitMillis;
        }

        /** @return the operations; their futures complete after {@link #execute()} */
        public Commands commands() {
            return commands;
        }

        /**
         * Sends everything queued, one round trip per node. When writes must be acknowledged by replicas, the batch
         * fails unless enough replicas acknowledged its writes within the timeout, on every master it wrote to;
         * otherwise it never fails, since failed operations fail their own futures.
         *
         * @return completion of the whole batch; failed operations also fail their own futures
         */
        public CompletableFuture<?> execute() {
            if (replicas == 0) {
                return service.executeAsync().toCompletableFuture().handle((result, failure) -> result);
            }
            List<CompletableFuture<Number>> waits = acknowledging.queueWaits(replicas, waitMillis);
            // A command that failed fails its own future, so the batch reports only what is its alone: whether
            // enough replicas acknowledged its writes, by the WAIT replies.
            return service.executeAsync().toCompletableFuture().handle((result, failure) -> {
                acknowledge(waits);
                return result;
            });
        }

        /** Throws unless the WAIT of every master written to saw enough replicas. */
        private void acknowledge(List<CompletableFuture<Number>> waits) {
            long fewest = Long.MAX_VALUE;
            for (CompletableFuture<Number> wait : waits) {
                Number acknowledged = wait.isDone() && !wait.isCompletedExceptionally() ? wait.join() : null;
                if (acknowledged == null) {
                    throw new NotAcknowledgedException(replicas);
                }
                fewest = Math.min(fewest, acknowledged.longValue());
            }
            if (fewest < replicas) {
                throw new NotAcknowledgedException(replicas, fewest, waitMillis);
            }
        }

        /**
         * Sends everything queued and waits for each operation's reply, then for the batch itself, which fails only
         * when its writes were not acknowledged by enough replicas (wait-replicas).
         *
         * @param awaiter waits within the connection's bound and names the cache in failures
         * @param futures the operations' replies, in the order wanted
         * @param <T>     the replies' type
         * @return the replies, in the order of {@code futures}
         */
        public <T> List<T> await(Awaiter awaiter, List<CompletableFuture<T>> futures) {
            CompletableFuture<?> done = execute();
            List<T> results = new ArrayList<>(futures.size());
            for (CompletableFuture<T> future : futures) {
                results.add(awaiter.await("batch", future));
            }
            awaiter.await("batch", done);
            return results;
        }
    }
}
