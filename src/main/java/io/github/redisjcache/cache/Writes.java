package io.github.redisjcache.cache;

import io.github.redisjcache.store.Awaiter;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import javax.cache.CacheException;

import io.github.redisjcache.event.CacheEvents;
import io.github.redisjcache.expiry.ExpiryRules;
import io.github.redisjcache.store.Commands;
import io.github.redisjcache.store.EventRoute;
import io.github.redisjcache.store.MutateResult;
import io.github.redisjcache.store.Mutation;
import io.github.redisjcache.store.TtlCode;

/**
 * The single-entry changes of a cache, each atomic in Redis, in the fewest round trips its expiry policy allows.
 *
 * <p>With a built-in expiry policy and nobody listening, each change is one native command where one suffices
 * (SET with PX, KEEPTTL, NX, XX or GET; GETDEL; UNLINK), and a put of the Created and Accessed policies one or two
 * ({@link KeepTtlPuts}). When someone listens, or the change is conditional on the value, it is one call of
 * {@code mutate.lua}, which also publishes the event (or, for a compare-and-set nobody listens to, of its lean twin
 * {@code swap.lua}). A custom policy must be asked only about what really happens (creation or update), so the
 * entry's state is read first and the change is made on condition that the state still holds, retried if it changed
 * meanwhile.
 */
final class Writes {

    /** How many times a change conditional on a state read just before is retried when the state moved. */
    static final int MAX_ATTEMPTS = 1_000;

    private final Commands redis;
    private final ExpiryRules expiry;
    private final CacheEvents<?, ?> events;
    private final Awaiter awaiter;
    private final CommittedValues committed;
    private final KeepTtlPuts keepTtlPuts;

    Writes(Commands redis, ExpiryRules expiry, CacheEvents<?, ?> events, Awaiter awaiter, CommittedValues committed) {
        this.redis = redis;
        this.expiry = expiry;
        this.events = events;
        this.awaiter = awaiter;
        this.committed = committed;
        this.keepTtlPuts = new KeepTtlPuts(redis, awaiter);
    }

    /**
     * Sets a value whatever the entry holds.
     *
     * @param wantOld whether the caller needs the old value (it returns it, or listeners in this JVM hear of the
     *                change); without it the old value is returned only when it had to be read anyway
     */
    MutateResult put(byte[] key, byte[] value, boolean wantOld) {
        committed.forget(key);
        EventRoute route = events.route(key);
        if (expiry.isFixed()) {
            long create = expiry.creation();
            long update = expiry.update();
            if (route == null) {
                long nativeTtl = TtlCode.singleSet(create, update);
                if (nativeTtl != Long.MIN_VALUE) {
                    if (wantOld) {
                        byte[] old = awaiter.await("getAndPut", redis.setAndGet(key, value, nativeTtl));
                        return new MutateResult(old == null ? MutateResult.CREATED : MutateResult.UPDATED, old);
                    }
                    awaiter.await("put", redis.set(key, value, nativeTtl));
                    return MutateResult.WRITTEN_UNKNOWN;
                }
                if (TtlCode.keptFromCreation(create, update)) {
                    return keepTtlPuts.put(key, value, create, wantOld);
                }
            }
            return mutate("put", key, Mutation.put(value, create, update).withValues(wantOld), route);
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            boolean exists = awaiter.await("put", redis.exists(key));
            MutateResult result = exists ? replaceAsked(key, value, route, true) : createAsked(key, value, route);
            if (result.outcome() != MutateResult.CONDITION_FAILED) {
                return result;
            }
            backoff(attempt);
        }
        throw contention("put");
    }

    /**
     * Sets a value only if the entry is absent.
     *
     * @param wantValues whether listeners in this JVM hear of the change, so that the result must carry an expired
     *                   value the change found and reported; without it the result is the outcome alone
     */
    MutateResult putIfAbsent(byte[] key, byte[] value, boolean wantValues) {
        committed.forget(key);
        EventRoute route = events.route(key);
        if (expiry.isFixed()) {
            long create = expiry.creation();
            if (route == null && create != TtlCode.EXPIRE_NOW) {
                boolean created = awaiter.await("putIfAbsent", redis.setIfAbsent(key, value, create));
                return new MutateResult(created ? MutateResult.CREATED : MutateResult.CONDITION_FAILED, null);
            }
            return mutate("putIfAbsent", key, Mutation.putIfAbsent(value, create).withValues(wantValues), route);
        }
        if (awaiter.await("putIfAbsent", redis.exists(key))) {
            return new MutateResult(MutateResult.CONDITION_FAILED, null);
        }
        return createAsked(key, value, route);
    }

    /**
     * Sets a value only if the entry is present.
     *
     * @param wantOld whether the caller needs the old value (it returns it, or listeners in this JVM hear of the
     *                change); without it the result may carry neither the old value nor an expired one
     */
    MutateResult replace(byte[] key, byte[] value, boolean wantOld) {
        committed.forget(key);
        EventRoute route = events.route(key);
        if (expiry.isFixed()) {
            long update = expiry.update();
            if (route == null && update != TtlCode.EXPIRE_NOW) {
                return replaceNative(key, value, update, wantOld);
            }
            return mutate("replace", key, Mutation.replace(value, update).withValues(wantOld), route);
        }
        if (!awaiter.await("replace", redis.exists(key))) {
            return new MutateResult(MutateResult.CONDITION_FAILED, null);
        }
        return replaceAsked(key, value, route, wantOld);
    }

    /**
     * Sets a value only if the entry holds the expected bytes; otherwise applies the access expiry.
     *
     * @param current the bytes read just before when a custom policy needs them, else null
     */
    MutateResult replaceIfEquals(byte[] key, byte[] expected, byte[] value, byte[] current) {
        committed.forget(key);
        EventRoute route = events.route(key);
        if (expiry.isFixed()) {
            return mutate("replace", key,
                    Mutation.replaceIfEquals(expected, value, expiry.update(), expiry.access()), route);
        }
        if (current == null) {
            return new MutateResult(MutateResult.CONDITION_FAILED, null);
        }
        if (!Arrays.equals(current, expected)) {
            return accessIfUnchanged("replace", key, current, route);
        }
        return mutate("replace", key,
                Mutation.replaceIfEquals(expected, value, expiry.update(), TtlCode.UNCHANGED), route);
    }

    /** Deletes the entry if present; the old value is returned only when asked for or when someone listens. */
    MutateResult remove(byte[] key, boolean wantOld) {
        committed.forget(key);
        EventRoute route = events.route(key);
        if (route != null) {
            MutateResult result = mutate("remove", key, Mutation.remove(), route);
            return result.oldValue() == null ? new MutateResult(MutateResult.CONDITION_FAILED, null) : result;
        }
        if (wantOld) {
            byte[] old = awaiter.await("getAndRemove", redis.getAndDelete(key));
            return new MutateResult(old == null ? MutateResult.CONDITION_FAILED : MutateResult.DELETED, old);
        }
        boolean existed = awaiter.await("remove", redis.delete(key));
        return new MutateResult(existed ? MutateResult.DELETED : MutateResult.CONDITION_FAILED, null);
    }

    /**
     * Deletes the entry only if it holds the expected bytes; otherwise applies the access expiry.
     *
     * @param current the bytes read just before when a custom policy needs them, else null
     */
    MutateResult removeIfEquals(byte[] key, byte[] expected, byte[] current) {
        committed.forget(key);
        EventRoute route = events.route(key);
        if (expiry.isFixed()) {
            return mutate("remove", key, Mutation.removeIfEquals(expected, expiry.access()), route);
        }
        if (current == null) {
            return new MutateResult(MutateResult.CONDITION_FAILED, null);
        }
        if (!Arrays.equals(current, expected)) {
            return accessIfUnchanged("remove", key, current, route);
        }
        return mutate("remove", key, Mutation.removeIfEquals(expected, TtlCode.UNCHANGED), route);
    }

    /**
     * Applies an access expiry decided after a read, if the entry still holds the bytes read.
     *
     * @param accessTtl the access time to live
     */
    MutateResult touch(String operation, byte[] key, byte[] read, long accessTtl) {
        if (accessTtl == TtlCode.UNCHANGED) {
            return new MutateResult(MutateResult.ACCESSED, read);
        }
        if (accessTtl == TtlCode.EXPIRE_NOW) {
            committed.forget(key);
        }
        return mutate(operation, key, Mutation.touchIfEquals(read, accessTtl), events.route(key));
    }

    /** Reads an entry and applies a built-in policy's access expiry in the same command or script. */
    MutateResult getFixed(byte[] key) {
        long access = expiry.access();
        if (access == TtlCode.EXPIRE_NOW) {
            committed.forget(key);
        }
        EventRoute route = events.route(key);
        if (route != null && route.tracksExpiry()) {
            return awaiter.await("get", redis.readTracked(key, access, route));
        }
        if (access == TtlCode.EXPIRE_NOW && route != null) {
            return mutate("get", key, Mutation.touch(access), route);
        }
        byte[] value = awaiter.await("get", redis.getAndTouch(key, access));
        return new MutateResult(access == TtlCode.EXPIRE_NOW && value != null ? MutateResult.ACCESSED_EXPIRED
                : MutateResult.ACCESSED, value);
    }

    /**
     * Reads an entry without applying any expiry; while expiries are reported, an expired entry found here is
     * reported at once.
     */
    MutateResult read(String operation, byte[] key) {
        EventRoute route = events.route(key);
        if (route != null && route.tracksExpiry()) {
            return awaiter.await(operation, redis.readTracked(key, TtlCode.UNCHANGED, route));
        }
        return new MutateResult(MutateResult.ACCESSED, awaiter.await(operation, redis.get(key)));
    }

    private MutateResult accessIfUnchanged(String operation, byte[] key, byte[] current, EventRoute route) {
        long access = expiry.access();
        if (access != TtlCode.UNCHANGED) {
            mutate(operation, key, Mutation.touchIfEquals(current, access), route);
        }
        return new MutateResult(MutateResult.CONDITION_FAILED, current);
    }

    private MutateResult createAsked(byte[] key, byte[] value, EventRoute route) {
        long create = expiry.creation();
        if (route == null && create != TtlCode.EXPIRE_NOW) {
            boolean created = awaiter.await("put", redis.setIfAbsent(key, value, create));
            return new MutateResult(created ? MutateResult.CREATED : MutateResult.CONDITION_FAILED, null);
        }
        return mutate("put", key, Mutation.putIfAbsent(value, create), route);
    }

    private MutateResult replaceAsked(byte[] key, byte[] value, EventRoute route, boolean wantOld) {
        long update = expiry.update();
        if (route == null && update != TtlCode.EXPIRE_NOW) {
            return replaceNative(key, value, update, wantOld);
        }
        return mutate("put", key, Mutation.replace(value, update), route);
    }

    private MutateResult replaceNative(byte[] key, byte[] value, long update, boolean wantOld) {
        if (wantOld) {
            byte[] old = awaiter.await("replace", redis.replaceAndGet(key, value, update));
            return new MutateResult(old == null ? MutateResult.CONDITION_FAILED : MutateResult.UPDATED, old);
        }
        boolean replaced = awaiter.await("replace", redis.setIfPresent(key, value, update));
        return new MutateResult(replaced ? MutateResult.UPDATED : MutateResult.CONDITION_FAILED, null);
    }

    MutateResult mutate(String operation, byte[] key, Mutation mutation, EventRoute route) {
        return awaiter.await(operation, redis.mutate(key, mutation, route));
    }

    static void backoff(int attempt) {
        if (attempt < 3) {
            Thread.onSpinWait();
            return;
        }
        long maxMicros = Math.min(5_000, 10L << Math.min(attempt, 9));
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(1, maxMicros) * 1_000);
    }

    static CacheException contention(String operation) {
        return new CacheException(operation + " gave up after " + MAX_ATTEMPTS
                + " attempts: the entry kept changing between its read and its conditional write");
    }
}
