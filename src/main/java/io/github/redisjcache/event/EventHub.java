package io.github.redisjcache.event;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.redisjcache.connection.SharedConnection;
import io.github.redisjcache.keys.CacheKeys;
import io.github.redisjcache.keys.KeyNames;
import io.github.redisjcache.store.Awaiter;
import io.github.redisjcache.store.EventRoute;
import io.github.redisjcache.store.RedisStore;

/**
 * A cache manager's link to the events of other JVMs.
 *
 * <ul>
 *   <li>Presence: which caches have listeners anywhere, from a registry in Redis with leases (renewed here every
 *   third of the lease) and a change channel per key prefix, so that writers publish events only while someone
 *   listens.</li>
 *   <li>Delivery: a subscription to a cache's event channel while this JVM has listeners for it.</li>
 *   <li>Expiry: while this JVM has expiry listeners for a cache, Redis's keyspace notifications tell it that an
 *   entry expired; it then tries to claim the expiry (only one claimer in the whole deployment wins, see
 *   {@code Commands.claimExpired}), which publishes the event with the old value. When the server refuses
 *   CONFIG SET, a sweep of the cache's shadows every few seconds finds expired entries instead. When a JVM starts
 *   listening for a cache's expiries and none did, entries written meanwhile have no shadow: two passes over the
 *   cache give them one ({@link ShadowBackfill}).</li>
 *   <li>Evictions: while a cache counts statistics here, the notifications of its entries that Redis evicted
 *   ({@code maxmemory}) are counted ({@link EvictionNotices}).</li>
 * </ul>
 */
public final class EventHub implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventHub.class);
    /** Long enough for writers in other JVMs to hear of a new expiry listener and start writing shadows. */
    private static final long BACKFILL_DELAY_MILLIS = 1_000;

    private final SharedConnection connection;
    private final RedisStore store;
    private final RedissonClient client;
    private final long leaseMillis;
    private final long graceMillis;
    private final long sweepMillis;
    private final long refreshMillis;
    private final ScheduledExecutorService scheduler;
    private final ScheduledExecutorService shadowWork;
    private final ShadowBackfill backfill;
    private final Set<RedisPresence> presences = new CopyOnWriteArraySet<>();
    private final Map<String, Integer> changeSubscriptions = new ConcurrentHashMap<>();
    private final ShardChannels shards;
    private final Awaiter awaiter;
    private final KeyspaceNotifications notifications;
    private final EvictionNotices evictions;

    /**
     * Creates the hub of one cache manager, with the timing of its settings
     * ({@link io.github.redisjcache.config.EventSettings}).
     *
     * @param store        the Redis store of the manager's connection
     * @param lease        how long a listener registration lives without renewal
     * @param grace        how much longer than an entry its shadow lives
     * @param sweep        how often to sweep for expiries when keyspace notifications are unavailable
     */
    public EventHub(RedisStore store, Duration lease, Duration grace, Duration sweep) {
        this.connection = store.connection();
        this.store = store;
        this.client = connection.client();
        this.leaseMillis = lease.toMillis();
        this.graceMillis = grace.toMillis();
        this.sweepMillis = sweep.toMillis();
        this.awaiter = new Awaiter("the event hub", connection.operationTimeout().toMillis(),
                connection.replyWatchdog());
        // Sharded pub/sub arrived in Redis 7.0; an older cluster gets plain (broadcast) channels.
        this.shards = connection.mode() == io.github.redisjcache.connection.ConnectionMode.CLUSTER
                && connection.serverInfo().hasSharding7()
                ? new ShardChannels(connection.executor().getConnectionManager()) : null;
        this.scheduler = daemonScheduler("redis-jcache-presence");
        // Its own thread: a pass over a large cache must not hold up the lease renewals.
        this.shadowWork = daemonScheduler("redis-jcache-shadows");
        this.backfill = new ShadowBackfill(store, awaiter, graceMillis);
        this.refreshMillis = Math.max(100, leaseMillis / 3);
        this.notifications = new KeyspaceNotifications(connection, scheduler);
        this.evictions = new EvictionNotices(notifications);
        scheduler.scheduleWithFixedDelay(this::refreshAll, refreshMillis, refreshMillis, TimeUnit.MILLISECONDS);
    }

    private static ScheduledExecutorService daemonScheduler(String name) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** @return the sharded channels of a Redis Cluster, or null on other deployments */
    ShardChannels shards() {
        return shards;
    }

    /** @return how much longer than an entry its shadow lives, in milliseconds */
    public long graceMillis() {
        return graceMillis;
    }

    /**
     * Returns the listener presence of one cache instance, reading the registry once so that it is right from the
     * start.
     *
     * @param keys   the cache's key names
     * @param origin the cache instance's origin id
     * @return its presence
     */
    public ListenerPresence presence(CacheKeys keys, String origin) {
        RedisPresence presence = new RedisPresence(this, keys, origin);
        subscribeChanges(keys);
        presences.add(presence);
        presence.refresh();
        return presence;
    }

    long[] registry(byte[] registry, String operation, String origin, String flags) {
        return await(store.single().listeners(registry, operation, origin, leaseMillis, flags));
    }

    /** Tells every JVM that the listeners of a cache changed. */
    void announce(CacheKeys keys) {
        String channel = KeyNames.withPrefix(prefixOf(keys)).listenerChanges();
        await(client.getTopic(channel, StringCodec.INSTANCE).publishAsync(keys.name()).toCompletableFuture());
    }

    void forget(RedisPresence presence) {
        presences.remove(presence);
    }

    private void subscribeChanges(CacheKeys keys) {
        String channel = KeyNames.withPrefix(prefixOf(keys)).listenerChanges();
        changeSubscriptions.computeIfAbsent(channel, name -> {
            RTopic topic = client.getTopic(name, StringCodec.INSTANCE);
            return topic.addListener(String.class, (ignored, cacheName) -> {
                if (scheduler.isShutdown()) {
                    return;
                }
                try {
                    scheduler.execute(() -> {
                        for (RedisPresence presence : presences) {
                            if (presence.keys().name().equals(cacheName)) {
                                refreshQuietly(presence);
                            }
                        }
                    });
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // The hub closed meanwhile: nothing left to refresh.
                }
            });
        });
    }

    private void refreshAll() {
        for (RedisPresence presence : presences) {
            refreshQuietly(presence);
        }
    }

    private void refreshQuietly(RedisPresence presence) {
        try {
            presence.refresh();
        } catch (RuntimeException e) {
            LOG.warn("Cannot refresh the listener registry of a cache: {}", e.toString());
        }
    }

    /**
     * Subscribes to a cache's event channels: one channel, or on Redis Cluster the sharded channel of every master,
     * kept in step with the masters as slots move.
     *
     * @param channels the cache's channels
     * @param handler  receives each message
     * @return the subscription, to close when the cache has no listeners left
     */
    AutoCloseable subscribeEvents(EventChannels channels, Consumer<byte[]> handler) {
        Map<String, Integer> subscribed = new ConcurrentHashMap<>();
        Runnable sync = () -> {
            for (String channel : channels.subscriptions()) {
                subscribed.computeIfAbsent(channel, name -> topic(name, channels.sharded())
                        .addListener(byte[].class, (ignored, message) -> handler.accept(message)));
            }
        };
        sync.run();
        ScheduledFuture<?> follow = channels.sharded()
                ? scheduler.scheduleWithFixedDelay(() -> runQuietly(sync), 1, 1, TimeUnit.SECONDS) : null;
        return () -> {
            if (follow != null) {
                follow.cancel(false);
            }
            subscribed.forEach((name, id) -> topic(name, channels.sharded()).removeListener(id));
        };
    }

    private RTopic topic(String channel, boolean sharded) {
        return sharded ? client.getShardedTopic(channel, ByteArrayCodec.INSTANCE)
                : client.getTopic(channel, ByteArrayCodec.INSTANCE);
    }

    private static void runQuietly(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            LOG.warn("Following the cluster's masters for event subscriptions failed: {}", e.toString());
        }
    }

    /**
     * Watches a cache's entries for expiries: keyspace notifications when the server has or accepts them, else a
     * periodic sweep of the cache's shadows. When no JVM listened for the cache's expiries yet, it also gives the
     * entries written meanwhile a shadow, in the background.
     *
     * @param keys      the cache's key names
     * @param onExpired receives the entry key of each entry that may have expired
     * @return the watch, to close when the cache has no expiry listeners left
     */
    public AutoCloseable watchExpiry(CacheKeys keys, Consumer<byte[]> onExpired) {
        List<ScheduledFuture<?>> passes = new ArrayList<>();
        if (registry(keys.listeners().getBytes(StandardCharsets.UTF_8), "get", "", "")[1] == 0) {
            // Nobody listened for expiries, so entries were written without shadows. The second pass is for a writer
            // that missed the announcement of this listener and learns of it at its next refresh.
            for (long delay : new long[]{BACKFILL_DELAY_MILLIS, refreshMillis + BACKFILL_DELAY_MILLIS}) {
                passes.add(shadowWork.schedule(() -> giveShadows(keys), delay, TimeUnit.MILLISECONDS));
            }
        }
        AutoCloseable watch = watchExpiryNotices(keys, onExpired);
        return () -> {
            passes.forEach(pass -> pass.cancel(false));
            watch.close();
        };
    }

    private void giveShadows(CacheKeys keys) {
        try {
            long made = backfill.run(keys);
            if (made > 0) {
                LOG.info("Cache {}: {} entries written while nobody listened for expiries got a shadow, so that "
                        + "their expiry is reported", keys.name(), made);
            }
        } catch (RuntimeException e) {
            if (shadowWork.isShutdown()) {
                return;
            }
            LOG.warn("Cache {}: giving shadows to entries written while nobody listened for expiries failed, so their "
                    + "expiry may go unreported: {}", keys.name(), e.toString());
        }
    }

    private AutoCloseable watchExpiryNotices(CacheKeys keys, Consumer<byte[]> onExpired) {
        boolean switchedOn = notifications.available(KeyspaceNotifications.EXPIRED, "expiry events of entries "
                + "nobody touches are found by a periodic sweep, and by notifications only if the server's own "
                + "configuration has notify-keyspace-events with K and x");
        // Subscribed either way: a server that refuses CONFIG may have the notifications on in its own configuration.
        AutoCloseable notices = notifications.watchExpired(keys, onExpired);
        // With notifications the sweep still runs, rarely: they are fire-and-forget and a reconnect can lose some.
        long every = switchedOn ? graceMillis / 2 : sweepMillis;
        ScheduledFuture<?> sweep = scheduler.scheduleWithFixedDelay(() -> sweep(keys, onExpired), every, every,
                TimeUnit.MILLISECONDS);
        return () -> {
            notices.close();
            sweep.cancel(false);
        };
    }

    /**
     * Watches a cache's entries for evictions (Redis dropping them under {@code maxmemory}), from the keyevent
     * notifications of evicted keys, switched on ({@code notify-keyspace-events} flags {@code E} and {@code e}) if the
     * server does not have them; one subscription serves every cache of the manager.
     *
     * @param keys      the cache's key names
     * @param onEvicted runs once for each evicted entry
     * @return the watch, to close
     */
    public AutoCloseable watchEvictions(CacheKeys keys, Runnable onEvicted) {
        return evictions.watch(keys, onEvicted);
    }

    /** Finds shadows whose entry is gone: each is an expiry nobody reported yet. */
    private void sweep(CacheKeys keys, Consumer<byte[]> onExpired) {
        try {
            store.forEachChunk(keys.shadowPattern(), shadows -> {
                for (byte[] shadow : shadows) {
                    byte[] entryKey = keys.entryOfShadow(shadow);
                    if (entryKey != null) {
                        onExpired.accept(entryKey);
                    }
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("Sweeping cache {} for expired entries failed: {}", keys.name(), e.toString());
        }
    }

    /**
     * Tries to report an expiry; only one caller in the deployment succeeds.
     *
     * @param entryKey the entry key
     * @param route    the cache's route, tracking expiry
     * @return the expired value if this call reported it, else null
     */
    public CompletableFuture<byte[]> claim(byte[] entryKey, EventRoute route) {
        return store.single().claimExpired(entryKey, route);
    }

    @Override
    public void close() {
        changeSubscriptions.forEach((channel, id) -> client.getTopic(channel, StringCodec.INSTANCE)
                .removeListener(id));
        changeSubscriptions.clear();
        scheduler.shutdownNow();
        shadowWork.shutdownNow();
        List<RedisPresence> open = new ArrayList<>(presences);
        for (RedisPresence presence : open) {
            try {
                presence.close();
            } catch (RuntimeException e) {
                LOG.warn("Withdrawing a listener registration failed: {}", e.toString());
            }
        }
    }

    private static String prefixOf(CacheKeys keys) {
        String pattern = keys.entryPattern();
        return pattern.substring(0, pattern.indexOf(':'));
    }

    private <T> T await(CompletableFuture<T> future) {
        return awaiter.await("an update of the listener registry", future);
    }
}
