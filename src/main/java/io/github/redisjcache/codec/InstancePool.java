package io.github.redisjcache.codec;

import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * A bounded pool of reusable, non-thread-safe instances (Kryo instances, output buffers) that never blocks: an
 * instance is taken from or put back into one of a few slots chosen by the calling thread, with one atomic operation.
 *
 * <p>Kryo's own thread-safe pool is a {@code LinkedBlockingQueue}: two lock round trips per value, and with more
 * threads than cores a preempted lock holder stalls everyone (a decode took twice the CPU at 16 threads on 2 cores).
 * Here a thread usually finds the instance it put back itself. When its slots are empty a new instance is made; when
 * they are full the instance is dropped, so at most {@code slots} instances stay pooled.
 *
 * @param <T> the pooled type
 */
final class InstancePool<T> {

    // Slots a thread tries before making or dropping an instance.
    private static final int PROBES = 4;
    // Slots sit a cache line apart (16 compressed references), so threads on neighbouring slots do not contend.
    private static final int STRIDE = 16;

    private final AtomicReferenceArray<T> slots;
    private final int mask;
    private final Supplier<T> factory;

    /**
     * @param slots   how many instances the pool keeps at most, a power of two
     * @param factory makes an instance when the calling thread finds none
     */
    InstancePool(int slots, Supplier<T> factory) {
        if (slots <= 0 || Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two: " + slots);
        }
        this.slots = new AtomicReferenceArray<>(slots * STRIDE);
        this.mask = slots - 1;
        this.factory = factory;
    }

    /** Returns a pooled instance, or a new one; the caller owns it until it gives it back with {@link #free}. */
    T obtain() {
        int home = home();
        for (int probe = 0; probe < PROBES; probe++) {
            int index = slot(home + probe);
            // Reading first keeps threads that find a slot empty from writing to its cache line.
            if (slots.get(index) != null) {
                T instance = slots.getAndSet(index, null);
                if (instance != null) {
                    return instance;
                }
            }
        }
        return factory.get();
    }

    /** Gives an instance back for reuse; it is dropped when the calling thread's slots are full. */
    void free(T instance) {
        int home = home();
        for (int probe = 0; probe < PROBES; probe++) {
            int index = slot(home + probe);
            if (slots.get(index) == null && slots.compareAndSet(index, null, instance)) {
                return;
            }
        }
    }

    private int slot(int position) {
        return (position & mask) * STRIDE;
    }

    @SuppressWarnings("deprecation") // Thread.threadId() is Java 19+; getId() is the same number.
    private static int home() {
        long id = Thread.currentThread().getId();
        // Fibonacci hashing spreads consecutive thread ids over the slots.
        return (int) ((id * 0x9E3779B97F4A7C15L) >>> 40);
    }
}
