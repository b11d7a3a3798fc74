package io.github.redisjcache;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import io.github.redisjcache.keys.KeyNames;

/**
 * The news that a cache was destroyed, between cache managers in every JVM: the manager that destroys a cache says
 * so on the channel of the cache's key prefix, and every manager with an instance of that incarnation of the cache
 * open closes it, so that its writes cannot bring entries back without a configuration.
 *
 * <p>A message names the cache and the incarnation it destroyed (see
 * {@link io.github.redisjcache.config.StoredConfiguration#incarnationOf}), so a late message never closes a cache
 * created again under the same name. Pub/sub reaches the managers subscribed when it is sent: an instance opened
 * while the cache was being destroyed may not hear of it.
 */
final class DestroyNotices implements AutoCloseable {

    private final RedissonClient client;
    private final Executor executor;
    private final Map<String, Integer> subscriptions = new ConcurrentHashMap<>();
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
        private final Runnable onDestroyed;

        private Watch(DestroyNotices notices, String channel, String message, String incarnation,
                      Runnable onDestroyed) {
            this.notices = notices;
            this.channel = channel;
            this.message = message;
            this.incarnation = incarnation;
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
     * @param keyPrefix   the cache's key prefix
     * @param cacheName   the cache's name
     * @param incarnation the incarnation the instance belongs to
     * @param onDestroyed what to do when it is destroyed; runs on the executor
     * @return the watch, to close when the instance closes
     */
    Watch watch(String keyPrefix, String cacheName, String incarnation, Runnable onDestroyed) {
        String channel = KeyNames.withPrefix(keyPrefix).destroyedCaches();
        subscriptions.computeIfAbsent(channel, name -> client.getTopic(name, StringCodec.INSTANCE)
                .addListener(String.class, (ignored, message) -> heard(name, message)));
        Watch watch = new Watch(this, channel, message(cacheName, incarnation), incarnation, onDestroyed);
        watches.add(watch);
        return watch;
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
                try {
                    executor.execute(watch.onDestroyed);
                } catch (RejectedExecutionException e) {
                    // The manager is closing: its caches close anyway.
                }
            }
        }
    }

    private static String message(String cacheName, String incarnation) {
        // An incarnation id never holds a line break; a cache name may hold anything.
        return incarnation + "\n" + cacheName;
    }

    @Override
    public void close() {
        watches.clear();
        subscriptions.forEach((channel, id) -> client.getTopic(channel, StringCodec.INSTANCE).removeListener(id));
        subscriptions.clear();
    }
}
