package io.github.redisjcache;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;

import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;

/**
 * The JCache provider of redis-jcache: {@code Caching.getCachingProvider()} finds it through
 * {@code META-INF/services/javax.cache.spi.CachingProvider}.
 *
 * <p>A cache manager's URI says where its configuration comes from: the {@linkplain #getDefaultURI() default URI}
 * connects with the default settings (system property {@code redisjcache.uri}, else environment variable
 * {@code REDIS_URL}, else {@code redis://127.0.0.1:6379}); a {@code redis://}, {@code rediss://},
 * {@code redis-sentinel://} or {@code redis-cluster://} URI names the server; a {@code file:}, {@code jar:} or
 * {@code classpath:} URI names a YAML configuration file. Managers are kept per class loader and URI.
 */
public final class RedisCachingProvider implements CachingProvider {

    /** The URI of the cache manager that uses the default connection settings. */
    public static final URI DEFAULT_URI = URI.create("redis-jcache:default");

    private final Map<ClassLoader, Map<URI, RedisCacheManager>> managers = new WeakHashMap<>();

    @Override
    public CacheManager getCacheManager(URI uri, ClassLoader classLoader, Properties properties) {
        URI managerUri = uri == null ? getDefaultURI() : uri;
        ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
        Properties managerProperties = properties == null ? new Properties() : copy(properties);
        synchronized (managers) {
            Map<URI, RedisCacheManager> byUri = managers.computeIfAbsent(loader, key -> new HashMap<>());
            RedisCacheManager manager = byUri.get(managerUri);
            if (manager == null || manager.isClosed()) {
                manager = new RedisCacheManager(this, managerUri, loader, managerProperties);
                byUri.put(managerUri, manager);
            }
            return manager;
        }
    }

    @Override
    public CacheManager getCacheManager(URI uri, ClassLoader classLoader) {
        return getCacheManager(uri, classLoader, getDefaultProperties());
    }

    @Override
    public CacheManager getCacheManager() {
        return getCacheManager(getDefaultURI(), getDefaultClassLoader(), getDefaultProperties());
    }

    @Override
    public ClassLoader getDefaultClassLoader() {
        return getClass().getClassLoader();
    }

    @Override
    public URI getDefaultURI() {
        return DEFAULT_URI;
    }

    @Override
    public Properties getDefaultProperties() {
        return new Properties();
    }

    @Override
    public void close() {
        List<RedisCacheManager> all = new ArrayList<>();
        synchronized (managers) {
            managers.values().forEach(byUri -> all.addAll(byUri.values()));
            managers.clear();
        }
        closeAll(all);
    }

    @Override
    public void close(ClassLoader classLoader) {
        ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
        List<RedisCacheManager> all = new ArrayList<>();
        synchronized (managers) {
            Map<URI, RedisCacheManager> byUri = managers.remove(loader);
            if (byUri != null) {
                all.addAll(byUri.values());
            }
        }
        closeAll(all);
    }

    @Override
    public void close(URI uri, ClassLoader classLoader) {
        URI managerUri = uri == null ? getDefaultURI() : uri;
        ClassLoader loader = classLoader == null ? getDefaultClassLoader() : classLoader;
        RedisCacheManager manager = null;
        synchronized (managers) {
            Map<URI, RedisCacheManager> byUri = managers.get(loader);
            if (byUri != null) {
                manager = byUri.remove(managerUri);
                if (byUri.isEmpty()) {
                    managers.remove(loader);
                }
            }
        }
        if (manager != null) {
            manager.close();
        }
    }

    @Override
    public boolean isSupported(OptionalFeature optionalFeature) {
        // Entries live in Redis, so they are always stored by value.
        return false;
    }

    /** Forgets a manager that is closing, so the next request for its URI gets a new one. */
    void release(RedisCacheManager manager) {
        synchronized (managers) {
            Map<URI, RedisCacheManager> byUri = managers.get(manager.getClassLoader());
            if (byUri != null && byUri.get(manager.getURI()) == manager) {
                byUri.remove(manager.getURI());
                if (byUri.isEmpty()) {
                    managers.remove(manager.getClassLoader());
                }
            }
        }
    }

    private static void closeAll(List<RedisCacheManager> all) {
        CacheException failure = null;
        for (RedisCacheManager manager : all) {
            try {
                manager.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = new CacheException("Closing cache managers failed", e);
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static Properties copy(Properties properties) {
        Properties copy = new Properties();
        copy.putAll(properties);
        return copy;
    }
}
