package io.github.redisjcache.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;

import org.junit.jupiter.api.Test;

import io.github.redisjcache.cache.RedisCache;
import io.github.redisjcache.support.Eventually;
import io.github.redisjcache.support.Instances;
import io.github.redisjcache.support.LogCapture;
import io.github.redisjcache.testing.RedisServer;
import io.github.redisjcache.testing.RespClient;

/**
 * CacheEvictions counts the entries Redis evicted under {@code maxmemory}. Each test runs a server of its own whose
 * memory limit is far below what the test writes; the policy evicts only keys with a time to live, which the
 * entries have and the cache's configuration does not, so every eviction is of an entry.
 */
class EvictionStatisticsTest {

    private static final String[] SMALL_SERVER = {"--maxmemory", "4mb", "--maxmemory-policy", "volatile-random"};
    private static final String VALUE = "v".repeat(1_000);
    private static final Duration COUNTED = Duration.ofSeconds(10);

    private static MutableConfiguration<Integer, String> configuration(boolean statistics) {
        return new MutableConfiguration<Integer, String>().setTypes(Integer.class, String.class)
                .setStatisticsEnabled(statistics)
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
                        new javax.cache.expiry.Duration(TimeUnit.HOURS, 1)));
    }

    private static CacheStatistics statistics(Cache<?, ?> cache) {
        return cache.unwrap(RedisCache.class).statistics();
    }

    private static long evictedKeys(RespClient admin) {
        String info = admin.callString("INFO", "stats");
        for (String line : info.split("\r\n")) {
            if (line.startsWith("evicted_keys:")) {
                return Long.parseLong(line.substring("evicted_keys:".length()).trim());
            }
        }
        throw new AssertionError("INFO stats has no evicted_keys: " + info);
    }

    private static long keysOf(RespClient admin, String cacheName) {
        return admin.callList("KEYS", "jcache:" + cacheName + ":*").size();
    }

    @Test
    void everyEntryRedisEvictsIsCountedOnce() throws InterruptedException {
        try (RedisServer server = RedisServer.start(SMALL_SERVER); RespClient admin = server.client();
             Instances own = new Instances()) {
            Cache<Integer, String> cache = own.open(server.uri()).createCache("pages", configuration(true));
            for (int i = 0; i < 10_000; i++) {
                cache.put(i, VALUE);
            }
            stopEvicting(admin);
            long evicted = evictedKeys(admin);
            assertThat(evicted).isEqualTo(10_000 - keysOf(admin, "pages")).isGreaterThan(1_000);

            Eventually.await(COUNTED, "CacheEvictions to reach the " + evicted + " evictions",
                    () -> statistics(cache).getCacheEvictions() == evicted);
            Thread.sleep(300);
            assertThat(statistics(cache).getCacheEvictions()).isEqualTo(evicted);
            // An eviction is not a removal.
            assertThat(statistics(cache).getCacheRemovals()).isZero();
            assertThat(statistics(cache).getCachePuts()).isEqualTo(10_000);
        }
    }

    @Test
    void eachCacheCountsItsOwnEntriesAndOnlyWhileCountingStatistics() throws InterruptedException {
        try (RedisServer server = RedisServer.start(SMALL_SERVER); RespClient admin = server.client();
             Instances own = new Instances()) {
            CacheManager manager = own.open(server.uri());
            Cache<Integer, String> counted = manager.createCache("counted", configuration(true));
            Cache<Integer, String> other = manager.createCache("other", configuration(true));
            Cache<Integer, String> uncounted = manager.createCache("uncounted", configuration(false));
            for (int i = 0; i < 4_000; i++) {
                counted.put(i, VALUE);
                other.put(i, VALUE);
                uncounted.put(i, VALUE);
            }
            stopEvicting(admin);
            long countedEvicted = 4_000 - keysOf(admin, "counted");
            long otherEvicted = 4_000 - keysOf(admin, "other");
            assertThat(countedEvicted).isPositive();
            assertThat(otherEvicted).isPositive();
            assertThat(4_000 - keysOf(admin, "uncounted")).isPositive();

            Eventually.await(COUNTED, "each cache to count its own evictions",
                    () -> statistics(counted).getCacheEvictions() == countedEvicted
                            && statistics(other).getCacheEvictions() == otherEvicted);
            Thread.sleep(300);
            assertThat(statistics(counted).getCacheEvictions()).isEqualTo(countedEvicted);
            assertThat(statistics(other).getCacheEvictions()).isEqualTo(otherEvicted);
            assertThat(statistics(uncounted).getCacheEvictions()).isZero();
        }
    }

    @Test
    void oneSubscriptionServesTheCachesOfAManagerWhileAnyCountsStatistics() {
        try (RedisServer server = RedisServer.start(SMALL_SERVER); RespClient admin = server.client();
             Instances own = new Instances()) {
            CacheManager manager = own.open(server.uri());
            Cache<Integer, String> pages = manager.createCache("pages", configuration(false));
            manager.createCache("users", configuration(false));
            assertThat(subscribers(admin)).isZero();

            manager.enableStatistics("pages", true);
            manager.enableStatistics("users", true);
            assertThat(subscribers(admin)).isEqualTo(1);
            assertThat(admin.callLong("PUBSUB", "NUMPAT")).isZero();
            assertThat(flags(admin)).contains("E").contains("e");

            manager.enableStatistics("users", false);
            assertThat(subscribers(admin)).isEqualTo(1);
            manager.enableStatistics("pages", false);
            Eventually.await(COUNTED, "the subscription to go", () -> subscribers(admin) == 0);

            manager.enableStatistics("pages", true);
            assertThat(subscribers(admin)).isEqualTo(1);
            pages.close();
            Eventually.await(COUNTED, "the closed cache's subscription to go", () -> subscribers(admin) == 0);
        }
    }

    @Test
    void aRestartedServerHasTheNotificationsSwitchedOnAgain() throws InterruptedException {
        try (RedisServer server = RedisServer.start(SMALL_SERVER); Instances own = new Instances()) {
            Cache<Integer, String> cache = own.open(server.uri()).createCache("pages", configuration(true));
            Thread.sleep(1_100);
            // Without persistence the restarted server has its command-line configuration only: no K, no e.
            server.restart();
            try (RespClient admin = server.client()) {
                Eventually.await(Duration.ofSeconds(30), "the flags to be switched on again",
                        () -> flags(admin).contains("e") && flags(admin).contains("E"));
                for (int i = 0; i < 5_000; i++) {
                    cache.put(i, VALUE);
                }
                stopEvicting(admin);
                long evicted = evictedKeys(admin);
                assertThat(evicted).isPositive();
                Eventually.await(COUNTED, "the evictions after the restart to be counted",
                        () -> statistics(cache).getCacheEvictions() == evicted);
            }
        }
    }

    /** Lifts the memory limit, so that the replies of the checks that follow evict nothing more. */
    private static void stopEvicting(RespClient admin) {
        admin.call("CONFIG", "SET", "maxmemory", "0");
    }

    private static String flags(RespClient admin) {
        return admin.callList("CONFIG", "GET", "notify-keyspace-events").get(1).toString();
    }

    @Test
    void aServerThatRefusesConfigButHasTheNotificationsOnHasItsEvictionsCounted() {
        try (RedisServer server = RedisServer.start("--rename-command", "CONFIG", "\"\"",
                "--notify-keyspace-events", "Ee", "--maxmemory", "4mb", "--maxmemory-policy", "volatile-random");
             RespClient admin = server.client(); Instances own = new Instances();
             LogCapture log = LogCapture.everything()) {
            CacheManager manager = own.open(server.uri());
            Cache<Integer, String> first = manager.createCache("first", configuration(true));
            Cache<Integer, String> second = manager.createCache("second", configuration(true));
            for (int i = 0; i < 5_000; i++) {
                first.put(i, VALUE);
                second.put(i, VALUE);
            }
            assertThat(5_000 - keysOf(admin, "first")).isPositive();
            assertThat(5_000 - keysOf(admin, "second")).isPositive();

            // Without CONFIG the limit stays, and the replies of these checks may evict a few entries more.
            Eventually.await(COUNTED, "the evictions to be counted", () -> statistics(first).getCacheEvictions()
                    + statistics(second).getCacheEvictions() == evictedKeys(admin));
            assertThat(log.allText()).containsOnlyOnce("keyspace notifications for evicted keys")
                    .contains("CacheEvictions counts evictions only if");
        }
    }

    @Test
    void statisticsGoOnWithoutEvictionsWhenTheServerRefusesConfigAndHasNoNotifications()
            throws InterruptedException {
        try (RedisServer server = RedisServer.start("--rename-command", "CONFIG", "\"\"", "--maxmemory", "4mb",
                "--maxmemory-policy", "volatile-random");
             RespClient admin = server.client(); Instances own = new Instances()) {
            Cache<Integer, String> cache = own.open(server.uri()).createCache("pages", configuration(true));
            for (int i = 0; i < 5_000; i++) {
                cache.put(i, VALUE);
            }
            assertThat(evictedKeys(admin)).isPositive();
            Thread.sleep(300);

            assertThat(statistics(cache).getCacheEvictions()).isZero();
            assertThat(statistics(cache).getCachePuts()).isEqualTo(5_000);
        }
    }

    private static long subscribers(RespClient admin) {
        return Long.parseLong(admin.callList("PUBSUB", "NUMSUB", "__keyevent@0__:evicted").get(1).toString());
    }
}
