package io.github.redisjcache.event;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryListenerException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a cache's entry events to the listeners registered in this JVM: synchronous listeners on the calling
 * thread, asynchronous ones in order on one background thread made when first needed, or, for an event from
 * elsewhere that finds no event waiting, on the Redis client's thread that brought it.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class EventDispatcher<K, V> {

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    private final String cacheName;
    private final List<ListenerRegistration<K, V>> registrations = new CopyOnWriteArrayList<>();
    private final SerialDelivery async;
    private boolean closed;

    /**
     * Creates a dispatcher.
     *
     * @param cacheName the cache's name, for logs and thread names
     */
    public EventDispatcher(String cacheName) {
        this.cacheName = cacheName;
        this.async = new SerialDelivery("redis-jcache-events-" + cacheName);
    }

    /**
     * Adds a listener.
     *
     * @param configuration the listener's configuration
     * @throws IllegalArgumentException when the same configuration is registered already
     */
    public synchronized void register(CacheEntryListenerConfiguration<K, V> configuration) {
        for (ListenerRegistration<K, V> registration : registrations) {
            if (registration.configuration().equals(configuration)) {
                throw new IllegalArgumentException("This listener configuration is registered already");
            }
        }
        registrations.add(new ListenerRegistration<>(configuration));
    }

    /**
     * Removes a listener and closes it if it is {@link java.io.Closeable}: an asynchronous one once the events
     * queued for it before were delivered.
     *
     * @param configuration the configuration it was registered with
     * @return whether it was registered
     */
    public synchronized boolean deregister(CacheEntryListenerConfiguration<K, V> configuration) {
        for (ListenerRegistration<K, V> registration : registrations) {
            if (registration.configuration().equals(configuration)) {
                registrations.remove(registration);
                if (!registration.isSynchronous()) {
                    // After the events already queued for it, which would otherwise reach a closed listener.
                    async.runOrSubmit(() -> closeQuietly(registration));
                } else {
                    closeQuietly(registration);
                }
                return true;
            }
        }
        return false;
    }

    /** @return whether any listener is registered here */
    public boolean hasListeners() {
        return !registrations.isEmpty();
    }

    /** @return whether some listener here listens for expiry events */
    public boolean hasExpiryListeners() {
        return handles(javax.cache.event.EventType.EXPIRED);
    }

    /**
     * Tells whether some listener here listens for events of a type, so that events nobody wants are not decoded.
     *
     * @param type the event type
     * @return whether a listener handles it
     */
    public boolean handles(javax.cache.event.EventType type) {
        for (ListenerRegistration<K, V> registration : registrations) {
            if (registration.handles(type)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether some listener here wants old values */
    public boolean wantsOldValues() {
        for (ListenerRegistration<K, V> registration : registrations) {
            if (registration.wantsOldValue()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Delivers events caused by an operation of this JVM: synchronous listeners before this method returns.
     *
     * @param events the events, in the order they happened
     * @throws CacheEntryListenerException when a synchronous listener failed (after all listeners ran)
     */
    public void fire(List<EntryEvent<K, V>> events) {
        if (events.isEmpty() || registrations.isEmpty()) {
            return;
        }
        RuntimeException failure = null;
        for (ListenerRegistration<K, V> registration : registrations) {
            if (registration.isSynchronous()) {
                try {
                    registration.deliver(events);
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    }
                }
            } else {
                deliverLater(registration, events);
            }
        }
        if (failure != null) {
            throw failure instanceof CacheEntryListenerException ? failure
                    : new CacheEntryListenerException("A listener of cache " + cacheName + " failed", failure);
        }
    }

    /**
     * Delivers events that another JVM or cache instance caused; failures are logged, never thrown back. They
     * arrive on the Redis client's threads. Synchronous listeners hear them under this dispatcher's lock, which holds
     * off {@link #close} until they are done; asynchronous ones in order with the events queued for them, on this
     * thread when none is queued (without holding the lock, so that a slow listener does not hold up this JVM's own
     * operations). Nothing is delivered once the listeners are closed.
     *
     * @param events the events
     */
    public void fireRemote(List<EntryEvent<K, V>> events) {
        List<ListenerRegistration<K, V>> later = new ArrayList<>(0);
        Runnable delivery = () -> {
            for (ListenerRegistration<K, V> registration : later) {
                deliverAsync(registration, events);
            }
        };
        boolean runHere;
        synchronized (this) {
            if (closed) {
                return;
            }
            for (ListenerRegistration<K, V> registration : registrations) {
                if (registration.isSynchronous()) {
                    try {
                        registration.deliver(events);
                    } catch (RuntimeException e) {
                        LOG.warn("A listener of cache {} failed on an event from elsewhere: {}", cacheName,
                                e.toString());
                    }
                } else {
                    later.add(registration);
                }
            }
            // One task for all of them, placed under the lock: no other event, and no deregistration's closing of
            // a listener, comes between.
            runHere = !later.isEmpty() && async.claimOrSubmit(delivery);
        }
        if (runHere) {
            async.runClaimed(delivery);
        }
    }

    private synchronized void deliverLater(ListenerRegistration<K, V> registration, List<EntryEvent<K, V>> events) {
        if (closed) {
            return;
        }
        async.submit(() -> deliverAsync(registration, events));
    }

    private void deliverAsync(ListenerRegistration<K, V> registration, List<EntryEvent<K, V>> events) {
        try {
            registration.deliver(events);
        } catch (RuntimeException e) {
            LOG.warn("An asynchronous listener of cache {} failed: {}", cacheName, e.toString());
        }
    }

    /**
     * Closes every listener, after delivering queued asynchronous events (waiting a few seconds at most).
     *
     * @return failures to close, to report as suppressed exceptions
     */
    public synchronized List<Exception> close() {
        closed = true;
        List<Exception> failures = new java.util.ArrayList<>();
        async.shutDown(TimeUnit.SECONDS.toMillis(5));
        for (ListenerRegistration<K, V> registration : registrations) {
            try {
                registration.close();
            } catch (IOException | RuntimeException e) {
                failures.add(e);
            }
        }
        registrations.clear();
        return failures;
    }

    private void closeQuietly(ListenerRegistration<K, V> registration) {
        try {
            registration.close();
        } catch (IOException | RuntimeException e) {
            LOG.warn("Closing a listener of cache {} failed: {}", cacheName, e.toString());
        }
    }
}
