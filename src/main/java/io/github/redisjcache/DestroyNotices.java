package io.github.redisjcache;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.redisson.api.RTopic;
import org.redisson.api.RedissonClient;
import org.redisson.api.listener.BaseStatusListener;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.redisjcache.keys.KeyNames;

/**
 * The news that a cache was destroyed, between cache managers in every JVM: the manager that destroys a cache says
 * so on the channel of the cache's key prefix, and every manager with an instance of that incarnation of the cache
 * open closes it, so that its writes cannot bring entries back without a configuration.
 *
 * <p>A message names the cache and the incarnation it destroyed (see
 * {@link io.github.redisjcache.config.StoredConfiguration#incarnationOf}), so a late message never closes a cache
 * created again under the same name. Pub/sub reaches only the managers subscribed when it is sent, so each time the
 * subscription comes back after its connection dropped (the news may have gone out meanwhile) an instance asks Redis
 * whether its incarnation is gone (see {@code RedisCacheManager#destroyedMeanwhile}).
 */
final class DestroyNotices implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DestroyNotices.class);
    /** A watch younger than this has just read its incarnation from Redis: asking again would tell nothing new. */
    private static final long SETTLED_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final RedissonClient client;
    private final Executor executor;
    /** Per channel: the ids of its message listener and of its subscription-status listener. */
    private final Map<String, int[]> subscriptions = new ConcurrentHashMap<>();
    private final Set<Watch> watches = ConcurrentHashMap.newKeySet();

    /**
     * Creates the notices of one cache manager.
     *
     * @param client   the manager's Redis client
     * @param executor runs the reactions to a destroyed cache, off the client's threads
     */
    DestroyNotices(RedissonClient client, Executor executor) {
        this.client = client;
        this.executor = executor;
    }

    /** One open cache instance, waiting to hear that its incarnation of the cache was destroyed. */
    static final class Watch implements AutoCloseable {
        private final DestroyNotices notices;
        private final String channel;
        private final String message;
        private final String incarnation;
        private final BooleanSupplier destroyedMeanwhile;
        private final Runnable onDestroyed;
        private final long started = System.nanoTime();

        private Watch(DestroyNotices notices, String channel, String message, String incarnation,
                      BooleanSupplier destroyedMeanwhile, Runnable onDestroyed) {
            this.notices = notices;
            this.channel = channel;
            this.message = message;
            this.incarnation = incarnation;
            this.destroyedMeanwhile = destroyedMeanwhile;
            this.onDestroyed = onDestroyed;
        }

        /** @return the incarnation of the cache the instance belongs to */
        String incarnation() {
            return incarnation;
        }

        @Override
        public void close() {
            notices.watches.remove(this);
        }
    }

    /**
     * Starts listening for the destruction of one incarnation of a cache.
     *
     * @param keyPrefix          the cache's key prefix
     * @param cacheName          the cache's name
     * @param incarnation        the incarnation the instance belongs to
     * @param destroyedMeanwhile asks Redis whether that incarnation is gone, for news that may have been missed;
     *                           runs on the executor
     * @param onDestroyed        what to do when it is destroyed; runs on the executor
     * @return the watch, to close when the instance closes
     */
    Watch watch(String keyPrefix, String cacheName, String incarnation, BooleanSupplier destroyedMeanwhile,
                Runnable onDestroyed) {
        String channel = KeyNames.withPrefix(keyPrefix).destroyedCaches();
        Watch watch = new Watch(this, channel, message(cacheName, incarnation), incarnation, destroyedMeanwhile,
                onDestroyed);
        watches.add(watch);
        subscriptions.computeIfAbsent(channel, this::subscribe);
        return watch;
    }

    private int[] subscribe(String channel) {
        RTopic topic = client.getTopic(channel, StringCodec.INSTANCE);
        int messages = topic.addListener(String.class, (ignored, message) -> heard(channel, message));
        int status = topic.addListener(new BaseStatusListener() {
            @Override
            public void onSubscribe(String subscribed) {
                // Also after a reconnect: whatever was announced while the connection was down was lost.
                long now = System.nanoTime();
                for (Watch watch : watches) {
                    if (watch.channel.equals(channel) && now - watch.started >= SETTLED_NANOS) {
                        recheck(watch);
                    }
                }
            }
        });
        return new int[]{messages, status};
    }

    private void recheck(Watch watch) {
        run(() -> {
            if (!watches.contains(watch)) {
                return;
            }
            boolean destroyed;
            try {
                destroyed = watch.destroyedMeanwhile.getAsBoolean();
            } catch (RuntimeException e) {
                // Redis is unreachable again: the subscription's next return asks again.
                LOG.debug("Cannot check whether a cache was destroyed meanwhile: {}", e.toString());
                return;
            }
            if (destroyed) {
                watch.onDestroyed.run();
            }
        });
    }

    /**
     * Tells every cache manager that one incarnation of a cache was destroyed.
     *
     * @param keyPrefix   the cache's key prefix
     * @param cacheName   the cache's name
     * @param incarnation the incarnation destroyed
     * @return how many subscribers received the news
     */
    CompletableFuture<Long> announce(String keyPrefix, String cacheName, String incarnation) {
        String channel = KeyNames.withPrefix(keyPrefix).destroyedCaches();
        return client.getTopic(channel, StringCodec.INSTANCE).publishAsync(message(cacheName, incarnation))
                .toCompletableFuture();
    }

    private void heard(String channel, String message) {
        for (Watch watch : watches) {
            if (watch.channel.equals(channel) && watch.message.equals(message)) {
                run(watch.onDestroyed);
            }
        }
    }

    private void run(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            // The manager is closing: its caches close anyway.
        }
    }

    private static String message(String cacheName, String incarnation) {
        // An incarnation id never holds a line break; a cache name may hold anything.
        return incarnation + "\n" + cacheName;
    }

    @Override
    public void close() {
        watches.clear();
        subscriptions.forEach((channel, ids) -> client.getTopic(channel, StringCodec.INSTANCE).removeListener(ids[0],
                ids[1]));
        subscriptions.clear();
    }
}
