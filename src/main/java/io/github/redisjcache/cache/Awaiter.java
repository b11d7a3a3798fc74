package io.github.redisjcache.cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.cache.CacheException;

/**
 * Waits for Redis replies within the connection's bound, turning failures into {@link CacheException}s that name
 * the cache and the operation (never a value).
 */
final class Awaiter {

    private final String cacheName;
    private final long timeoutMillis;

    Awaiter(String cacheName, long timeoutMillis) {
        this.cacheName = cacheName;
        this.timeoutMillis = timeoutMillis;
    }

    <T> T await(String operation, CompletableFuture<T> future) {
        try {
            return future.get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CacheException("Interrupted during " + operation + " on cache " + cacheName, e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof CacheException) {
                throw (CacheException) cause;
            }
            throw new CacheException("Redis failed during " + operation + " on cache " + cacheName + ": "
                    + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            future.cancel(false);
            throw new CacheException("No reply from Redis within " + timeoutMillis + " ms during " + operation
                    + " on cache " + cacheName, e);
        }
    }

    long timeoutMillis() {
        return timeoutMillis;
    }
}
