package io.github.redisjcache.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.EventType;
import javax.cache.expiry.CreatedExpiryPolicy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.redisjcache.keys.KeyNames;
import io.github.redisjcache.support.Eventually;
import io.github.redisjcache.support.Instances;
import io.github.redisjcache.support.RecordingListener;
import io.github.redisjcache.testing.RedisServer;
import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.RespClient;
import io.github.redisjcache.testing.TestRedis;

/** The {@code events.*} settings reach Redis: the listener lease, the shadow's grace and the sweep interval. */
@RedisTest
class EventSettingsInUseTest {

    private static final String CACHE = "timed";
    private static final String REGISTRY = "jcache:#listeners:" + CACHE;

    private final Instances instances = new Instances();

    @AfterEach
    void closeManagers() {
        instances.close();
    }

    private static MutableConfiguration<String, String> configuration(long expiryMillis) {
        return new MutableConfiguration<String, String>().setTypes(String.class, String.class)
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
                        new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, expiryMillis)));
    }

    private static RecordingListener<String, String> listenTo(Cache<String, String> cache, boolean expiry) {
        RecordingListener<String, String> listener = new RecordingListener<>();
        cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
                FactoryBuilder.factoryOf(listener), null, expiry, false));
        return listener;
    }

    @Test
    void theListenerLeaseIsTheOneConfiguredAndAShorterOneNeverCutsALongerOneShort(RespClient redis)
            throws InterruptedException {
        CacheManager longLease = instances.open(TestRedis.get().uri(), "events.listener-lease", "60s");
        listenTo(longLease.createCache(CACHE, configuration(60_000)), false);
        CacheManager shortLease = instances.open(TestRedis.get().uri(), "events.listener-lease", "1s");
        listenTo(shortLease.getCache(CACHE, String.class, String.class), false);

        List<Object> records = redis.callList("HVALS", REGISTRY);
        long now = redisMillis(redis);
        assertThat(records).hasSize(2);
        List<Long> leases = records.stream().map(record -> Long.parseLong(record.toString().split(":")[0]) - now)
                .sorted().toList();
        // What is left of each lease (read before the clock, so never more than the lease; the 1 s one is renewed
        // every third of a second, and may have just lapsed on a very busy machine).
        assertThat(leases.get(0)).isBetween(-1_000L, 1_000L);
        assertThat(leases.get(1)).isBetween(50_000L, 60_000L);

        // The 1 s lease is renewed every third of a second; the registry must still outlive the 60 s one.
        Thread.sleep(1_500);
        assertThat(redis.callLong("PTTL", REGISTRY)).isGreaterThan(60_000L);
    }

    @Test
    void theShadowOutlivesItsEntryByTheConfiguredGrace(RespClient redis) {
        Cache<String, String> cache = instances.open(TestRedis.get().uri(), "events.expiry-grace", "5s")
                .createCache(CACHE, configuration(600_000));
        listenTo(cache, true);

        cache.put("k", "v");

        byte[] entryKey = "jcache:timed:k".getBytes(StandardCharsets.UTF_8);
        byte[] shadow = KeyNames.withPrefix("jcache").cache(CACHE).shadow(entryKey);
        long entryTtl = (Long) redis.call("PTTL".getBytes(StandardCharsets.UTF_8), entryKey);
        long shadowTtl = (Long) redis.call("PTTL".getBytes(StandardCharsets.UTF_8), shadow);
        assertThat(shadowTtl - entryTtl).isBetween(4_000L, 5_001L);
    }

    @Test
    void theSweepRunsAtTheConfiguredInterval() {
        try (RedisServer server = RedisServer.start("--rename-command", "CONFIG", "\"\"")) {
            Cache<String, String> cache = instances.open(server.uri(), "events.expiry-sweep", "200ms")
                    .createCache(CACHE, configuration(200));
            RecordingListener<String, String> listener = listenTo(cache, true);

            cache.put("k", "v");
            Duration delay = Eventually.await(Duration.ofSeconds(10), "the swept expiry",
                    () -> listener.count(EventType.EXPIRED) == 1);

            // With the default interval of 2 s, the first sweep comes about 1.8 s after this expiry.
            assertThat(delay).isLessThan(Duration.ofMillis(1_200));
            instances.close();
        }
    }

    @Test
    void aServerThatRefusesConfigButHasExpiryNotificationsOnReportsExpiriesWithoutTheSweep() {
        try (RedisServer server = RedisServer.start("--rename-command", "CONFIG", "\"\"",
                "--notify-keyspace-events", "Kx")) {
            // A sweep an hour away: only the notification can report the expiry within the test.
            Cache<String, String> cache = instances.open(server.uri(), "events.expiry-sweep", "1h")
                    .createCache(CACHE, configuration(200));
            RecordingListener<String, String> listener = listenTo(cache, true);

            cache.put("k", "v");
            Eventually.await(Duration.ofSeconds(10), "the notified expiry",
                    () -> listener.count(EventType.EXPIRED) == 1);
            instances.close();
        }
    }

    private static long redisMillis(RespClient redis) {
        List<Object> time = redis.callList("TIME");
        return Long.parseLong(time.get(0).toString()) * 1000 + Long.parseLong(time.get(1).toString()) / 1000;
    }
}
