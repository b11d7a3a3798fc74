package io.github.redisjcache.event;

import java.util.ArrayList;
import java.util.List;

import javax.cache.Cache;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.event.EventType;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.redisjcache.store.EventRoute;

/**
 * A cache instance's events: whether changes must publish them (someone listens, here or in another JVM), where
 * to, the delivery of this JVM's own events to its listeners, and the subscriptions that bring other JVMs' events
 * and expiries while this instance has listeners.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class CacheEvents<K, V> {

    private static final Logger LOG = LoggerFactory.getLogger(CacheEvents.class);

    private final EventDispatcher<K, V> dispatcher;
    private final EventChannels channels;
    private final ListenerPresence presence;
    private final EventHub hub;
    private final String origin;
    private volatile Cache<K, V> source;
    private volatile EventDecoder<K, V> decoder;
    private AutoCloseable eventSubscription;
    private AutoCloseable expiryWatch;

    /**
     * Creates a cache instance's events.
     *
     * @param dispatcher the local listeners
     * @param channels   the cache's event channels
     * @param hub        the manager's link to other JVMs
     * @param origin     the id this cache instance stamps on the events it publishes
     */
    public CacheEvents(EventDispatcher<K, V> dispatcher, EventChannels channels, EventHub hub, String origin) {
        this.dispatcher = dispatcher;
        this.channels = channels;
        this.hub = hub;
        this.origin = origin;
        this.presence = hub.presence(channels.keys(), origin);
    }

    /**
     * Names the cache the events come from and how to decode published events; called once by the cache.
     *
     * @param cache   the cache
     * @param decoder decodes keys and values of published events
     */
    public void attach(Cache<K, V> cache, EventDecoder<K, V> decoder) {
        this.source = cache;
        this.decoder = decoder;
    }

    /** @return whether changes must go through the scripts that publish their events */
    public boolean publishing() {
        return dispatcher.hasListeners() || presence.elsewhere();
    }

    /** @return whether expiries are being reported (someone listens for them), so entries keep shadows */
    public boolean tracksExpiry() {
        return presence.tracksExpiry();
    }

    /**
     * Returns where the change of an entry publishes its event.
     *
     * @param entryKey the entry key
     * @return the route, or null when nobody listens
     */
    public EventRoute route(byte[] entryKey) {
        return publishing() ? channels.route(entryKey, origin, presence.tracksExpiry(),
                presence.wantsOldValues() || dispatcher.wantsOldValues()) : null;
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
        listenersChanged();
    }

    /**
     * Deregisters a listener.
     *
     * @param configuration the listener's configuration
     */
    public void deregister(CacheEntryListenerConfiguration<K, V> configuration) {
        if (dispatcher.deregister(configuration)) {
            listenersChanged();
        }
    }

    private synchronized void listenersChanged() {
        try {
            follow();
        } catch (javax.cache.CacheException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new javax.cache.CacheException("Cannot subscribe to the events of cache "
                    + (source == null ? "?" : source.getName()) + " (consider a larger connection setting "
                    + "subscription-pool-size): " + e.getMessage(), e);
        }
    }

    private void follow() {
        boolean present = dispatcher.hasListeners();
        boolean expiry = dispatcher.hasExpiryListeners();
        if (present && eventSubscription == null) {
            eventSubscription = hub.subscribeEvents(channels, this::onMessage);
        } else if (!present && eventSubscription != null) {
            closeQuietly(eventSubscription);
            eventSubscription = null;
        }
        if (expiry && expiryWatch == null) {
            expiryWatch = hub.watchExpiry(channels.keys(), this::onExpiryNotice);
        } else if (!expiry && expiryWatch != null) {
            closeQuietly(expiryWatch);
            expiryWatch = null;
        }
        presence.localListenersChanged(present, expiry, dispatcher.wantsOldValues());
    }

    /** An event published by another cache instance (ours are delivered when our operations end). */
    private void onMessage(byte[] bytes) {
        EventMessage message = EventMessage.decode(bytes);
        if (message == null || origin.equals(message.origin()) || !dispatcher.handles(message.type())) {
            return;
        }
        try {
            dispatcher.fireRemote(List.of(toEvent(message.type(), message.entryKey(), message.value(),
                    message.oldValue())));
        } catch (RuntimeException e) {
            LOG.warn("Cannot deliver an event of cache {}: {}", source == null ? "?" : source.getName(), e.toString());
        }
    }

    /** An entry may have expired: claim its expiry; the one claimer in the deployment reports it to everyone. */
    private void onExpiryNotice(byte[] entryKey) {
        EventRoute route = channels.route(entryKey, origin, true, true);
        if (route.shadowKey() == null) {
            return;
        }
        hub.claim(entryKey, route).whenComplete((expired, failure) -> {
            if (failure != null) {
                LOG.warn("Cannot report an expiry of cache {}: {}", source == null ? "?" : source.getName(),
                        failure.toString());
            } else if (expired != null) {
                dispatcher.fireRemote(List.of(toEvent(EventType.EXPIRED, entryKey, expired, expired)));
            }
        });
    }

    private EntryEvent<K, V> toEvent(EventType type, byte[] entryKey, byte[] value, byte[] oldValue) {
        EventValue<V> old = EventValue.decoded(oldValue, decoder);
        // An expiry carries one value as both: decoded once.
        EventValue<V> now = value == oldValue ? old : EventValue.decoded(value, decoder);
        return new EntryEvent<>(source, type, decoder.key(entryKey), now, old);
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
    public synchronized List<Exception> close() {
        List<Exception> failures = new ArrayList<>();
        for (AutoCloseable subscription : new AutoCloseable[]{eventSubscription, expiryWatch}) {
            if (subscription != null) {
                try {
                    subscription.close();
                } catch (Exception e) {
                    failures.add(e);
                }
            }
        }
        eventSubscription = null;
        expiryWatch = null;
        try {
            presence.close();
        } catch (RuntimeException e) {
            // The registration's lease ends by itself (setting events.listener-lease); a cache closing while Redis is
            // unreachable must not fail for it.
            LOG.warn("Cannot withdraw the listener registration of cache {} now; it lapses with its lease: {}",
                    source == null ? "?" : source.getName(), e.toString());
        }
        failures.addAll(dispatcher.close());
        return failures;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("Closing an event subscription failed: {}", e.toString());
        }
    }
}
