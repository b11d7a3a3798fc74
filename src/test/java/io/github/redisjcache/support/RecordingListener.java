package io.github.redisjcache.support;

import java.io.Serializable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.event.EventType;

/**
 * Records every event it receives, as "TYPE key=value old=oldValue" lines, for tests.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class RecordingListener<K, V> implements CacheEntryCreatedListener<K, V>,
        CacheEntryUpdatedListener<K, V>, CacheEntryRemovedListener<K, V>, CacheEntryExpiredListener<K, V>,
        Serializable {

    private static final long serialVersionUID = 1L;

    private final transient List<String> events = new CopyOnWriteArrayList<>();

    /** @return the events received so far, in order */
    public List<String> events() {
        return events;
    }

    /**
     * Counts the events of one type.
     *
     * @param type the type
     * @return how many arrived
     */
    public long count(EventType type) {
        return events.stream().filter(line -> line.startsWith(type.name() + " ")).count();
    }

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends K, ? extends V>> batch) {
        record(batch);
    }

    @Override
    public void onUpdated(Iterable<CacheEntryEvent<? extends K, ? extends V>> batch) {
        record(batch);
    }

    @Override
    public void onRemoved(Iterable<CacheEntryEvent<? extends K, ? extends V>> batch) {
        record(batch);
    }

    @Override
    public void onExpired(Iterable<CacheEntryEvent<? extends K, ? extends V>> batch) {
        record(batch);
    }

    private void record(Iterable<CacheEntryEvent<? extends K, ? extends V>> batch) {
        for (CacheEntryEvent<? extends K, ? extends V> event : batch) {
            events.add(event.getEventType() + " " + event.getKey() + "=" + event.getValue()
                    + (event.isOldValueAvailable() ? " old=" + event.getOldValue() : ""));
        }
    }
}
