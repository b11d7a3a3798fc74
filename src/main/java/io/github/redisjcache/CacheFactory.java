package io.github.redisjcache;

import java.util.UUID;
import java.util.concurrent.Executor;

import javax.cache.CacheManager;
import javax.cache.configuration.Factory;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;

import io.github.redisjcache.cache.CacheParts;
import io.github.redisjcache.cache.EntryCodec;
import io.github.redisjcache.cache.RedisCache;
import io.github.redisjcache.codec.ClassAllowList;
import io.github.redisjcache.codec.Codec;
import io.github.redisjcache.codec.Codecs;
import io.github.redisjcache.config.RedisCacheConfiguration;
import io.github.redisjcache.event.CacheEvents;
import io.github.redisjcache.event.EventChannels;
import io.github.redisjcache.event.EventDispatcher;
import io.github.redisjcache.event.EventHub;
import io.github.redisjcache.expiry.ExpiryRules;
import io.github.redisjcache.integration.Loader;
import io.github.redisjcache.integration.Writer;
import io.github.redisjcache.keys.CacheKeys;
import io.github.redisjcache.keys.KeyNames;
import io.github.redisjcache.management.CacheStatistics;
import io.github.redisjcache.management.JmxRegistration;
import io.github.redisjcache.store.RedisStore;

/** Assembles a {@link RedisCache} and its collaborators from an effective configuration. */
final class CacheFactory {

    private final CacheManager manager;
    private final RedisStore store;
    private final ClassLoader classLoader;
    private final Executor background;
    private final EventHub eventHub;

    CacheFactory(CacheManager manager, RedisStore store, ClassLoader classLoader, Executor background,
                 EventHub eventHub) {
        this.manager = manager;
        this.store = store;
        this.classLoader = classLoader;
        this.background = background;
        this.eventHub = eventHub;
    }

    /** The parts of a cache whose construction may fail, made before anything is stored in Redis. */
    static final class Prepared<K, V> {
        final RedisCacheConfiguration<K, V> configuration;
        final ExpiryPolicy expiryPolicy;
        final CacheLoader<K, V> loader;
        final CacheWriter<? super K, ? super V> writer;

        Prepared(RedisCacheConfiguration<K, V> configuration, ExpiryPolicy expiryPolicy, CacheLoader<K, V> loader,
                 CacheWriter<? super K, ? super V> writer) {
            this.configuration = configuration;
            this.expiryPolicy = expiryPolicy;
            this.loader = loader;
            this.writer = writer;
        }
    }

    <K, V> Prepared<K, V> prepare(RedisCacheConfiguration<K, V> configuration) {
        Factory<ExpiryPolicy> expiryFactory = configuration.getExpiryPolicyFactory();
        ExpiryPolicy policy = expiryFactory.create();
        Factory<CacheLoader<K, V>> loaderFactory = configuration.getCacheLoaderFactory();
        Factory<CacheWriter<? super K, ? super V>> writerFactory = configuration.getCacheWriterFactory();
        CacheLoader<K, V> loader = loaderFactory == null ? null : loaderFactory.create();
        CacheWriter<? super K, ? super V> writer = writerFactory == null ? null : writerFactory.create();
        return new Prepared<>(configuration, policy, loader, writer);
    }

    <K, V> RedisCache<K, V> create(String name, Prepared<K, V> prepared, java.util.function.Consumer<RedisCache<?, ?>>
            onClose) {
        RedisCacheConfiguration<K, V> configuration = prepared.configuration;
        CacheKeys keys = KeyNames.withPrefix(configuration.getKeyPrefix()).cache(name);
        ClassAllowList allowList = ClassAllowList.defaults()
                .withTypes(configuration.getKeyType(), configuration.getValueType())
                .withPackages(configuration.getAllowedPackages().toArray(new String[0]));
        Codec base = Codecs.byName(configuration.getCodec(), allowList, classLoader);
        int threshold = configuration.getCompressionThreshold();
        // Values always go through the decompressor, so entries written by a JVM that compresses stay readable.
        Codec values = Codecs.compressed(base, threshold == 0 ? Integer.MAX_VALUE : threshold);
        Codec keyCodec = Codecs.forKeys(base);
        String origin = UUID.randomUUID().toString();
        CacheStatistics statistics = new CacheStatistics(configuration.isStatisticsEnabled());
        JmxRegistration jmx = new JmxRegistration(manager.getURI().toString(), name);
        EventDispatcher<K, V> dispatcher = new EventDispatcher<>(name);
        CacheEvents<K, V> events = new CacheEvents<>(dispatcher, new EventChannels(keys, eventHub),
                eventHub, origin);
        CacheParts<K, V> parts = new CacheParts<>(name, new EntryCodec<>(keys, configuration.getKeyType(),
                configuration.getValueType(), keyCodec, values), keys, store, ExpiryRules.of(prepared.expiryPolicy),
                prepared.loader == null ? null : new Loader<>(prepared.loader), configuration.isReadThrough(),
                new Writer<>(prepared.writer, configuration.isWriteThrough()), events, statistics, jmx, background,
                eventHub);
        return new RedisCache<>(name, manager, configuration, parts, onClose);
    }
}
