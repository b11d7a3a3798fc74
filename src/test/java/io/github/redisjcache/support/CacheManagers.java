package io.github.redisjcache.support;

import java.net.URI;
import java.util.Properties;

import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;

import io.github.redisjcache.RedisCachingProvider;
import io.github.redisjcache.testing.TestRedis;

/** Opens cache managers on the tests' own Redis. */
public final class CacheManagers {

    private CacheManagers() {
    }

    /** @return the provider, found the way users find it */
    public static CachingProvider provider() {
        return Caching.getCachingProvider(RedisCachingProvider.class.getName());
    }

    /**
     * Opens (or returns the open) manager for the test Redis.
     *
     * @return the manager
     */
    public static CacheManager onTestRedis() {
        return provider().getCacheManager(URI.create(TestRedis.get().uri()), CacheManagers.class.getClassLoader());
    }

    /**
     * Opens a manager for the test Redis with properties (a distinct class loader makes it a distinct manager).
     *
     * @param properties the manager's properties
     * @return the manager
     */
    public static CacheManager onTestRedis(Properties properties) {
        return provider().getCacheManager(URI.create(TestRedis.get().uri()), CacheManagers.class.getClassLoader(),
                properties);
    }
}
