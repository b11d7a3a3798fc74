package io.github.redisjcache;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.spi.CachingProvider;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.redisjcache.cache.RedisCache;
import io.github.redisjcache.config.ConfigurationMerger;
import io.github.redisjcache.config.EventSettings;
import io.github.redisjcache.config.ManagerConfiguration;
import io.github.redisjcache.config.RedisCacheConfiguration;
import io.github.redisjcache.config.StoredConfiguration;
import io.github.redisjcache.connection.ConnectionRegistry;
import io.github.redisjcache.connection.SharedConnection;
import io.github.redisjcache.event.EventHub;
import io.github.redisjcache.keys.CacheKeys;
import io.github.redisjcache.keys.KeyNames;
import io.github.redisjcache.store.Awaiter;
import io.github.redisjcache.store.RedisStore;

/**
 * A {@link CacheManager} whose caches live in Redis; one per (class loader, URI), as the specification says.
 *
 * <p>A cache's configuration is stored in Redis next to its entries, so that another JVM's {@link #getCache} finds
 * a cache created elsewhere, and a {@link #createCache} of a name that exists in Redis joins it when the
 * configurations are compatible and fails, naming the differences, when they are not.
 */
final class RedisCacheManager implements CacheManager {

    private static final Logger LOG = LoggerFactory.getLogger(RedisCacheManager.class);
    /** How long a destroyed cache's tombstone lives: how long a manager may miss the news and still learn of it. */
    private static final long TOMBSTONE_MILLIS = TimeUnit.DAYS.toMillis(1);

    private final RedisCachingProvider provider;
    private final URI uri;
    private final ClassLoader classLoader;
    private final Properties properties;
    private final ManagerConfiguration settings;
    private final ConnectionRegistry.Lease lease;
    private final RedisStore store;
    private final ExecutorService background;
    private final EventHub eventHub;
    private final CacheFactory factory;
    private final Awaiter awaiter;
    private final DestroyNotices destroyNotices;
    private final Map<String, RedisCache<?, ?>> caches = new ConcurrentHashMap<>();
    private final Map<RedisCache<?, ?>, DestroyNotices.Watch> destroyWatches = new ConcurrentHashMap<>();
    private volatile boolean closed;

    RedisCacheManager(RedisCachingProvider provider, URI uri, ClassLoader classLoader, Properties properties) {
        this.provider = provider;
        this.uri = uri;
        this.classLoader = classLoader;
        this.properties = properties;
        this.settings = ManagerConfiguration.load(uri, properties, classLoader, provider.getDefaultURI());
        this.lease = ConnectionRegistry.acquire(settings.connection());
        SharedConnection connection = lease.connection();
        this.store = new RedisStore(connection);
        this.background = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "redis-jcache-loader");
            thread.setDaemon(true);
            return thread;
        });
        EventSettings events = settings.events();
        this.eventHub = new EventHub(store, events.listenerLease(), events.expiryGrace(), events.expirySweep());
        this.factory = new CacheFactory(this, store, classLoader, background, eventHub);
        this.awaiter = new Awaiter("cache manager " + uri, connection.operationTimeout().toMillis(),
                connection.replyWatchdog());
        this.destroyNotices = new DestroyNotices(connection.client(), background);
        store.preloadScripts().exceptionally(failure -> null);
    }

    @Override
    public CachingProvider getCachingProvider() {
        return provider;
    }

    @Override
    public URI getURI() {
        return uri;
    }

    @Override
    public ClassLoader getClassLoader() {
        return classLoader;
    }

    @Override
    public Properties getProperties() {
        return properties;
    }

    @Override
    public <K, V, C extends Configuration<K, V>> Cache<K, V> createCache(String cacheName, C configuration) {
        requireOpen();
        Objects.requireNonNull(cacheName, "cacheName");
        Objects.requireNonNull(configuration, "configuration");
        synchronized (caches) {
            if (caches.containsKey(cacheName)) {
                throw new CacheException("A cache named " + cacheName + " already exists in this cache manager");
            }
            RedisCacheConfiguration<K, V> effective = ConfigurationMerger.merge(configuration,
                    settings.templateFor(cacheName), classLoader);
            CacheFactory.Prepared<K, V> prepared = factory.prepare(effective);
            String incarnation = storeOrJoin(cacheName, prepared);
            RedisCache<K, V> cache = factory.create(cacheName, prepared, this::forget);
            caches.put(cacheName, cache);
            watchDestroy(cache, incarnation);
            return cache;
        }
    }

    /**
     * Records the configuration in Redis, or checks it against the one recorded by whoever created the cache.
     *
     * @return the incarnation of the cache: new when this call created it, else the one recorded
     */
    private String storeOrJoin(String cacheName, CacheFactory.Prepared<?, ?> prepared) {
        CacheKeys keys = KeyNames.withPrefix(prepared.configuration.getKeyPrefix()).cache(cacheName);
        String incarnation = UUID.randomUUID().toString();
        byte[] json = StoredConfiguration.toJson(prepared.configuration, prepared.expiryPolicy, incarnation);
        byte[] configKey = keys.config().getBytes(StandardCharsets.UTF_8);
        for (int attempt = 0; attempt < 10; attempt++) {
            if (await(store.single().setIfAbsent(configKey, json, 0))) {
                // A tombstone of an earlier incarnation is history now; left, it would make a loss of this
                // configuration (an eviction) look like a destroy.
                await(store.single().delete(keys.tombstone().getBytes(StandardCharsets.UTF_8)));
                return incarnation;
            }
            byte[] stored = await(store.single().get(configKey));
            if (stored == null) {
                continue;
            }
            List<String> differences = StoredConfiguration.differences(stored, prepared.configuration,
                    prepared.expiryPolicy);
            if (differences.isEmpty()) {
                return StoredConfiguration.incarnationOf(stored);
            }
            throw new CacheException("Cache " + cacheName + " exists in Redis with a configuration this one is not "
                    + "compatible with: " + String.join("; ", differences)
                    + ". Use the same settings, or destroy the cache first (CacheManager.destroyCache).");
        }
        throw new CacheException("Cache " + cacheName + " was created and destroyed repeatedly meanwhile");
    }

    @Override
    public <K, V> Cache<K, V> getCache(String cacheName, Class<K> keyType, Class<V> valueType) {
        requireOpen();
        Objects.requireNonNull(keyType, "keyType");
        Objects.requireNonNull(valueType, "valueType");
        Cache<K, V> cache = getCache(cacheName);
        if (cache == null) {
            return null;
        }
        CompleteConfiguration<?, ?> configuration = cache.getConfiguration(CompleteConfiguration.class);
        if (!configuration.getKeyType().equals(keyType)) {
            throw new ClassCastException("Cache " + cacheName + " has keys of " + configuration.getKeyType().getName()
                    + ", not " + keyType.getName());
        }
        if (!configuration.getValueType().equals(valueType)) {
            throw new ClassCastException("Cache " + cacheName + " has values of "
                    + configuration.getValueType().getName() + ", not " + valueType.getName());
        }
        return cache;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> Cache<K, V> getCache(String cacheName) {
        requireOpen();
        Objects.requireNonNull(cacheName, "cacheName");
        RedisCache<?, ?> cache = caches.get(cacheName);
        if (cache != null) {
            return (Cache<K, V>) cache;
        }
        synchronized (caches) {
            cache = caches.get(cacheName);
            if (cache == null) {
                cache = open(cacheName);
            }
            return (Cache<K, V>) cache;
        }
    }

    /** Opens a cache that another JVM (or an earlier run) created, from the configuration stored in Redis. */
    private RedisCache<?, ?> open(String cacheName) {
        CacheKeys keys = KeyNames.withPrefix(settings.keyPrefixFor(cacheName)).cache(cacheName);
        byte[] stored = await(store.single().get(keys.config().getBytes(StandardCharsets.UTF_8)));
        if (stored == null) {
            return null;
        }
        RedisCacheConfiguration<Object, Object> configuration = ConfigurationMerger.merge(
                StoredConfiguration.fromJson(stored, classLoader), settings.templateFor(cacheName), classLoader);
        CacheFactory.Prepared<Object, Object> prepared = factory.prepare(configuration);
        RedisCache<Object, Object> cache = factory.create(cacheName, prepared, this::forget);
        caches.put(cacheName, cache);
        watchDestroy(cache, StoredConfiguration.incarnationOf(stored));
        return cache;
    }

    /** Closes the instance when another cache manager, here or in another JVM, destroys its cache. */
    private void watchDestroy(RedisCache<?, ?> cache, String incarnation) {
        String prefix = cache.getConfiguration(RedisCacheConfiguration.class).getKeyPrefix();
        CacheKeys keys = KeyNames.withPrefix(prefix).cache(cache.getName());
        destroyWatches.put(cache, destroyNotices.watch(prefix, cache.getName(), incarnation,
                () -> destroyedMeanwhile(keys, incarnation), () -> {
            if (!cache.isClosed()) {
                LOG.info("Cache {} was destroyed through another cache manager; closing it in {}", cache.getName(),
                        uri);
                cache.close();
            }
        }));
    }

    /**
     * Tells whether an incarnation of a cache is gone though its news may not have arrived: another incarnation is
     * stored, or none is and the tombstone {@code destroyCache} leaves for a day says the cache was destroyed. A
     * configuration missing without a tombstone is Redis's data lost (a restart without persistence, a flush), not a
     * destroy: the instance stays open.
     */
    private boolean destroyedMeanwhile(CacheKeys keys, String incarnation) {
        byte[] stored = await(store.single().get(keys.config().getBytes(StandardCharsets.UTF_8)));
        if (stored != null) {
            try {
                return !incarnation.equals(StoredConfiguration.incarnationOf(stored));
            } catch (RuntimeException e) {
                // Written by another version, or unreadable: this instance cannot belong to it.
                return true;
            }
        }
        return await(store.single().exists(keys.tombstone().getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public Iterable<String> getCacheNames() {
        requireOpen();
        return Collections.unmodifiableSet(new LinkedHashSet<>(caches.keySet()));
    }

    @Override
    public void destroyCache(String cacheName) {
        requireOpen();
        Objects.requireNonNull(cacheName, "cacheName");
        RedisCache<?, ?> cache;
        synchronized (caches) {
            cache = caches.get(cacheName);
        }
        String prefix = cache != null
                ? cache.getConfiguration(RedisCacheConfiguration.class).getKeyPrefix()
                : settings.keyPrefixFor(cacheName);
        CacheKeys keys = KeyNames.withPrefix(prefix).cache(cacheName);
        byte[] configKey = keys.config().getBytes(StandardCharsets.UTF_8);
        String incarnation = incarnationToDestroy(cache, configKey);
        try {
            if (cache != null) {
                // First, so that no loadAll of this instance stores entries after they are removed.
                cache.close();
            }
        } finally {
            if (incarnation != null) {
                // First, so that a manager that misses the news and checks finds either the configuration of the
                // incarnation it has open (then the news is still to come) or the tombstone.
                await(store.single().set(keys.tombstone().getBytes(StandardCharsets.UTF_8),
                        incarnation.getBytes(StandardCharsets.UTF_8), TOMBSTONE_MILLIS));
            }
            store.deleteMatching(keys.entryPattern(), awaiter);
            await(store.single().delete(configKey));
            if (incarnation != null) {
                await(destroyNotices.announce(prefix, cacheName, incarnation));
            }
        }
    }

    /** @return the incarnation whose instances elsewhere must close, or null when there is none to tell of */
    private String incarnationToDestroy(RedisCache<?, ?> cache, byte[] configKey) {
        DestroyNotices.Watch watch = cache == null ? null : destroyWatches.get(cache);
        if (watch != null) {
            return watch.incarnation();
        }
        byte[] stored = await(store.single().get(configKey));
        if (stored == null) {
            return null;
        }
        try {
            return StoredConfiguration.incarnationOf(stored);
        } catch (RuntimeException e) {
            // Unreadable, or written by another version: nobody here can have it open.
            return null;
        }
    }

    @Override
    public void enableManagement(String cacheName, boolean enabled) {
        requireOpen();
        Objects.requireNonNull(cacheName, "cacheName");
        RedisCache<?, ?> cache = caches.get(cacheName);
        if (cache != null) {
            cache.setManagementEnabled(enabled);
        }
    }

    @Override
    public void enableStatistics(String cacheName, boolean enabled) {
        requireOpen();
        Objects.requireNonNull(cacheName, "cacheName");
        RedisCache<?, ?> cache = caches.get(cacheName);
        if (cache != null) {
            cache.setStatisticsEnabled(enabled);
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        provider.release(this);
        List<RuntimeException> failures = new ArrayList<>();
        for (RedisCache<?, ?> cache : new ArrayList<>(caches.values())) {
            try {
                cache.close();
            } catch (RuntimeException e) {
                failures.add(e);
            }
        }
        caches.clear();
        try {
            destroyNotices.close();
        } catch (RuntimeException e) {
            failures.add(e);
        }
        try {
            eventHub.close();
        } catch (RuntimeException e) {
            failures.add(e);
        }
        background.shutdown();
        lease.close();
        if (!failures.isEmpty()) {
            CacheException failure = new CacheException("Closing cache manager " + uri + " failed",
                    failures.get(0));
            failures.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public <T> T unwrap(Class<T> clazz) {
        if (clazz.isInstance(this)) {
            return clazz.cast(this);
        }
        throw new IllegalArgumentException("Cannot unwrap a Redis cache manager to " + clazz.getName());
    }

    private void forget(RedisCache<?, ?> cache) {
        caches.remove(cache.getName(), cache);
        DestroyNotices.Watch watch = destroyWatches.remove(cache);
        if (watch != null) {
            watch.close();
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("Cache manager " + uri + " is closed");
        }
    }

    private <T> T await(java.util.concurrent.CompletableFuture<T> future) {
        return awaiter.await("a cache configuration lookup", future);
    }
}
