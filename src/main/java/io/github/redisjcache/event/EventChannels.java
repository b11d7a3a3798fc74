package io.github.redisjcache.event;

import io.github.redisjcache.keys.CacheKeys;
import io.github.redisjcache.store.EventRoute;

/** Names the pub/sub channel a change of an entry publishes its event on. */
public final class EventChannels {

    private final String channel;

    /**
     * Creates the channels of a cache.
     *
     * @param keys the cache's key names
     */
    public EventChannels(CacheKeys keys) {
        this.channel = keys.events();
    }

    EventRoute route(byte[] entryKey, String origin) {
        return new EventRoute(channel, false, origin);
    }

    /** @return the channel of a standalone or Sentinel deployment */
    public String channel() {
        return channel;
    }
}
