package io.github.redisjcache.cache;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;

import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorResult;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.redisjcache.config.RedisCacheConfiguration;
import io.github.redisjcache.event.CacheEvents;
import io.github.redisjcache.event.EventBatch;
import io.github.redisjcache.expiry.ExpiryRules;
import io.github.redisjcache.integration.Loader;
import io.github.redisjcache.integration.Writer;
import io.github.redisjcache.management.CacheConfigurationMXBean;
import io.github.redisjcache.management.CacheStatistics;
import io.github.redisjcache.management.JmxRegistration;
import io.github.redisjcache.store.MutateResult;

/**
 * A {@link Cache} whose entries live in Redis, one Redis key per entry.
 *
 * <p>Every collaborator comes through the constructor (assembled by the cache factory); this class checks the
 * arguments and the state the specification requires, and runs the single-key operations. Bulk operations,
 * iteration and entry processors have classes of their own.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class RedisCache<K, V> implements Cache<K, V> {

    /** How long closing a cache waits for its loadAll calls still running before it closes their loader. */
    static final long BACKGROUND_WAIT_MILLIS = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(RedisCache.class);

    private final String name;
    private final CacheManager manager;
    private final RedisCacheConfiguration<K, V> configuration;
    private final CacheParts<K, V> parts;
    private final Consumer<RedisCache<?, ?>> onClose;
    private final Bulk<K, V> bulk;
    private final Invoker<K, V> invoker;
    private final CacheConfigurationMXBean configurationBean;
    private volatile boolean closed;

    /**
     * Creates a cache; use the cache factory.
     *
     * @param name          the cache's name
     * @param manager       the manager that owns it
     * @param configuration the cache's effective configuration (copied)
     * @param parts         its collaborators
     * @param onClose       told when the cache closes, so the manager forgets it
     */
    public RedisCache(String name, CacheManager manager, RedisCacheConfiguration<K, V> configuration,
                      CacheParts<K, V> parts, Consumer<RedisCache<?, ?>> onClose) {
        this.name = Objects.requireNonNull(name, "name");
        this.manager = Objects.requireNonNull(manager, "manager");
        this.configuration = new RedisCacheConfiguration<>(configuration);
        this.parts = Objects.requireNonNull(parts, "parts");
        this.onClose = Objects.requireNonNull(onClose, "onClose");
        this.bulk = new Bulk<>(this, parts);
        long invokeLock = this.configuration.getInvokeLock().toMillis();
        this.invoker = new Invoker<>(parts, invokeLock == 0 ? null
                : new InvokeLock(parts.redis, parts.awaiter, parts.keys, invokeLock));
        this.configurationBean = new CacheConfigurationMXBean(() -> this.configuration);
        parts.events.attach(this, new io.github.redisjcache.event.EventDecoder<K, V>() {
            @Override
            public K key(byte[] entryKey) {
                return parts.codec.keyOf(entryKey);
            }

            @Override
            public V value(byte[] bytes) {
                return parts.codec.decodeValue(bytes);
            }
        });
        for (CacheEntryListenerConfiguration<K, V> listener
                : this.configuration.getCacheEntryListenerConfigurations()) {
            parts.events.register(listener);
        }
        if (configuration.isManagementEnabled()) {
            parts.jmx.register(JmxRegistration.Kind.CONFIGURATION, configurationBean);
        }
        if (configuration.isStatisticsEnabled()) {
            parts.jmx.register(JmxRegistration.Kind.STATISTICS, parts.statistics);
        }
        parts.evictions.follow(configuration.isStatisticsEnabled());
    }

    @Override
    public V get(K key) {
        requireOpen();
        Objects.requireNonNull(key, "key");
        CacheStatistics statistics = parts.statistics;
        long start = statistics.start();
        byte[] entryKey = parts.codec.entryKey(key);
        EventBatch<K, V> events = parts.events.batch();
        byte[] bytes = read("get", entryKey, key, events);
        V value;
        if (bytes != null) {
            statistics.hits(1);
            value = parts.codec.decodeValue(bytes);
        } else {
            statistics.misses(1);
            value = parts.reader == null ? null : loadMissing(key, entryKey, events);
        }
        statistics.getTime(start);
        parts.events.fire(events);
        return value;
    }

    /**
     * Reads an entry and applies its access expiry: with a built-in policy in the same command, with a custom one
     * asked only on a hit and applied if the entry did not change meanwhile.
     */
    byte[] read(String operation, byte[] entryKey, K key, EventBatch<K, V> events) {
        ExpiryRules expiry = parts.expiry;
        if (expiry.isFixed()) {
            MutateResult result = parts.writes.getFixed(entryKey);
            noteExpired(key, result, events);
            if (result.outcome() == MutateResult.ACCESSED_EXPIRED && events.isActive()
                    && result.expiredValue() == null) {
                events.expired(key, parts.codec.decodeValue(result.oldValue()));
            }
            return result.oldValue();
        }
        MutateResult read = parts.writes.read(operation, entryKey);
        noteExpired(key, read, events);
        byte[] bytes = read.oldValue();
        if (bytes != null) {
            MutateResult touched = parts.writes.touch(operation, entryKey, bytes, expiry.access());
            if (touched.outcome() == MutateResult.ACCESSED_EXPIRED && events.isActive()) {
                events.expired(key, parts.codec.decodeValue(bytes));
            }
        }
        return bytes;
    }

    /**
     * Tells whether a compare-and-change must read the value first: the writer is called only when the value
     * matches, and a custom expiry policy is asked about an update or an access, whichever happens.
     */
    private boolean needsCurrentValue() {
        return parts.writer.isActive() || !parts.expiry.isFixed();
    }

    private byte[] readCurrent(String operation, byte[] entryKey, K key, EventBatch<K, V> events) {
        MutateResult read = parts.writes.read(operation, entryKey);
        noteExpired(key, read, events);
        return read.oldValue();
    }

    /**
     * The bytes a compare-and-change expects, given those the entry holds: the value's former encoding when the
     * entry was written in the codec's earlier format and holds that value, else its encoding now.
     */
    private byte[] expectedBytes(V value, byte[] encoded, byte[] current) {
        if (java.util.Arrays.equals(current, encoded)) {
            return encoded;
        }
        byte[] former = parts.codec.formerEncodingMatching(value, current);
        return former != null ? former : encoded;
    }

    /**
     * After a compare-and-change that did not read first: when it failed on an entry that holds the value in the
     * codec's earlier format, the bytes to try again with (once); else null.
     */
    private byte[] formerAfterFailure(V value, MutateResult result) {
        return result.outcome() == MutateResult.CONDITION_FAILED
                ? parts.codec.formerEncodingMatching(value, result.oldValue()) : null;
    }

    /** Ends an operation that found no entry: a miss. */
    private boolean missed(long start, EventBatch<K, V> events) {
        parts.statistics.misses(1);
        parts.statistics.getTime(start);
        parts.events.fire(events);
        return false;
    }

    private void countRead(boolean hit, long start) {
        if (hit) {
            parts.statistics.hits(1);
        } else {
            parts.statistics.misses(1);
        }
        parts.statistics.getTime(start);
    }

    /** Records the expiry a change or read found unreported and reported (so this JVM's listeners hear it). */
    void noteExpired(K key, MutateResult result, EventBatch<K, V> events) {
        if (result.expiredValue() != null && events.isActive()) {
            events.expired(key, parts.codec.decodeValue(result.expiredValue()));
        }
    }

    /** Loads a missing value through the loader and stores it unless another writer got there first. */
    V loadMissing(K key, byte[] entryKey, EventBatch<K, V> events) {
        V loaded = parts.reader.load(key);
        if (loaded == null) {
            return null;
        }
        MutateResult result = parts.writes.putIfAbsent(entryKey, parts.codec.encodeValue(loaded), events.isActive());
        noteExpired(key, result, events);
        if (result.outcome() == MutateResult.CREATED_EXPIRED) {
            return null;
        }
        if (result.outcome() == MutateResult.CREATED) {
            events.created(key, loaded);
        }
        return loaded;
    }

    @Override
    public Map<K, V> getAll(Set<? extends K> keys) {
        requireOpen();
        return bulk.getAll(keys);
    }

    @Override
    public boolean containsKey(K key) {
        requireOpen();
        Objects.requireNonNull(key, "key");
        return parts.awaiter.await("containsKey", parts.redis.exists(parts.codec.entryKey(key)));
    }

    @Override
    public void loadAll(Set<? extends K> keys, boolean replaceExistingValues, CompletionListener listener) {
        requireOpen();
        bulk.loadAll(keys, replaceExistingValues, listener);
    }

    @Override
    public void put(K key, V value) {
        requireOpen();
        checkKeyAndValue(key, value);
        CacheStatistics statistics = parts.statistics;
        long start = statistics.start();
        byte[] entryKey = parts.codec.entryKey(key);
        byte[] bytes = parts.codec.encodeValue(value);
        parts.writer.write(new CacheEntry<>(key, value));
        EventBatch<K, V> events = parts.events.batch();
        MutateResult result = parts.writes.put(entryKey, bytes, events.isActive());
        noteExpired(key, result, events);
        recordWrite(key, value, result, events);
        if (countsAsPut(result)) {
            statistics.puts(1);
            statistics.putTime(start);
        }
        parts.events.fire(events);
    }

    @Override
    public V getAndPut(K key, V value) {
        requireOpen();
        checkKeyAndValue(key, value);
        CacheStatistics statistics = parts.statistics;
        long start = statistics.start();
        byte[] entryKey = parts.codec.entryKey(key);
        byte[] bytes = parts.codec.encodeValue(value);
        parts.writer.write(new CacheEntry<>(key, value));
        EventBatch<K, V> events = parts.events.batch();
        MutateResult result = parts.writes.put(entryKey, bytes, true);
        noteExpired(key, result, events);
        V old = parts.codec.decodeValue(result.oldValue());
        recordWrite(key, value, result, events, old);
        if (old == null) {
            statistics.misses(1);
        } else {
            statistics.hits(1);
        }
        statistics.getTime(start);
        if (countsAsPut(result)) {
            statistics.puts(1);
            statistics.putTime(start);
        }
        parts.events.fire(events);
        return old;
    }

    @Override
    public void putAll(Map<? extends K, ? extends V> map) {
        requireOpen();
        bulk.putAll(map);
    }

    @Override
    public boolean putIfAbsent(K key, V value) {
        requireOpen();
        checkKeyAndValue(key, value);
        CacheStatistics statistics = parts.statistics;
        long start = statistics.start();
        byte[] entryKey = parts.codec.entryKey(key);
        byte[] bytes = parts.codec.encodeValue(value);
        if (parts.writer.isActive()) {
            if (parts.awaiter.await("putIfAbsent", parts.redis.exists(entryKey))) {
                statistics.hits(1);
                return false;
            }
            parts.writer.write(new CacheEntry<>(key, value));
        }
        EventBatch<K, V> events = parts.events.batch();
        MutateResult result = parts.writes.putIfAbsent(entryKey, bytes, events.isActive());
        noteExpired(key, result, events);
        boolean created = result.outcome() == MutateResult.CREATED;
        if (created) {
            events.created(key, value);
            statistics.puts(1);
            statistics.misses(1);
            statistics.putTime(start);
        } else if (result.outcome() == MutateResult.CONDITION_FAILED) {
            statistics.hits(1);
        }
        parts.events.fire(events);
        return created;
    }

    @Override
    public boolean remove(K key) {
        requireOpen();
        Objects.requireNonNull(key, "key");
        CacheStatistics statistics = parts.statistics;
        long start = statistics.start();
        byte[] entryKey = parts.codec.entryKey(key);
        parts.writer.delete(key);
        EventBatch<K, V> events = parts.events.batch();
        MutateResult result = parts.writes.remove(entryKey, false);
        noteExpired(key, result, events);
        boolean removed = result.outcome() == MutateResult.DELETED;
        if (removed) {
            if (result.oldValue() != null && events.isActive()) {
                events.removed(key, parts.codec.decodeValue(result.oldValue()));
            }
            statistics.removals(1);
            statistics.removeTime(start);
        }
        parts.events.fire(events);
        return removed;
    }

    @Override
    public boolean remove(K key, V oldValue) {
        requireOpen();
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(oldValue, "oldValue");
        CacheStatistics statistics = parts.statistics;
        long start = statistics.start();
        byte[] entryKey = parts.codec.entryKey(key);
        byte[] expected = parts.codec.encodeValue(oldValue);
        byte[] current = null;
        EventBatch<K, V> events = parts.events.batch();
        if (needsCurrentValue()) {
            current = readCurrent("remove", entryKey, key, events);
            if (current == null) {
                return missed(start, events);
            }
            expected = expectedBytes(oldValue, expected, current);
            if (parts.writer.isActive() && java.util.Arrays.equals(current, expected)) {
                parts.writer.delete(key);
            }
        }
        MutateResult result = parts.writes.removeIfEquals(entryKey, expected, current);
        byte[] former = current == null ? formerAfterFailure(oldValue, result) : null;
        if (former != null) {
            result = parts.writes.removeIfEquals(entryKey, former, null);
        }
        noteExpired(key, result, events);
        boolean removed = result.outcome() == MutateResult.DELETED && result.oldValue() != null;
        if (removed) {
            events.removed(key, oldValue);
            statistics.removals(1);
            statistics.removeTime(start);
        }
        countRead(result.oldValue() != null, start);
        parts.events.fire(events);
        return removed;
    }

    @Override
    public V getAndRemove(K key) {
        requireOpen();
        Objects.requireNonNull(key, "key");
        CacheStatistics statistics = parts.statistics;
        long start = statistics.start();
        byte[] entryKey = parts.codec.entryKey(key);
        parts.writer.delete(key);
        EventBatch<K, V> events = parts.events.batch();
        MutateResult result = parts.writes.remove(entryKey, true);
        noteExpired(key, result, events);
        V old = parts.codec.decodeValue(result.oldValue());
        statistics.getTime(start);
        if (old != null) {
            events.removed(key, old);
            statistics.hits(1);
            statistics.removals(1);
            statistics.removeTime(start);
        } else {
            statistics.misses(1);
        }
        parts.events.fire(events);
        return old;
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        requireOpen();
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(oldValue, "oldValue");
        Objects.requireNonNull(newValue, "newValue");
        checkKeyAndValue(key, newValue);
        CacheStatistics statistics = parts.statistics;
        long start = statistics.start();
        byte[] entryKey = parts.codec.entryKey(key);
        byte[] expected = parts.codec.encodeValue(oldValue);
        byte[] bytes = parts.codec.encodeValue(newValue);
        byte[] current = null;
        EventBatch<K, V> events = parts.events.batch();
        if (needsCurrentValue()) {
            current = readCurrent("replace", entryKey, key, events);
            if (current == null) {
                return missed(start, events);
            }
            expected = expectedBytes(oldValue, expected, current);
            if (parts.writer.isActive() && java.util.Arrays.equals(current, expected)) {
                parts.writer.write(new CacheEntry<>(key, newValue));
            }
        }
        MutateResult result = parts.writes.replaceIfEquals(entryKey, expected, bytes, current);
        byte[] former = current == null ? formerAfterFailure(oldValue, result) : null;
        if (former != null) {
            result = parts.writes.replaceIfEquals(entryKey, former, bytes, null);
        }
        noteExpired(key, result, events);
        boolean replaced = result.outcome() == MutateResult.UPDATED
                || result.outcome() == MutateResult.UPDATED_EXPIRED;
        if (replaced) {
            events.updated(key, newValue, oldValue);
            if (result.outcome() == MutateResult.UPDATED_EXPIRED) {
                events.expired(key, newValue);
            }
            statistics.puts(1);
            statistics.putTime(start);
        }
        countRead(result.oldValue() != null, start);
        parts.events.fire(events);
        return replaced;
    }

    @Override
    public boolean replace(K key, V value) {
        return replaceValue(key, value, false) != null;
    }

    @Override
    public V getAndReplace(K key, V value) {
        Object old = replaceValue(key, value, true);
        @SuppressWarnings("unchecked")
        V previous = old == NOT_READ ? null : (V) old;
        return previous;
    }

    private static final Object NOT_READ = new Object();

    /** Replaces a present entry; returns null when absent, else the old value (or NOT_READ when not wanted). */
    private Object replaceValue(K key, V value, boolean wantOld) {
        requireOpen();
        checkKeyAndValue(key, value);
        CacheStatistics statistics = parts.statistics;
        long start = statistics.start();
        byte[] entryKey = parts.codec.entryKey(key);
        byte[] bytes = parts.codec.encodeValue(value);
        if (parts.writer.isActive()) {
            if (!parts.awaiter.await("replace", parts.redis.exists(entryKey))) {
                statistics.misses(1);
                statistics.getTime(start);
                return null;
            }
            parts.writer.write(new CacheEntry<>(key, value));
        }
        EventBatch<K, V> events = parts.events.batch();
        MutateResult result = parts.writes.replace(entryKey, bytes, wantOld || events.isActive());
        noteExpired(key, result, events);
        boolean replaced = result.outcome() == MutateResult.UPDATED
                || result.outcome() == MutateResult.UPDATED_EXPIRED;
        statistics.getTime(start);
        if (!replaced) {
            statistics.misses(1);
            return null;
        }
        V old = parts.codec.decodeValue(result.oldValue());
        recordWrite(key, value, result, events, old);
        statistics.hits(1);
        statistics.puts(1);
        statistics.putTime(start);
        parts.events.fire(events);
        return wantOld ? old : NOT_READ;
    }

    @Override
    public void removeAll(Set<? extends K> keys) {
        requireOpen();
        bulk.removeAll(keys);
    }

    @Override
    public void removeAll() {
        requireOpen();
        bulk.removeAll();
    }

    @Override
    public void clear() {
        requireOpen();
        bulk.clear();
    }

    @Override
    public <C extends Configuration<K, V>> C getConfiguration(Class<C> type) {
        if (type.isInstance(configuration)) {
            return type.cast(new RedisCacheConfiguration<>(configuration));
        }
        throw new IllegalArgumentException("The configuration of a Redis cache is not a " + type.getName());
    }

    /** @return the live configuration, for management and statistics switches */
    RedisCacheConfiguration<K, V> liveConfiguration() {
        return configuration;
    }

    @Override
    public <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
        requireOpen();
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(processor, "processor");
        return invoker.invoke(key, processor, arguments);
    }

    @Override
    public <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keys, EntryProcessor<K, V, T> processor,
                                                         Object... arguments) {
        requireOpen();
        Objects.requireNonNull(keys, "keys");
        Objects.requireNonNull(processor, "processor");
        return invoker.invokeAll(keys, processor, arguments);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public CacheManager getCacheManager() {
        return manager;
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        onClose.accept(this);
        if (!parts.background.close(BACKGROUND_WAIT_MILLIS)) {
            LOG.warn("Cache {} closes while a loadAll still runs after {} ms; its loader and writer close anyway",
                    name, BACKGROUND_WAIT_MILLIS);
        }
        List<Exception> failures = new ArrayList<>();
        try {
            parts.jmx.unregister(JmxRegistration.Kind.CONFIGURATION);
            parts.jmx.unregister(JmxRegistration.Kind.STATISTICS);
        } catch (RuntimeException e) {
            failures.add(e);
        }
        parts.evictions.close();
        failures.addAll(parts.events.close());
        failures.addAll(parts.closeIntegrations());
        if (!failures.isEmpty()) {
            CacheException failure = new CacheException("Closing cache " + name + " failed", failures.get(0));
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
        throw new IllegalArgumentException("Cannot unwrap a Redis cache to " + clazz.getName());
    }

    @Override
    public void registerCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
        requireOpen();
        Objects.requireNonNull(listenerConfiguration, "listenerConfiguration");
        parts.events.register(listenerConfiguration);
        configuration.addCacheEntryListenerConfiguration(listenerConfiguration);
    }

    @Override
    public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
        requireOpen();
        Objects.requireNonNull(listenerConfiguration, "listenerConfiguration");
        parts.events.deregister(listenerConfiguration);
        configuration.removeCacheEntryListenerConfiguration(listenerConfiguration);
    }

    @Override
    public Iterator<Entry<K, V>> iterator() {
        requireOpen();
        return new EntryIterator<>(this, parts);
    }

    /**
     * Turns statistics on or off, registering or unregistering the statistics MXBean.
     *
     * @param enabled whether to collect statistics
     */
    public void setStatisticsEnabled(boolean enabled) {
        requireOpen();
        parts.statistics.setEnabled(enabled);
        configuration.setStatisticsEnabled(enabled);
        parts.evictions.follow(enabled);
        if (enabled) {
            parts.jmx.register(JmxRegistration.Kind.STATISTICS, parts.statistics);
        } else {
            parts.jmx.unregister(JmxRegistration.Kind.STATISTICS);
        }
    }

    /**
     * Turns management on or off, registering or unregistering the configuration MXBean.
     *
     * @param enabled whether to expose the configuration
     */
    public void setManagementEnabled(boolean enabled) {
        requireOpen();
        configuration.setManagementEnabled(enabled);
        if (enabled) {
            parts.jmx.register(JmxRegistration.Kind.CONFIGURATION, configurationBean);
        } else {
            parts.jmx.unregister(JmxRegistration.Kind.CONFIGURATION);
        }
    }

    /** @return the statistics of this cache in this JVM */
    public CacheStatistics statistics() {
        return parts.statistics;
    }

    /** @return the configuration MXBean of this cache */
    public CacheConfigurationMXBean configurationBean() {
        return configurationBean;
    }

    /** Drops every entry and what the cache owns in Redis; called by the manager's destroyCache. */
    public void destroyEntries() {
        bulk.clear();
    }

    void requireOpen() {
        if (closed) {
            throw new IllegalStateException("Cache " + name + " is closed");
        }
    }

    void checkKeyAndValue(K key, V value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Class<?> keyType = configuration.getKeyType();
        Class<?> valueType = configuration.getValueType();
        if (keyType != Object.class && !keyType.isInstance(key)) {
            throw new ClassCastException("Key of " + key.getClass().getName() + " is not a " + keyType.getName());
        }
        if (valueType != Object.class && !valueType.isInstance(value)) {
            throw new ClassCastException("Value of " + value.getClass().getName() + " is not a "
                    + valueType.getName());
        }
    }

    private void recordWrite(K key, V value, MutateResult result, EventBatch<K, V> events) {
        if (events.isActive()) {
            recordWrite(key, value, result, events, parts.codec.decodeValue(result.oldValue()));
        }
    }

    private void recordWrite(K key, V value, MutateResult result, EventBatch<K, V> events, V old) {
        if (!events.isActive()) {
            return;
        }
        switch (result.outcome()) {
            case MutateResult.CREATED:
                events.created(key, value);
                break;
            case MutateResult.UPDATED:
                events.updated(key, value, old);
                break;
            case MutateResult.UPDATED_EXPIRED:
                events.updated(key, value, old);
                events.expired(key, value);
                break;
            default:
                break;
        }
    }

    static boolean countsAsPut(MutateResult result) {
        return result.stored() || result.outcome() == MutateResult.UPDATED_EXPIRED;
    }

    @Override
    public String toString() {
        return "RedisCache{" + name + "}";
    }

    /** Closes what the cache created from its configuration's factories. */
    static List<Exception> closeQuietly(Object... closeables) {
        List<Exception> failures = new ArrayList<>();
        for (Object closeable : closeables) {
            if (closeable instanceof java.io.Closeable) {
                try {
                    ((java.io.Closeable) closeable).close();
                } catch (IOException | RuntimeException e) {
                    failures.add(e);
                }
            }
        }
        return failures;
    }

    /** @return the configuration as the management bean reports it */
    CompleteConfiguration<K, V> completeConfiguration() {
        return configuration;
    }
}
