package io.github.redisjcache.benchmarks;

import java.util.concurrent.atomic.AtomicLong;

import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.CacheEntryUpdatedListener;

/** A listener that only counts the events it hears (registered in another JVM than the writer, {@link ListenerJvm}). */
public class CountingListener implements CacheEntryCreatedListener<String, Item>,
        CacheEntryUpdatedListener<String, Item> {

    public static final AtomicLong EVENTS = new AtomicLong();

    @Override
    public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends Item>> events)
            throws CacheEntryListenerException {
        events.forEach(event -> EVENTS.incrementAndGet());
    }

    @Override
    public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends Item>> events)
            throws CacheEntryListenerException {
        events.forEach(event -> EVENTS.incrementAndGet());
    }
}
