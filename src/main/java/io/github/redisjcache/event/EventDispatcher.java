package io.github.redisjcache.event;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryListenerException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a cache's entry events to the listeners registered in this JVM: synchronous listeners on the calling
 * thread, asynchronous ones in order on one background thread that exists only while such listeners do.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class EventDispatcher<K, V> {

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    private final String cacheName;
    private final List<ListenerRegistration<K, V>> registrations = new CopyOnWriteArrayList<>();
    private ExecutorService asyncExecutor;
    private boolean closed;

    /**
     * Creates a dispatcher.
     *
     * @param cacheName the cache's name, for logs and thread names
     */
    public EventDispatcher(String cacheName) {
        this.cacheName = cacheName;
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
                if (asyncExecutor != null && !registration.isSynchronous()) {
                    // After the events already queued for it, which would otherwise reach a closed listener.
                    asyncExecutor.execute(() -> closeQuietly(registration));
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
     * arrive on the Redis client's threads, so this holds off {@link #close} until it is done, and delivers nothing
     * once the listeners are closed.
     *
     * @param events the events
     */
    public synchronized void fireRemote(List<EntryEvent<K, V>> events) {
        if (closed) {
            return;
        }
        for (ListenerRegistration<K, V> registration : registrations) {
            if (registration.isSynchronous()) {
                try {
                    registration.deliver(events);
                } catch (RuntimeException e) {
                    LOG.warn("A listener of cache {} failed on an event from elsewhere: {}", cacheName, e.toString());
                }
            } else {
                deliverLater(registration, events);
            }
        }
    }

    private synchronized void deliverLater(ListenerRegistration<K, V> registration, List<EntryEvent<K, V>> events) {
        if (closed) {
            return;
        }
        if (asyncExecutor == null) {
            asyncExecutor = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "redis-jcache-events-" + cacheName);
                thread.setDaemon(true);
                return thread;
            });
        }
        asyncExecutor.execute(() -> {
            try {
                registration.deliver(events);
            } catch (RuntimeException e) {
                LOG.warn("An asynchronous listener of cache {} failed: {}", cacheName, e.toString());
            }
        });
    }

    /**
     * Closes every listener, after delivering queued asynchronous events (waiting a few seconds at most).
     *
     * @return failures to close, to report as suppressed exceptions
     */
    public synchronized List<Exception> close() {
        closed = true;
        List<Exception> failures = new java.util.ArrayList<>();
        if (asyncExecutor != null) {
            asyncExecutor.shutdown();
            try {
                asyncExecutor.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            asyncExecutor = null;
        }
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
