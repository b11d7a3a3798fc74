package io.github.redisjcache.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits, with a deadline, for something that happens asynchronously. */
public final class Eventually {

    private Eventually() {
    }

    /**
     * Polls a condition until it holds.
     *
     * @param within    the deadline
     * @param what      what is awaited, for the failure message
     * @param condition the condition
     * @return how long it took
     * @throws AssertionError when the deadline passes first
     */
    public static Duration await(Duration within, String what, BooleanSupplier condition) {
        long start = System.nanoTime();
        long deadline = start + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + within + " waiting for " + what);
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted waiting for " + what, e);
            }
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }
}
