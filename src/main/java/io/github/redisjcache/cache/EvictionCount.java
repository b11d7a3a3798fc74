package io.github.redisjcache.cache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.redisjcache.event.EventHub;
import io.github.redisjcache.keys.CacheKeys;
import io.github.redisjcache.management.CacheStatistics;

/**
 * Counts the cache's entries that Redis evicts ({@code maxmemory}) into its statistics. Redis evicts on its own and
 * tells only through keyspace notifications, which take a subscription, so the cache takes part in its manager's
 * only while it counts statistics. Counting evictions is best effort: when the subscription cannot be had,
 * statistics go on without it.
 */
final class EvictionCount {

    private static final Logger LOG = LoggerFactory.getLogger(EvictionCount.class);

    private final EventHub hub;
    private final CacheKeys keys;
    private final CacheStatistics statistics;
    private AutoCloseable watch;

    EvictionCount(EventHub hub, CacheKeys keys, CacheStatistics statistics) {
        this.hub = hub;
        this.keys = keys;
        this.statistics = statistics;
    }

    /**
     * Subscribes or unsubscribes as statistics are switched on or off.
     *
     * @param counting whether the cache counts statistics
     */
    synchronized void follow(boolean counting) {
        if (!counting) {
            close();
        } else if (watch == null) {
            try {
                watch = hub.watchEvictions(keys, statistics::evicted);
            } catch (RuntimeException e) {
                LOG.warn("Cache {}: cannot subscribe to the evictions of its entries, so CacheEvictions does not "
                        + "count them: {}", keys.name(), e.toString());
            }
        }
    }

    /** Drops the subscription, if any. */
    synchronized void close() {
        if (watch == null) {
            return;
        }
        try {
            watch.close();
        } catch (Exception e) {
            LOG.debug("Cache {}: dropping the eviction subscription failed", keys.name(), e);
        }
        watch = null;
    }
}
