package io.github.redisjcache.event;

import javax.cache.Cache;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.EventType;

/**
 * One entry event as listeners see it.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class EntryEvent<K, V> extends CacheEntryEvent<K, V> {

    private static final long serialVersionUID = 1L;

    private final K key;
    private final EventValue<V> value;
    private final EventValue<V> oldValue;
    private final boolean oldValueAvailable;

    /**
     * Creates an event.
     *
     * @param source            the cache the event happened in
     * @param type              what happened
     * @param key               the entry's key
     * @param value             the value (for removals and expiries, the last value), or null when unknown
     * @param oldValue          the value before an update, removal or expiry, or null
     * @param oldValueAvailable whether {@code oldValue} is known
     */
    public EntryEvent(Cache<K, V> source, EventType type, K key, V value, V oldValue, boolean oldValueAvailable) {
        this(source, type, key, EventValue.of(value), EventValue.of(oldValue), oldValueAvailable);
    }

    /** Creates an event whose values may be decoded only when first read; an old value is available if present. */
    EntryEvent(Cache<K, V> source, EventType type, K key, EventValue<V> value, EventValue<V> oldValue) {
        this(source, type, key, value, oldValue, oldValue.isPresent());
    }

    private EntryEvent(Cache<K, V> source, EventType type, K key, EventValue<V> value, EventValue<V> oldValue,
            boolean oldValueAvailable) {
        super(source, type);
        this.key = key;
        this.value = value;
        this.oldValue = oldValue;
        this.oldValueAvailable = oldValueAvailable;
    }

    /**
     * Returns the same event without its old value, for listeners that did not ask for old values. The value of a
     * removal or an expiry is the old value, so it goes too.
     *
     * @return an event whose old value is unavailable, or this one when it already is
     */
    EntryEvent<K, V> withoutOldValue() {
        if (!oldValueAvailable) {
            return this;
        }
        @SuppressWarnings("unchecked")
        Cache<K, V> cache = (Cache<K, V>) getSource();
        boolean valueIsOld = getEventType() == EventType.REMOVED || getEventType() == EventType.EXPIRED;
        return new EntryEvent<>(cache, getEventType(), key, valueIsOld ? EventValue.of(null) : value,
                EventValue.of(null), false);
    }

    @Override
    public K getKey() {
        return key;
    }

    @Override
    public V getValue() {
        return value.get();
    }

    @Override
    public V getOldValue() {
        return oldValueAvailable ? oldValue.get() : null;
    }

    @Override
    public boolean isOldValueAvailable() {
        return oldValueAvailable;
    }

    @Override
    public <T> T unwrap(Class<T> clazz) {
        if (clazz.isInstance(this)) {
            return clazz.cast(this);
        }
        throw new IllegalArgumentException("Cannot unwrap a cache entry event to " + clazz.getName());
    }

    @Override
    public String toString() {
        return "EntryEvent{" + getEventType() + ", key=" + key + "}";
    }
}
