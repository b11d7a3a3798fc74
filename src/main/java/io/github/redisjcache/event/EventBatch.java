package io.github.redisjcache.event;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.cache.Cache;
import javax.cache.event.EventType;

/**
 * The events one cache operation caused, collected while it runs and delivered when it is done.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class EventBatch<K, V> {

    private final Cache<K, V> source;
    private final boolean active;
    private List<EntryEvent<K, V>> events = Collections.emptyList();

    EventBatch(Cache<K, V> source, boolean active) {
        this.source = source;
        this.active = active;
    }

    /** @return whether anyone listens, so events are worth building */
    public boolean isActive() {
        return active;
    }

    /**
     * Records a creation.
     *
     * @param key   the key
     * @param value the new value
     */
    public void created(K key, V value) {
        add(new EntryEvent<>(source, EventType.CREATED, key, value, null, false));
    }

    /**
     * Records an update.
     *
     * @param key      the key
     * @param value    the new value
     * @param oldValue the value before
     */
    public void updated(K key, V value, V oldValue) {
        add(new EntryEvent<>(source, EventType.UPDATED, key, value, oldValue, oldValue != null));
    }

    /**
     * Records a removal.
     *
     * @param key      the key
     * @param oldValue the removed value
     */
    public void removed(K key, V oldValue) {
        add(new EntryEvent<>(source, EventType.REMOVED, key, oldValue, oldValue, oldValue != null));
    }

    /**
     * Records an expiry.
     *
     * @param key      the key
     * @param oldValue the expired value
     */
    public void expired(K key, V oldValue) {
        add(new EntryEvent<>(source, EventType.EXPIRED, key, oldValue, oldValue, oldValue != null));
    }

    private void add(EntryEvent<K, V> event) {
        if (!active) {
            return;
        }
        if (events.isEmpty()) {
            events = new ArrayList<>(4);
        }
        events.add(event);
    }

    List<EntryEvent<K, V>> events() {
        return events;
    }
}
