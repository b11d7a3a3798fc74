package io.github.redisjcache.store;

/**
 * Where {@code mutate.lua} publishes the event of a change, and the origin it stamps on it.
 *
 * @param channel the pub/sub channel
 * @param sharded whether to use SPUBLISH (Redis Cluster) instead of PUBLISH
 * @param origin  the id of the cache instance making the change, so it can ignore its own events
 */
public record EventRoute(String channel, boolean sharded, String origin) {
}
