package io.github.redisjcache.cache;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The bytes entry processors of one cache instance last committed, at most one key per stripe, so that the next
 * processor of the same key starts from them instead of reading the entry: a round trip and a {@code GET} saved on
 * every {@code invoke} of a key this instance keeps updating (a counter, a rate limit).
 *
 * <p>Kept bytes are only a guess, which the processor's compare-and-set proves. Writes through this instance forget
 * the key's bytes, so a guess goes stale only when another instance writes the entry (or it expires), and then costs
 * a refused compare-and-set and a second run of the processor. After a stale guess the stripe keeps nothing for a
 * while: a key that other instances also write is read as before.
 *
 * <p>Bytes are kept while no processor waits for the key only if they are small, so that a cache holds at most
 * {@value #STRIPES} × {@value #KEPT_LIMIT} bytes; the invoker hands larger ones to a processor already waiting only.
 */
final class CommittedValues {

    /** Enough stripes that unrelated keys rarely wait for each other (or displace each other's bytes). */
    static final int STRIPES = 256;

    /** The largest value kept for a processor that is not yet waiting. */
    static final int KEPT_LIMIT = 2048;

    /** How many commits of a stripe are not kept after a kept guess proved stale. */
    static final int DISTRUSTED_COMMITS = 16;

    private final AtomicReferenceArray<Committed> slots = new AtomicReferenceArray<>(STRIPES);
    // Whether any bytes were ever offered: until then, writes of a cache that never invokes skip hashing their key.
    private volatile boolean used;
    // Per stripe, guarded by the invoker's lock of that stripe: commits not to keep.
    private final int[] distrust = new int[STRIPES];

    /** The stripe of an entry key. */
    static int stripe(byte[] entryKey) {
        return Math.floorMod(Arrays.hashCode(entryKey), STRIPES);
    }

    /**
     * Takes the bytes kept for a key, leaving the stripe empty; called under the stripe's lock.
     *
     * @return the bytes, or null when the stripe holds none for this key
     */
    byte[] take(int stripe, byte[] entryKey) {
        Committed committed = slots.get(stripe);
        if (committed == null) {
            return null;
        }
        if (!Arrays.equals(committed.entryKey(), entryKey)) {
            if (committed.value().length > KEPT_LIMIT) {
                // Left for a waiting processor, but one of another key came first: large bytes are not held on.
                slots.compareAndSet(stripe, committed, null);
            }
            return null;
        }
        slots.compareAndSet(stripe, committed, null);
        return committed.value();
    }

    /**
     * Offers the bytes a processor just committed; called under the stripe's lock.
     *
     * @param awaited whether a processor of the stripe already waits, which takes them whatever their size
     */
    void offer(int stripe, byte[] entryKey, byte[] value, boolean awaited) {
        if (!awaited) {
            if (value.length > KEPT_LIMIT) {
                return;
            }
            if (distrust[stripe] > 0) {
                distrust[stripe]--;
                return;
            }
        }
        if (!used) {
            used = true;
        }
        slots.set(stripe, new Committed(entryKey, value));
    }

    /** Notes that a guess of the stripe proved stale; called under the stripe's lock. */
    void distrust(int stripe) {
        distrust[stripe] = DISTRUSTED_COMMITS;
    }

    /**
     * Forgets a key's bytes: this instance is about to write the entry otherwise than by a processor, or to read it
     * with an access expiry of zero, which deletes it.
     */
    void forget(byte[] entryKey) {
        if (!used) {
            return;
        }
        int stripe = stripe(entryKey);
        Committed committed = slots.get(stripe);
        if (committed != null && Arrays.equals(committed.entryKey(), entryKey)) {
            slots.compareAndSet(stripe, committed, null);
        }
    }

    /** Forgets every key's bytes: this instance is about to delete entries it cannot name one by one. */
    void forgetAll() {
        if (!used) {
            return;
        }
        for (int i = 0; i < STRIPES; i++) {
            slots.set(i, null);
        }
    }

    /** Bytes a processor committed, and the key it committed them to. */
    private record Committed(byte[] entryKey, byte[] value) {
    }
}
