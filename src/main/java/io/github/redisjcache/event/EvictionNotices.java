package io.github.redisjcache.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.redisjcache.keys.CacheKeys;

/**
 * Routes the evictions Redis reports to the caches of one manager that count them: one subscription to the keyevent
 * channel of evicted keys while any of them counts, each evicted key going to the cache whose entry it was.
 */
final class EvictionNotices {

    private static final Logger LOG = LoggerFactory.getLogger(EvictionNotices.class);

    private final KeyspaceNotifications notifications;
    private final List<Counting> counting = new CopyOnWriteArrayList<>();
    private AutoCloseable subscription;

    EvictionNotices(KeyspaceNotifications notifications) {
        this.notifications = notifications;
    }

    /**
     * Starts counting a cache's evictions.
     *
     * @param keys      the cache's key names
     * @param onEvicted runs once for each of its entries evicted
     * @return what stops the counting, to close
     */
    synchronized AutoCloseable watch(CacheKeys keys, Runnable onEvicted) {
        if (subscription == null) {
            notifications.available(KeyspaceNotifications.EVICTED, "CacheEvictions counts evictions only if the "
                    + "server's own configuration has notify-keyspace-events with E and e");
            // Subscribed either way: a server that refuses CONFIG may have them on in its own configuration.
            subscription = notifications.watchEvicted(this::evicted);
        }
        Counting cache = new Counting(keys, onEvicted);
        counting.add(cache);
        return () -> unwatch(cache);
    }

    private synchronized void unwatch(Counting cache) {
        if (!counting.remove(cache) || !counting.isEmpty() || subscription == null) {
            return;
        }
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debug("Dropping the subscription to evictions failed", e);
        }
        subscription = null;
    }

    private void evicted(byte[] key) {
        for (Counting cache : counting) {
            if (cache.keys.isEntry(key)) {
                cache.onEvicted.run();
                return;
            }
        }
    }

    /** A cache that counts; compared by identity, since one cache may stop and start counting again. */
    private static final class Counting {

        private final CacheKeys keys;
        private final Runnable onEvicted;

        private Counting(CacheKeys keys, Runnable onEvicted) {
            this.keys = keys;
            this.onEvicted = onEvicted;
        }
    }
}
