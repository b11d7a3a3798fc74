package io.github.redisjcache.event;

import java.util.List;

import javax.cache.Cache;
import javax.cache.configuration.CacheEntryListenerConfiguration;

import io.github.redisjcache.store.EventRoute;

/**
 * A cache's events: whether changes must publish them (someone listens, here or in another JVM), where to, and the
 * delivery of the events of this JVM's own operations to its listeners.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class CacheEvents<K, V> {

    private final EventDispatcher<K, V> dispatcher;
    private final EventChannels channels;
    private final ListenerPresence presence;
    private final String origin;
    private volatile Cache<K, V> source;

    /**
     * Creates a cache's events.
     *
     * @param dispatcher the local listeners
     * @param channels   the cache's event channels
     * @param presence   whether listeners exist in other JVMs
     * @param origin     the id this cache instance stamps on the events it publishes
     */
    public CacheEvents(EventDispatcher<K, V> dispatcher, EventChannels channels, ListenerPresence presence,
                       String origin) {
        this.dispatcher = dispatcher;
        this.channels = channels;
        this.presence = presence;
        this.origin = origin;
    }

    /**
     * Names the cache the events come from; called once by the cache's constructor.
     *
     * @param cache the cache
     */
    public void attach(Cache<K, V> cache) {
        this.source = cache;
    }

    /** @return whether changes must go through the script that publishes their events */
    public boolean publishing() {
        return dispatcher.hasListeners() || presence.elsewhere();
    }

    /**
     * Returns where the change of an entry publishes its event.
     *
     * @param entryKey the entry key
     * @return the route, or null when nobody listens
     */
    public EventRoute route(byte[] entryKey) {
        return publishing() ? channels.route(entryKey, origin) : null;
    }

    /** @return a new collector for the events of one operation, inactive when no local listener exists */
    public EventBatch<K, V> batch() {
        return new EventBatch<>(source, dispatcher.hasListeners());
    }

    /**
     * Delivers the events of one operation to the local listeners.
     *
     * @param batch the events
     */
    public void fire(EventBatch<K, V> batch) {
        dispatcher.fire(batch.events());
    }

    /**
     * Registers a listener here and announces it to other JVMs.
     *
     * @param configuration the listener's configuration
     */
    public void register(CacheEntryListenerConfiguration<K, V> configuration) {
        dispatcher.register(configuration);
        presence.localListenersChanged(dispatcher.hasListeners());
    }

    /**
     * Deregisters a listener.
     *
     * @param configuration the listener's configuration
     */
    public void deregister(CacheEntryListenerConfiguration<K, V> configuration) {
        if (dispatcher.deregister(configuration)) {
            presence.localListenersChanged(dispatcher.hasListeners());
        }
    }

    /** @return the origin id of this cache instance */
    public String origin() {
        return origin;
    }

    /**
     * Stops listening and closes the listeners.
     *
     * @return failures to report as suppressed exceptions
     */
    public List<Exception> close() {
        presence.localListenersChanged(false);
        return dispatcher.close();
    }
}
