package io.github.redisjcache.event;

import java.nio.charset.StandardCharsets;

import io.github.redisjcache.keys.CacheKeys;

/**
 * The listener presence of one cache instance, kept in a registry in Redis: it registers this instance's listeners
 * under a lease that its hub renews, and learns from the registry whether other instances listen.
 */
final class RedisPresence implements ListenerPresence {

    private final EventHub hub;
    private final CacheKeys keys;
    private final byte[] registry;
    private final String origin;
    private volatile boolean elsewhere;
    private volatile boolean tracksExpiry;
    private volatile boolean wantsOldValues;
    private volatile boolean localPresent;
    private volatile boolean localExpiry;
    private volatile boolean localOldValues;
    private volatile boolean closed;

    RedisPresence(EventHub hub, CacheKeys keys, String origin) {
        this.hub = hub;
        this.keys = keys;
        this.registry = keys.listeners().getBytes(StandardCharsets.UTF_8);
        this.origin = origin;
    }

    @Override
    public boolean elsewhere() {
        return elsewhere;
    }

    @Override
    public boolean tracksExpiry() {
        return tracksExpiry;
    }

    @Override
    public boolean wantsOldValues() {
        return wantsOldValues;
    }

    @Override
    public synchronized void localListenersChanged(boolean present, boolean expiry, boolean oldValues) {
        if (closed || (present == localPresent && expiry == localExpiry && oldValues == localOldValues)) {
            return;
        }
        localPresent = present;
        localExpiry = expiry;
        localOldValues = oldValues;
        apply(hub.registry(registry, present ? "put" : "del", origin, flags()));
        hub.announce(keys);
    }

    private String flags() {
        return (localExpiry ? "x" : "") + (localOldValues ? "o" : "");
    }

    /** Renews this instance's lease when it has listeners, and reads what the others do. */
    synchronized void refresh() {
        if (closed) {
            return;
        }
        apply(hub.registry(registry, localPresent ? "put" : "get", origin, flags()));
    }

    private void apply(long[] state) {
        elsewhere = state[0] > 0;
        tracksExpiry = state[1] > 0;
        wantsOldValues = state[2] > 0;
    }

    CacheKeys keys() {
        return keys;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        localListenersChanged(false, false, false);
        closed = true;
        hub.forget(this);
    }
}
