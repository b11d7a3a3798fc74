package io.github.redisjcache.connection;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a client's shutdown on a daemon thread of its own and waits for it only so long. Redisson waits for its Netty
 * event loops to end without a bound, and Netty 4.2's io_uring event loop can stay stuck in its own cleanup for good
 * (waiting in {@code IoUringIoHandler.drainEventFd} for an eventfd read that never completes: seen once here, while a
 * TCK run on Redis Cluster closed a cache manager; netty/netty#15582 reports the same). A shutdown left behind costs
 * a stuck thread, not the caller's close; the event loops' threads are daemons ({@link EventLoops}), so it does not
 * keep the JVM from exiting either.
 */
final class BoundedShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(BoundedShutdown.class);

    private BoundedShutdown() {
    }

    /**
     * Runs a shutdown and waits for it at most {@code bound}.
     *
     * @param shutdown the shutdown
     * @param bound    how long to wait
     * @param subject  what is shut down, for the warning (no secrets)
     * @return whether the shutdown finished in time
     * @throws RuntimeException what the shutdown threw, when it finished in time by throwing
     */
    static boolean run(Runnable shutdown, Duration bound, String subject) {
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                shutdown.run();
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "redis-jcache-shutdown");
        thread.setDaemon(true);
        thread.start();
        try {
            thread.join(bound.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("The shutdown of the connection to {} did not finish within {} ms; its threads are left to end "
                    + "on their own (Netty's io_uring event loop can hang in its cleanup: set transport: epoll to "
                    + "avoid it)", subject, bound.toMillis());
            return false;
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return true;
    }
}
