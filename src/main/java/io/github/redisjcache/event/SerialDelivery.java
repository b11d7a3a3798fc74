package io.github.redisjcache.event;

import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Runs tasks one at a time, in the order they came, on a background thread made when first needed. A caller that may
 * run a task itself (the Redis client's thread delivering an event from another JVM) does so when nothing is queued
 * or running: handing each event to the background thread cost the listening JVM about a third of its CPU per event
 * when events came one at a time (a thread wake-up each).
 */
final class SerialDelivery {

    private final String threadName;
    private final Object lock = new Object();
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private ExecutorService executor;
    private boolean busy;
    private boolean shutDown;

    /** @param threadName the name of the background thread */
    SerialDelivery(String threadName) {
        this.threadName = threadName;
    }

    /**
     * Queues a task for the background thread, after every task submitted or running before it.
     *
     * @param task the task, which handles its own failures
     */
    void submit(Runnable task) {
        synchronized (lock) {
            if (shutDown) {
                return;
            }
            queue.add(task);
            if (!busy) {
                busy = true;
                executor().execute(this::drain);
            }
        }
    }

    /**
     * Runs a task on the calling thread when nothing is queued or running, otherwise queues it like {@link #submit}.
     *
     * @param task the task, which handles its own failures
     */
    void runOrSubmit(Runnable task) {
        if (claimOrSubmit(task)) {
            runClaimed(task);
        }
    }

    /**
     * The first half of {@link #runOrSubmit}, for a caller that decides the task's place under its own lock and runs
     * it after releasing that lock: queues the task unless nothing is queued or running.
     *
     * @param task the task, which handles its own failures
     * @return true when the caller must now run the task with {@link #runClaimed} (nothing else runs until it has)
     */
    boolean claimOrSubmit(Runnable task) {
        synchronized (lock) {
            if (shutDown) {
                return false;
            }
            if (busy) {
                queue.add(task);
                return false;
            }
            busy = true;
            return true;
        }
    }

    /**
     * Runs a task that {@link #claimOrSubmit} let the caller run, then hands what came meanwhile to the background
     * thread.
     *
     * @param task the claimed task
     */
    void runClaimed(Runnable task) {
        try {
            task.run();
        } finally {
            synchronized (lock) {
                handOver();
            }
        }
    }

    /**
     * Takes no more tasks, and waits for the queued ones to run.
     *
     * @param timeoutMillis the longest wait
     */
    void shutDown(long timeoutMillis) {
        ExecutorService stopping;
        synchronized (lock) {
            shutDown = true;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            long left = timeoutMillis;
            while (busy && left > 0) {
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            }
            stopping = executor;
            executor = null;
        }
        if (stopping != null) {
            // A task still running after the wait finishes on its own, with those queued behind it.
            stopping.shutdown();
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (lock) {
                next = queue.poll();
                if (next == null) {
                    idle();
                    return;
                }
            }
            boolean ran = false;
            try {
                next.run();
                ran = true;
            } finally {
                if (!ran) {
                    // The task threw: this thread ends, and the rest goes on on a fresh one.
                    synchronized (lock) {
                        handOver();
                    }
                }
            }
        }
    }

    // Called with the lock held, by the thread that has been running tasks.
    private void handOver() {
        if (queue.isEmpty()) {
            idle();
        } else if (shutDown && executor == null) {
            // Shut down and no longer waited for: what is left is dropped, as a closed cache's events are.
            queue.clear();
            idle();
        } else {
            executor().execute(this::drain);
        }
    }

    // Called with the lock held.
    private void idle() {
        busy = false;
        lock.notifyAll();
    }

    // Called with the lock held.
    private ExecutorService executor() {
        if (executor == null) {
            executor = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, threadName);
                thread.setDaemon(true);
                return thread;
            });
        }
        return executor;
    }
}
