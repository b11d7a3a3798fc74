package io.github.redisjcache.cache;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The background work of one cache instance ({@code loadAll}), counted so that closing the cache can wait for it:
 * a loader or writer must not be closed while a background load still uses it, nor may a load store entries after
 * {@code destroyCache} removed them.
 */
final class BackgroundWork {

    private final Executor executor;
    private final ThreadLocal<Boolean> inTask = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private int running;
    private boolean closed;

    /**
     * Creates the work of one cache instance.
     *
     * @param executor the threads that run it
     */
    BackgroundWork(Executor executor) {
        this.executor = executor;
    }

    /**
     * Runs a task in the background.
     *
     * @param task the task
     * @throws IllegalStateException when the cache is closed
     */
    void execute(Runnable task) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("The cache is closed");
            }
            running++;
        }
        try {
            executor.execute(() -> {
                inTask.set(Boolean.TRUE);
                try {
                    task.run();
                } finally {
                    inTask.remove();
                    done();
                }
            });
        } catch (RejectedExecutionException e) {
            done();
            throw new IllegalStateException("The cache manager is closed", e);
        }
    }

    private synchronized void done() {
        running--;
        notifyAll();
    }

    /**
     * Refuses new work and waits for the running work to finish, but not for the task that calls this (a completion
     * listener that closes the cache).
     *
     * @param timeoutMillis the longest wait
     * @return true when no other task still runs
     */
    synchronized boolean close(long timeoutMillis) {
        closed = true;
        int self = inTask.get() ? 1 : 0;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (running > self) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                return false;
            }
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }
}
