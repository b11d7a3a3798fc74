package io.github.redisjcache.event;

import java.util.Set;

import io.github.redisjcache.keys.CacheKeys;
import io.github.redisjcache.store.EventRoute;

/**
 * Names the pub/sub channel a change of an entry publishes its event on, and the entry's shadow: one channel per
 * cache on a standalone or Sentinel deployment, one sharded channel per master and cache on Redis Cluster.
 */
public final class EventChannels {

    private final CacheKeys keys;
    private final ShardChannels shards;
    private final long graceMillis;

    /**
     * Creates the channels of a cache.
     *
     * @param keys        the cache's key names
     * @param hub         the manager's event hub, which knows the deployment
     */
    public EventChannels(CacheKeys keys, EventHub hub) {
        this.keys = keys;
        this.shards = hub.shards();
        this.graceMillis = hub.graceMillis();
    }

    EventRoute route(byte[] entryKey, String origin, boolean tracksExpiry, boolean oldValues) {
        byte[] shadow = tracksExpiry ? keys.shadow(entryKey) : null;
        if (shards == null) {
            return new EventRoute(keys.events(), false, origin, shadow, graceMillis, oldValues);
        }
        return new EventRoute(shards.channelFor(keys, entryKey), true, origin, shadow, graceMillis, oldValues);
    }

    /** @return whether the channels are sharded (Redis Cluster) */
    boolean sharded() {
        return shards != null;
    }

    /** @return the channels a subscriber must listen on to hear every event of the cache */
    Set<String> subscriptions() {
        return shards == null ? Set.of(keys.events()) : shards.all(keys);
    }

    /** @return the cache's key names */
    public CacheKeys keys() {
        return keys;
    }
}
