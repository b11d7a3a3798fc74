package io.github.redisjcache.cache;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import javax.cache.CacheException;

import io.github.redisjcache.keys.CacheKeys;
import io.github.redisjcache.store.Awaiter;
import io.github.redisjcache.store.Commands;
import io.github.redisjcache.store.Mutation;
import io.github.redisjcache.store.TtlCode;

/**
 * A per-key lock in Redis that makes entry processors on one key take turns across JVMs (cache setting
 * {@code invoke-lock}): {@code SET NX PX} with a token of the holder, released by a compare-and-delete.
 *
 * <p>The lock only saves work; it never decides correctness. The compare-and-set that commits a processor's outcome
 * stays, so a lock that lapses while its holder still runs (a processor slower than the lease, a JVM that died
 * holding it) costs a repeated processor run, never a lost update; and a caller that waited a whole lease without
 * getting the lock runs anyway rather than fail.
 */
final class InvokeLock {

    private static final long LONGEST_PAUSE_MILLIS = 50;

    private final Commands redis;
    private final Awaiter awaiter;
    private final CacheKeys keys;
    private final long leaseMillis;
    private final String owner = UUID.randomUUID().toString();
    private final AtomicLong turns = new AtomicLong();

    /**
     * Creates the lock of one cache instance.
     *
     * @param redis       the commands
     * @param awaiter     waits for replies
     * @param keys        the cache's keys
     * @param leaseMillis how long a holder keeps the lock at most
     */
    InvokeLock(Commands redis, Awaiter awaiter, CacheKeys keys, long leaseMillis) {
        this.redis = redis;
        this.awaiter = awaiter;
        this.keys = keys;
        this.leaseMillis = leaseMillis;
    }

    /**
     * Takes the lock of an entry, waiting while another holds it, at most one lease.
     *
     * @param entryKey the entry key
     * @return the token that holds the lock, or null when the wait ended without it (the caller goes on unlocked)
     * @throws CacheException when Redis fails or the thread is interrupted while waiting
     */
    byte[] acquire(byte[] entryKey) {
        byte[] lockKey = keys.invokeLock(entryKey);
        byte[] token = (owner + ":" + turns.incrementAndGet()).getBytes(StandardCharsets.UTF_8);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(leaseMillis);
        long pause = 1;
        while (!awaiter.await("invoke (taking the invoke lock)", redis.setIfAbsent(lockKey, token, leaseMillis))) {
            if (System.nanoTime() - deadline >= 0) {
                return null;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(pause));
            if (Thread.currentThread().isInterrupted()) {
                throw new CacheException("Interrupted while waiting for the invoke lock");
            }
            pause = Math.min(pause * 2, LONGEST_PAUSE_MILLIS);
        }
        return token;
    }

    /**
     * Releases the lock of an entry if the token still holds it (it may have lapsed and gone to another).
     *
     * @param entryKey the entry key
     * @param token    what {@link #acquire} returned
     */
    void release(byte[] entryKey, byte[] token) {
        // Asked for its outcome alone: a lock that lapsed and went to another is left to it, and nothing more is read.
        awaiter.await("invoke (releasing the invoke lock)", redis.mutate(keys.invokeLock(entryKey),
                Mutation.commit(token, Mutation.CommitAction.DELETE, null, TtlCode.EXPIRE_NOW, TtlCode.UNCHANGED)
                        .withValues(false), null));
    }
}
