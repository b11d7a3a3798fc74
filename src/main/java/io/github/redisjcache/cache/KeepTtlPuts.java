package io.github.redisjcache.cache;

import io.github.redisjcache.store.Awaiter;
import io.github.redisjcache.store.Commands;
import io.github.redisjcache.store.MutateResult;
import io.github.redisjcache.store.Mutation;
import io.github.redisjcache.store.TtlCode;

/**
 * The puts of a cache whose created entries take a time to live and whose updated entries keep theirs (the Created
 * and Accessed policies), nobody listening, as plain commands: {@code SET XX KEEPTTL} updates, {@code SET NX PX}
 * creates, and each fails exactly where the other would succeed. No one command does both, and the script that does
 * ({@code putkeep.lua}) cost Redis two to four times a {@code SET} per put (BENCHMARKS.md, Profile).
 *
 * <p>A put sends first the command that most of the cache's latest puts succeeded with, and the other only if it
 * fails: one round trip while puts mostly create (puts after reads that missed, the usual way to fill a cache) or
 * mostly update, two for the others. Each put takes effect at the one command that succeeded, so it is atomic, and the
 * entry it creates has its time to live from the start. When both fail, the entry came or went between them, and the
 * script runs instead.
 */
final class KeepTtlPuts {

    // How far the latest puts leaned to updating (0 to MOST) or to creating (-1 to -MOST - 1): a saturating count, so
    // that a cache mostly filled by creating tries SET NX first even when some of its puts update, and the other way.
    // Threads may overwrite each other's steps: it is a guess, and a wrong one costs a round trip, nothing else.
    private static final int MOST = 2;

    private final Commands redis;
    private final Awaiter awaiter;
    // A new cache instance leans to creating: it most likely starts by filling.
    private volatile int leaning = -1;

    KeepTtlPuts(Commands redis, Awaiter awaiter) {
        this.redis = redis;
        this.awaiter = awaiter;
    }

    /**
     * Sets a value whatever the entry holds.
     *
     * @param createTtl the time to live of a created entry, in milliseconds
     * @param wantOld   whether the result must carry the old value
     * @return {@link MutateResult#CREATED}, or {@link MutateResult#UPDATED} with the old value if wanted
     */
    MutateResult put(byte[] key, byte[] value, long createTtl, boolean wantOld) {
        int lean = leaning;
        boolean update = lean >= 0;
        MutateResult result = update ? update(key, value, wantOld) : create(key, value, createTtl);
        if (result == null) {
            update = !update;
            result = update ? update(key, value, wantOld) : create(key, value, createTtl);
        }
        if (result == null) {
            // The entry came or went between the two: the script does both at once.
            return awaiter.await("put", redis.mutate(key,
                    Mutation.put(value, createTtl, TtlCode.UNCHANGED).withValues(wantOld), null));
        }
        int leant = update ? Math.min(lean + 1, MOST) : Math.max(lean - 1, -MOST - 1);
        if (leant != lean) {
            leaning = leant;
        }
        return result;
    }

    private MutateResult update(byte[] key, byte[] value, boolean wantOld) {
        if (wantOld) {
            byte[] old = awaiter.await("getAndPut", redis.replaceAndGet(key, value, TtlCode.UNCHANGED));
            return old == null ? null : new MutateResult(MutateResult.UPDATED, old);
        }
        boolean updated = awaiter.await("put", redis.setIfPresent(key, value, TtlCode.UNCHANGED));
        return updated ? new MutateResult(MutateResult.UPDATED, null) : null;
    }

    private MutateResult create(byte[] key, byte[] value, long createTtl) {
        boolean created = awaiter.await("put", redis.setIfAbsent(key, value, createTtl));
        return created ? new MutateResult(MutateResult.CREATED, null) : null;
    }
}
