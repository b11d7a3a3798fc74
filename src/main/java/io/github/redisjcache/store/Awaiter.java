package io.github.redisjcache.store;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import javax.cache.CacheException;

import io.github.redisjcache.connection.ReplyWatchdog;

/**
 * Waits for Redis replies within the connection's bound, turning failures into {@link CacheException}s that name
 * what was acted on and the operation (never a value).
 */
public final class Awaiter {

    private final String subject;
    private final long timeoutMillis;
    private final ReplyWatchdog watchdog;

    /**
     * Creates an awaiter.
     *
     * @param subject       what the operations act on, for messages: a cache's name, or a description
     * @param timeoutMillis the longest wait for one reply
     * @param watchdog      ends the waits past that bound
     */
    public Awaiter(String subject, long timeoutMillis, ReplyWatchdog watchdog) {
        this.subject = subject;
        this.timeoutMillis = timeoutMillis;
        this.watchdog = watchdog;
    }

    /**
     * Waits for a reply.
     *
     * @param operation the operation, for messages
     * @param future    the reply
     * @param <T>       the reply's type
     * @return the reply
     * @throws CacheException when Redis failed, did not answer in time, or the wait was interrupted
     */
    public <T> T await(String operation, CompletableFuture<T> future) {
        try {
            return watchdog.get(future, timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CacheException("Interrupted during " + operation + " on " + subject, e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof CacheException) {
                throw (CacheException) cause;
            }
            throw new CacheException("Redis failed during " + operation + " on " + subject + ": "
                    + RedisFailures.hideParameters(cause.getMessage()), RedisFailures.scrub(cause));
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new CacheException("No reply from Redis within " + timeoutMillis + " ms during " + operation
                    + " on " + subject, e);
        }
    }

    /** @return the longest wait for one reply, in milliseconds */
    public long timeoutMillis() {
        return timeoutMillis;
    }
}
