package io.github.redisjcache.cache;

import io.github.redisjcache.store.Awaiter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

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

    /**
     * Entries per command of a large putAll or removeAll: a command holds Redis for its whole run ({@code putall.lua}
     * 3-7 µs per entry as measured), and other clients' commands wait; past {@code lua-time-limit} (5 s) a script
     * makes Redis answer BUSY to them.
     */
    private static final int CHUNK = 1_000;

    /** The results {@code putall.lua}'s outcome digits stand for, by digit; WRITTEN for a write of unknown outcome. */
    private static final MutateResult[] OUTCOMES = new MutateResult[MutateResult.WRITTEN + 1];

    static {
        for (int outcome = 0; outcome < MutateResult.WRITTEN; outcome++) {
            OUTCOMES[outcome] = new MutateResult(outcome, null);
        }
        OUTCOMES[MutateResult.WRITTEN] = MutateResult.WRITTEN_UNKNOWN;
    }

    private final RedisStore store;
    private final ExpiryRules expiry;
    private final CacheEvents<?, ?> events;
    private final Awaiter awaiter;
    private final Writes writes;
    private final CommittedValues committed;
    // Whether most entries of the latest putAll existed: putall.lua and MSETEX then try updating them first. A guess
    // that threads may overwrite: a wrong one costs Redis time or a round trip, nothing else. A new cache instance
    // guesses creating, as it most likely starts by filling.
    private volatile boolean updatesFirst;

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
        boolean unheard = !onlyIfAbsent && !events.publishing();
        // The same time to live for created and updated entries (Modified, Touched): one MSETEX where the server has
        // it, else a batch of SET PX, which costs Redis less than a script's calls of it (443 against 722 µs of
        // process CPU per putAll of 100 in JMH). Keys of several hash slots take the batch: MSETEX goes on its own.
        boolean oneSetEach = create == update && create > 0;
        if (unheard && !oneSetEach) {
            return writeUnheard(keys, values, create, update, store.bySlot(keys));
        }
        if (unheard && store.single().setsManyExpiring()) {
            Collection<List<Integer>> slots = store.bySlot(keys);
            if (slots.size() == 1) {
                return writeUnheard(keys, values, create, update, slots);
            }
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
     * Entries nobody listens to: one command per hash slot (per {@value #CHUNK} entries of a larger map). MSET when
     * they never expire. Where the server has MSETEX (Redis 8.4), one when created and updated entries take the same
     * time to live, and one that sets all the entries if all exist (keeping their times to live), or all if none does,
     * for the Created and Accessed policies. Otherwise {@code putall.lua}, which gives each entry the time to live of
     * a created or of an updated one (one call in all rather than a {@code mutate.lua} call per entry).
     */
    private List<MutateResult> writeUnheard(List<byte[]> keys, List<byte[]> values, long create, long update,
                                            Collection<List<Integer>> slots) {
        boolean eternal = create == TtlCode.ETERNAL && (update == TtlCode.UNCHANGED || update == TtlCode.ETERNAL);
        boolean updating = updatesFirst;
        List<List<Integer>> chunks = chunks(slots);
        List<int[]> replies = sendByChunk(chunks, slots.size() == 1, (commands, chunk) -> eternal
                ? commands.setMany(keysAndValues(keys, values, chunk)).<int[]>thenApply(done -> null)
                : putChunk(commands, keys, values, chunk, create, update, updating));
        MutateResult[] results = new MutateResult[keys.size()];
        int created = 0;
        int updated = 0;
        for (int c = 0; c < chunks.size(); c++) {
            List<Integer> chunk = chunks.get(c);
            int[] outcomes = replies.get(c);
            for (int i = 0; i < chunk.size(); i++) {
                int outcome = outcomes == null ? MutateResult.WRITTEN : outcomes[i];
                results[chunk.get(i)] = OUTCOMES[outcome];
                created += outcome == MutateResult.CREATED ? 1 : 0;
                updated += outcome == MutateResult.UPDATED ? 1 : 0;
            }
        }
        if (created != updated && (updated > created) != updating) {
            updatesFirst = updated > created;
        }
        return Arrays.asList(results);
    }

    /**
     * Puts the entries of one chunk by MSETEX where it does what {@code putall.lua} would, else by the script, and by
     * the script when an MSETEX finds that some entries exist and others do not.
     *
     * @return each entry's outcome, or null when they are not known (created or updated alike)
     */
    private static CompletableFuture<int[]> putChunk(Commands commands, List<byte[]> keys, List<byte[]> values,
                                                     List<Integer> chunk, long create, long update, boolean updating) {
        boolean sameTtl = create == update && create > 0;
        if (!commands.setsManyExpiring() || !(sameTtl || TtlCode.keptFromCreation(create, update))) {
            return commands.putMany(pick(keys, chunk), pick(values, chunk), create, update, updating);
        }
        Commands.Existing existing = sameTtl ? Commands.Existing.ANY
                : updating ? Commands.Existing.ALL : Commands.Existing.NONE;
        int[] outcomes = sameTtl ? null : new int[chunk.size()];
        if (outcomes != null) {
            Arrays.fill(outcomes, updating ? MutateResult.UPDATED : MutateResult.CREATED);
        }
        return commands.setManyExpiring(keysAndValues(keys, values, chunk), existing,
                existing == Commands.Existing.ALL ? TtlCode.UNCHANGED : create).thenCompose(set -> set
                        ? CompletableFuture.completedFuture(outcomes)
                        : commands.putMany(pick(keys, chunk), pick(values, chunk), create, update, updating));
    }

    /**
     * Deletes entries nobody listens to: one UNLINK per hash slot (per {@value #CHUNK} keys of a larger set).
     *
     * @param keys the entry keys
     * @return how many of them existed
     */
    long deleteUnheard(List<byte[]> keys) {
        if (keys.isEmpty()) {
            return 0;
        }
        for (byte[] key : keys) {
            committed.forget(key);
        }
        Collection<List<Integer>> slots = store.bySlot(keys);
        long deleted = 0;
        for (long count : sendByChunk(chunks(slots), slots.size() == 1,
                (commands, chunk) -> commands.deleteMany(pick(keys, chunk)))) {
            deleted += count;
        }
        return deleted;
    }

    /**
     * Sends one command per chunk of keys and waits for their replies, in chunk order. On their own when every key
     * is in one hash slot (always on a standalone server): Redisson pipelines them with other threads' commands on
     * the pool's connections, while a batch would hold a connection until its replies came (with the default pool
     * of 2, at most two putAlls in flight whatever the threads). Keys in several slots go as one batch, one round
     * trip per node.
     */
    private <T> List<T> sendByChunk(List<List<Integer>> chunks, boolean oneSlot,
                                    BiFunction<Commands, List<Integer>, CompletableFuture<T>> command) {
        RedisStore.Batch batch = oneSlot ? null : store.batch();
        Commands commands = batch == null ? store.single() : batch.commands();
        List<CompletableFuture<T>> sent = new ArrayList<>(chunks.size());
        for (List<Integer> chunk : chunks) {
            sent.add(command.apply(commands, chunk));
        }
        if (batch != null) {
            return batch.await(awaiter, sent);
        }
        // Named for what it does: putAll, loadAll's stores and removeAll all come here.
        awaiter.await("writing entries", CompletableFuture.allOf(sent.toArray(new CompletableFuture<?>[0])));
        List<T> replies = new ArrayList<>(sent.size());
        for (CompletableFuture<T> reply : sent) {
            replies.add(reply.join());
        }
        return replies;
    }

    /** The slots' key indexes, each slot's cut into runs of at most {@value #CHUNK}. */
    private static List<List<Integer>> chunks(Collection<List<Integer>> slots) {
        List<List<Integer>> chunks = new ArrayList<>();
        for (List<Integer> slot : slots) {
            for (int from = 0; from < slot.size(); from += CHUNK) {
                chunks.add(slot.subList(from, Math.min(slot.size(), from + CHUNK)));
            }
        }
        return chunks;
    }

    private static List<byte[]> pick(List<byte[]> items, List<Integer> indexes) {
        List<byte[]> picked = new ArrayList<>(indexes.size());
        for (int index : indexes) {
            picked.add(items.get(index));
        }
        return picked;
    }

    /** key, value, key, value, ... of the entries at the given indexes. */
    private static List<byte[]> keysAndValues(List<byte[]> keys, List<byte[]> values, List<Integer> indexes) {
        List<byte[]> keysAndValues = new ArrayList<>(indexes.size() * 2);
        for (int index : indexes) {
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
        long singleSet = TtlCode.singleSet(create, update);
        if (route == null && singleSet != Long.MIN_VALUE) {
            return commands.set(key, value, singleSet).thenApply(done -> MutateResult.WRITTEN_UNKNOWN);
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
