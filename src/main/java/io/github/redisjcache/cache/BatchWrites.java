package io.github.redisjcache.cache;

import io.github.redisjcache.store.Awaiter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.redisjcache.event.CacheEvents;
import io.github.redisjcache.expiry.ExpiryRules;
import io.github.redisjcache.store.Commands;
import io.github.redisjcache.store.EventRoute;
import io.github.redisjcache.store.MutateResult;
import io.github.redisjcache.store.Mutation;
import io.github.redisjcache.store.RedisStore;
import io.github.redisjcache.store.TtlCode;

/**
 * Writes many entries in one round trip per Redis node (two with a custom expiry policy, which must first learn
 * which entries exist), each write atomic on its own.
 */
final class BatchWrites {

    private final RedisStore store;
    private final ExpiryRules expiry;
    private final CacheEvents<?, ?> events;
    private final Awaiter awaiter;
    private final Writes writes;
    private final CommittedValues committed;

    BatchWrites(RedisStore store, ExpiryRules expiry, CacheEvents<?, ?> events, Awaiter awaiter, Writes writes,
                CommittedValues committed) {
        this.store = store;
        this.expiry = expiry;
        this.events = events;
        this.awaiter = awaiter;
        this.writes = writes;
        this.committed = committed;
    }

    /**
     * Writes entries.
     *
     * @param keys        the entry keys
     * @param values      the encoded values, in the same order
     * @param onlyIfAbsent whether existing entries are left alone
     * @param wantOld     whether old values are needed (listeners in this JVM hear of the changes); without it,
     *                    replaced entries may come back without theirs
     * @return what happened to each entry, in order
     */
    List<MutateResult> write(List<byte[]> keys, List<byte[]> values, boolean onlyIfAbsent, boolean wantOld) {
        if (keys.isEmpty()) {
            return List.of();
        }
        for (byte[] key : keys) {
            committed.forget(key);
        }
        if (!expiry.isFixed()) {
            return writeAsked(keys, values, onlyIfAbsent);
        }
        long create = expiry.creation();
        long update = expiry.update();
        if (!onlyIfAbsent && create == TtlCode.ETERNAL && update == TtlCode.UNCHANGED && !events.publishing()) {
            return writeEternal(keys, values);
        }
        RedisStore.Batch batch = store.batch();
        Commands commands = batch.commands();
        List<CompletableFuture<MutateResult>> results = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            byte[] key = keys.get(i);
            EventRoute route = events.route(key);
            results.add(queue(commands, key, values.get(i), create, update, onlyIfAbsent, wantOld, route));
        }
        return batch.await(awaiter, results);
    }

    /**
     * Entries that never expire, and nobody listening: one MSET per hash slot (one in all on a standalone server),
     * one round trip per node.
     */
    private List<MutateResult> writeEternal(List<byte[]> keys, List<byte[]> values) {
        if (!store.isCluster()) {
            setOnItsOwn(keysAndValues(keys, values, null));
        } else {
            Collection<List<Integer>> groups = store.bySlot(keys);
            if (groups.size() == 1) {
                setOnItsOwn(keysAndValues(keys, values, groups.iterator().next()));
            } else {
                RedisStore.Batch batch = store.batch();
                List<CompletableFuture<Void>> futures = new ArrayList<>(groups.size());
                for (List<Integer> group : groups) {
                    futures.add(batch.commands().setMany(keysAndValues(keys, values, group)));
                }
                batch.await(awaiter, futures);
            }
        }
        List<MutateResult> results = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            results.add(MutateResult.WRITTEN_UNKNOWN);
        }
        return results;
    }

    /**
     * One MSET on its own rather than in a batch: Redisson pipelines it with other threads' commands on the pool's
     * connections, while a batch holds a connection until its reply comes (with the default pool of 2, at most two
     * putAlls were in flight whatever the threads).
     */
    private void setOnItsOwn(List<byte[]> keysAndValues) {
        // Named for what it does: putAll and loadAll's stores both come here.
        awaiter.await("storing entries", store.single().setMany(keysAndValues));
    }

    /** key, value, key, value, ... of the entries at the given indexes, or of all when {@code indexes} is null. */
    private static List<byte[]> keysAndValues(List<byte[]> keys, List<byte[]> values, List<Integer> indexes) {
        int count = indexes == null ? keys.size() : indexes.size();
        List<byte[]> keysAndValues = new ArrayList<>(count * 2);
        for (int i = 0; i < count; i++) {
            int index = indexes == null ? i : indexes.get(i);
            keysAndValues.add(keys.get(index));
            keysAndValues.add(values.get(index));
        }
        return keysAndValues;
    }

    private static CompletableFuture<MutateResult> queue(Commands commands, byte[] key, byte[] value, long create,
                                                         long update, boolean onlyIfAbsent, boolean wantOld,
                                                         EventRoute route) {
        if (onlyIfAbsent) {
            if (route == null && create != TtlCode.EXPIRE_NOW) {
                return commands.setIfAbsent(key, value, create).thenApply(created -> new MutateResult(
                        created ? MutateResult.CREATED : MutateResult.CONDITION_FAILED, null));
            }
            return commands.mutate(key, Mutation.putIfAbsent(value, create), route);
        }
        if (route == null) {
            if (create == update && create >= 0) {
                return commands.set(key, value, create).thenApply(done -> MutateResult.WRITTEN_UNKNOWN);
            }
            if (create == TtlCode.ETERNAL && update == TtlCode.UNCHANGED) {
                return commands.set(key, value, TtlCode.UNCHANGED).thenApply(done -> MutateResult.WRITTEN_UNKNOWN);
            }
        }
        return commands.mutate(key, Mutation.put(value, create, update).withValues(wantOld), route);
    }

    /** A custom policy is asked per entry about what really happens to it: existence first, then the writes. */
    private List<MutateResult> writeAsked(List<byte[]> keys, List<byte[]> values, boolean onlyIfAbsent) {
        RedisStore.Batch probe = store.readBatch();
        List<CompletableFuture<Boolean>> exists = new ArrayList<>(keys.size());
        for (byte[] key : keys) {
            exists.add(probe.commands().exists(key));
        }
        List<Boolean> existing = probe.await(awaiter, exists);
        RedisStore.Batch batch = store.batch();
        List<CompletableFuture<MutateResult>> results = new ArrayList<>(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            byte[] key = keys.get(i);
            EventRoute route = events.route(key);
            if (existing.get(i)) {
                results.add(onlyIfAbsent
                        ? CompletableFuture.completedFuture(new MutateResult(MutateResult.CONDITION_FAILED, null))
                        : batch.commands().mutate(key, Mutation.replace(values.get(i), expiry.update()), route));
            } else {
                results.add(batch.commands().mutate(key, Mutation.putIfAbsent(values.get(i), expiry.creation()),
                        route));
            }
        }
        List<MutateResult> outcomes = batch.await(awaiter, results);
        List<MutateResult> settled = new ArrayList<>(outcomes.size());
        for (int i = 0; i < outcomes.size(); i++) {
            MutateResult outcome = outcomes.get(i);
            if (outcome.outcome() == MutateResult.CONDITION_FAILED && !onlyIfAbsent) {
                // The entry appeared or vanished between the probe and the write: settle it on its own.
                outcome = writes.put(keys.get(i), values.get(i), false);
            }
            settled.add(outcome);
        }
        return settled;
    }
}
