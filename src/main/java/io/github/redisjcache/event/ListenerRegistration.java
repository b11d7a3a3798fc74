package io.github.redisjcache.event;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.event.EventType;

/**
 * A listener and its filter, created from a listener configuration, and the delivery of events to them.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class ListenerRegistration<K, V> {

    private final CacheEntryListenerConfiguration<K, V> configuration;
    private final CacheEntryListener<? super K, ? super V> listener;
    private final CacheEntryEventFilter<? super K, ? super V> filter;

    ListenerRegistration(CacheEntryListenerConfiguration<K, V> configuration) {
        this.configuration = configuration;
        this.listener = configuration.getCacheEntryListenerFactory().create();
        Factory<CacheEntryEventFilter<? super K, ? super V>> filterFactory =
                configuration.getCacheEntryEventFilterFactory();
        this.filter = filterFactory == null ? null : filterFactory.create();
    }

    CacheEntryListenerConfiguration<K, V> configuration() {
        return configuration;
    }

    boolean isSynchronous() {
        return configuration.isSynchronous();
    }

    boolean wantsOldValue() {
        return configuration.isOldValueRequired();
    }

    boolean handles(EventType type) {
        switch (type) {
            case CREATED:
                return listener instanceof CacheEntryCreatedListener;
            case UPDATED:
                return listener instanceof CacheEntryUpdatedListener;
            case REMOVED:
                return listener instanceof CacheEntryRemovedListener;
            default:
                return listener instanceof CacheEntryExpiredListener;
        }
    }

    /** Delivers the events this listener wants, grouped by type in their order, and lets its failures through. */
    @SuppressWarnings("unchecked")
    void deliver(List<EntryEvent<K, V>> events) {
        List<EntryEvent<K, V>> run = new ArrayList<>();
        EventType runType = null;
        for (EntryEvent<K, V> event : events) {
            if (!handles(event.getEventType()) || (filter != null && !filter.evaluate(event))) {
                continue;
            }
            if (runType != null && runType != event.getEventType()) {
                send(runType, run);
                run = new ArrayList<>();
            }
            runType = event.getEventType();
            run.add(wantsOldValue() ? event : event.withoutOldValue());
        }
        if (runType != null) {
            send(runType, run);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void send(EventType type, List<EntryEvent<K, V>> events) {
        Iterable iterable = events;
        switch (type) {
            case CREATED:
                ((CacheEntryCreatedListener<K, V>) listener).onCreated(iterable);
                break;
            case UPDATED:
                ((CacheEntryUpdatedListener<K, V>) listener).onUpdated(iterable);
                break;
            case REMOVED:
                ((CacheEntryRemovedListener<K, V>) listener).onRemoved(iterable);
                break;
            default:
                ((CacheEntryExpiredListener<K, V>) listener).onExpired(iterable);
                break;
        }
    }

    void close() throws IOException {
        if (listener instanceof Closeable) {
            ((Closeable) listener).close();
        }
        if (filter instanceof Closeable) {
            ((Closeable) filter).close();
        }
    }
}
