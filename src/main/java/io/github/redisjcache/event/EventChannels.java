package io.github.redisjcache.event;

import io.github.redisjcache.keys.CacheKeys;
import io.github.redisjcache.store.EventRoute;

/** Names the pub/sub channel a change of an entry publishes its event on, and the entry's shadow. */
public final class EventChannels {

    private final CacheKeys keys;
    private final String channel;
    private final long graceMillis;

    /**
     * Creates the channels of a cache.
     *
     * @param keys        the cache's key names
     * @param graceMillis how much longer than an entry its shadow lives, while expiries are reported
     */
    public EventChannels(CacheKeys keys, long graceMillis) {
        this.keys = keys;
        this.channel = keys.events();
        this.graceMillis = graceMillis;
    }

    EventRoute route(byte[] entryKey, String origin, boolean tracksExpiry) {
        byte[] shadow = tracksExpiry ? keys.shadow(entryKey) : null;
        return new EventRoute(channel, false, origin, shadow, graceMillis);
    }

    /** @return the channel of a standalone or Sentinel deployment */
    public String channel() {
        return channel;
    }

    /** @return the cache's key names */
    public CacheKeys keys() {
        return keys;
    }
}
