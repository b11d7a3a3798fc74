package io.github.redisjcache.cache;

import io.github.redisjcache.store.Awaiter;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

import io.github.redisjcache.event.CacheEvents;
import io.github.redisjcache.event.EventHub;
import io.github.redisjcache.expiry.ExpiryRules;
import io.github.redisjcache.integration.Loader;
import io.github.redisjcache.integration.Writer;
import io.github.redisjcache.keys.CacheKeys;
import io.github.redisjcache.management.CacheStatistics;
import io.github.redisjcache.management.JmxRegistration;
import io.github.redisjcache.store.Commands;
import io.github.redisjcache.store.RedisStore;

/**
 * The collaborators of one cache, assembled by the cache factory and shared by the classes that run its
 * operations.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class CacheParts<K, V> {

    final EntryCodec<K, V> codec;
    final CacheKeys keys;
    final RedisStore store;
    final Commands redis;
    final ExpiryRules expiry;
    final Loader<K, V> loader;
    final Loader<K, V> reader;
    final Writer<K, V> writer;
    final CacheEvents<K, V> events;
    final CacheStatistics statistics;
    final JmxRegistration jmx;
    final Awaiter awaiter;
    final Writes writes;
    final CommittedValues committed = new CommittedValues();
    final BackgroundWork background;
    final EvictionCount evictions;

    /**
     * Assembles the parts.
     *
     * @param cacheName         the cache's name
     * @param codec             the key and value encoding
     * @param keys              the cache's key names
     * @param store             the Redis store
     * @param expiry            the expiry rules
     * @param loader            the loader created from the configuration, or null
     * @param readThrough       whether misses load through the loader
     * @param writer            the writer (inactive when the cache does not write through)
     * @param events            the cache's events
     * @param statistics        the statistics
     * @param jmx               the MXBean registration
     * @param background        runs loadAll in the background
     * @param hub               the manager's link to Redis notifications, which report evictions
     */
    public CacheParts(String cacheName, EntryCodec<K, V> codec, CacheKeys keys, RedisStore store,
                      ExpiryRules expiry, Loader<K, V> loader, boolean readThrough, Writer<K, V> writer,
                      CacheEvents<K, V> events, CacheStatistics statistics, JmxRegistration jmx,
                      Executor background, EventHub hub) {
        this.codec = codec;
        this.keys = keys;
        this.store = store;
        this.redis = store.single();
        this.expiry = expiry;
        this.loader = loader;
        this.reader = readThrough ? loader : null;
        this.writer = writer;
        this.events = events;
        this.statistics = statistics;
        this.jmx = jmx;
        this.awaiter = new Awaiter("cache " + cacheName, store.connection().operationTimeout().toMillis(),
                store.connection().replyWatchdog());
        this.writes = new Writes(redis, expiry, events, awaiter, committed);
        this.background = new BackgroundWork(background);
        this.evictions = new EvictionCount(hub, keys, statistics);
    }

    List<Exception> closeIntegrations() {
        List<Exception> failures = new ArrayList<>();
        try {
            if (loader != null) {
                loader.close();
            }
        } catch (IOException | RuntimeException e) {
            failures.add(e);
        }
        try {
            writer.close();
        } catch (IOException | RuntimeException e) {
            failures.add(e);
        }
        if (expiry.policy() instanceof Closeable) {
            try {
                ((Closeable) expiry.policy()).close();
            } catch (IOException | RuntimeException e) {
                failures.add(e);
            }
        }
        return failures;
    }
}
