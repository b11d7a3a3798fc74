package io.github.redisjcache;

import java.net.URI;

import javax.cache.CacheManager;
import javax.cache.Caching;

/**
 * A second JVM for {@link DestroyedCacheTest}: destroys the cache named as its second argument on the Redis named
 * as its first, prints {@code DESTROYED}, and exits.
 */
public final class DestroyingJvm {

    private DestroyingJvm() {
    }

    public static void main(String[] args) {
        CacheManager manager = Caching.getCachingProvider("io.github.redisjcache.RedisCachingProvider")
                .getCacheManager(URI.create(args[0]), DestroyingJvm.class.getClassLoader());
        try {
            manager.destroyCache(args[1]);
            System.out.println("DESTROYED");
        } finally {
            manager.close();
        }
    }
}
