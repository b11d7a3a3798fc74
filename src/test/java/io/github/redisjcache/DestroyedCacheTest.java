package io.github.redisjcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.redisjcache.config.StoredConfiguration;
import io.github.redisjcache.support.Eventually;
import io.github.redisjcache.support.Instances;
import io.github.redisjcache.testing.JvmProcess;
import io.github.redisjcache.testing.RedisServer;
import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.RespClient;
import io.github.redisjcache.testing.TestRedis;

/**
 * A cache destroyed through one cache manager closes in every other manager that has it open, so that their writes
 * cannot bring entries back without a configuration; a cache created again under the same name is not affected.
 */
@RedisTest
class DestroyedCacheTest {

    private static final Duration NEWS = Duration.ofSeconds(5);

    private final Instances instances = new Instances();
    private CacheManager first;
    private CacheManager second;

    @BeforeEach
    void openManagers() {
        first = instances.open(TestRedis.get().uri());
        second = instances.open(TestRedis.get().uri());
    }

    @AfterEach
    void closeManagers() {
        instances.close();
    }

    private static String incarnation(RespClient redis, String cacheName) {
        return StoredConfiguration.incarnationOf(redis.callString("GET", "jcache:#config:" + cacheName)
                .getBytes(StandardCharsets.UTF_8));
    }

    private static MutableConfiguration<String, Integer> configuration() {
        return new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class);
    }

    @Test
    void anInstanceOpenInAnotherManagerClosesWhenItsCacheIsDestroyed(RespClient redis) {
        first.createCache("prices", configuration()).put("apple", 3);
        String destroyed = incarnation(redis, "prices");
        Cache<String, Integer> elsewhere = second.getCache("prices", String.class, Integer.class);
        assertThat(elsewhere.get("apple")).isEqualTo(3);

        first.destroyCache("prices");

        Eventually.await(NEWS, "the other manager's instance to close", elsewhere::isClosed);
        assertThatThrownBy(() -> elsewhere.put("apple", 4)).isInstanceOf(IllegalStateException.class);
        assertThat(second.getCacheNames()).doesNotContain("prices");
        assertThat(second.getCache("prices")).isNull();
        // Only the tombstone is left, for managers that miss the news, and only for a day.
        assertThat(redis.callList("KEYS", "jcache:*prices*")).containsExactly("jcache:#destroyed:prices");
        assertThat(redis.callString("GET", "jcache:#destroyed:prices")).isEqualTo(destroyed);
        assertThat(redis.callLong("PTTL", "jcache:#destroyed:prices")).isBetween(86_340_000L, 86_400_000L);
    }

    @Test
    void aCacheDestroyedInAnotherJvmClosesHere() {
        Cache<String, Integer> cache = first.createCache("prices", configuration());
        cache.put("apple", 3);

        try (JvmProcess other = JvmProcess.start(DestroyingJvm.class, Map.of(), TestRedis.get().uri(), "prices")) {
            other.awaitLine("DESTROYED"::equals, Duration.ofSeconds(60));
            Eventually.await(NEWS, "this JVM's instance to close", cache::isClosed);
        }
        assertThat(first.getCache("prices")).isNull();
    }

    @Test
    void destroyingThroughAManagerThatNeverOpenedTheCacheClosesItsInstancesElsewhere() {
        Cache<String, Integer> cache = first.createCache("prices", configuration());
        cache.put("apple", 3);

        second.destroyCache("prices");

        Eventually.await(NEWS, "the creating manager's instance to close", cache::isClosed);
        assertThat(first.getCache("prices")).isNull();
    }

    @Test
    void aCacheCreatedAgainIsNotClosedByNewsOfTheOneDestroyed(RespClient redis) throws InterruptedException {
        first.createCache("prices", configuration()).put("apple", 3);
        String destroyed = incarnation(redis, "prices");
        Cache<String, Integer> elsewhere = second.getCache("prices", String.class, Integer.class);

        first.destroyCache("prices");
        Cache<String, Long> again = first.createCache("prices",
                new MutableConfiguration<String, Long>().setTypes(String.class, Long.class));
        again.put("apple", 5L);
        Eventually.await(NEWS, "the old instance to close", elsewhere::isClosed);
        // The news of the destroyed cache once more, as if it arrived late.
        redis.call("PUBLISH", "jcache:#destroyed", destroyed + "\nprices");
        Thread.sleep(300);

        assertThat(incarnation(redis, "prices")).isNotEqualTo(destroyed);
        assertThat(again.isClosed()).isFalse();
        assertThat(again.get("apple")).isEqualTo(5L);
        assertThat(second.getCache("prices", String.class, Long.class).get("apple")).isEqualTo(5L);
    }

    @Test
    void anInstanceThatMissedTheNewsClosesOnceItsSubscriptionIsBack() throws InterruptedException {
        try (RedisServer server = RedisServer.start(); RespClient admin = server.client();
             Instances own = new Instances()) {
            CacheManager manager = own.open(server.uri());
            Cache<String, Integer> cache = manager.createCache("prices", configuration());
            cache.put("apple", 3);
            String incarnation = incarnation(admin, "prices");
            Thread.sleep(1_100);
            // What destroyCache leaves in Redis before it announces, as another manager's destroy whose news this
            // manager did not hear (its connection was down) leaves it; then the connection drops and comes back.
            admin.call("SET", "jcache:#destroyed:prices", incarnation, "PX", "86400000");
            admin.call("DEL", "jcache:#config:prices", "jcache:prices:apple");
            assertThat(cache.isClosed()).isFalse();
            admin.call("CLIENT", "KILL", "TYPE", "pubsub");

            Eventually.await(Duration.ofSeconds(10), "the instance to close once it subscribes again",
                    cache::isClosed);
        }
    }

    @Test
    void aConfigurationLostWithRedisDataLeavesTheInstanceOpen() throws InterruptedException {
        try (RedisServer server = RedisServer.start(); RespClient admin = server.client();
             Instances own = new Instances()) {
            CacheManager manager = own.open(server.uri());
            Cache<String, Integer> cache = manager.createCache("prices", configuration());
            // As a flush or an eviction would: the configuration is gone, and no destroy left a tombstone.
            admin.call("DEL", "jcache:#config:prices");
            admin.call("CLIENT", "KILL", "TYPE", "pubsub");

            Thread.sleep(3_000);
            assertThat(cache.isClosed()).isFalse();
            cache.put("apple", 3);
            assertThat(cache.get("apple")).isEqualTo(3);
        }
    }

    @Test
    void theNewsOfADestroyedCacheLeavesOtherCachesOpen() throws InterruptedException {
        first.createCache("prices", configuration());
        Cache<String, Integer> other = second.createCache("stock", configuration());
        Cache<String, Integer> same = second.getCache("prices", String.class, Integer.class);

        first.destroyCache("prices");

        Eventually.await(NEWS, "the destroyed cache's instance to close", same::isClosed);
        Thread.sleep(300);
        assertThat(other.isClosed()).isFalse();
        other.put("apple", 1);
        assertThat(other.get("apple")).isEqualTo(1);
    }
}
