package io.github.redisjcache.store;

/**
 * Where a change of an entry publishes its event, the origin it stamps on it, and, while expiries are being
 * reported, the entry's shadow (see {@code mutate.lua}).
 *
 * @param channel   the pub/sub channel
 * @param sharded   whether to use SPUBLISH (Redis Cluster) instead of PUBLISH
 * @param origin    the id of the cache instance making the change, so it can ignore its own events
 * @param shadowKey the entry's shadow key, or null when expiries are not being reported
 * @param graceMillis how much longer than the entry its shadow lives
 * @param oldValues whether some listener wants old values, so events must carry them
 */
public record EventRoute(String channel, boolean sharded, String origin, byte[] shadowKey, long graceMillis,
                         boolean oldValues) {

    /** @return whether expiries of the entry are being reported (a shadow is kept) */
    public boolean tracksExpiry() {
        return shadowKey != null;
    }

    /** @return this route, with events carrying old values whether or not a listener asked for them */
    public EventRoute withOldValues() {
        return oldValues ? this : new EventRoute(channel, sharded, origin, shadowKey, graceMillis, true);
    }
}
