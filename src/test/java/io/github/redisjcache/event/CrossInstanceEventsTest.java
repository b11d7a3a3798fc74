package io.github.redisjcache.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Serializable;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.event.EventType;
import javax.cache.expiry.CreatedExpiryPolicy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.redisjcache.support.CacheManagers;
import io.github.redisjcache.support.Eventually;
import io.github.redisjcache.support.RecordingListener;
import io.github.redisjcache.testing.RedisServer;
import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.RespClient;
import io.github.redisjcache.testing.TestRedis;

/**
 * Events between cache instances that share nothing but Redis: two cache managers, as two JVMs would have. (The
 * two-JVM versions of these tests live with the other multi-JVM tests.)
 */
@RedisTest
class CrossInstanceEventsTest {

    private static final String CACHE = "events";

    private CacheManager first;
    private CacheManager second;

    @AfterEach
    void closeManagers() {
        for (CacheManager manager : new CacheManager[]{first, second}) {
            if (manager != null) {
                manager.close();
            }
        }
        first = null;
        second = null;
    }

    private void openManagers(String uri) {
        // Two URIs that name the same server make two managers, each with its own cache instances.
        first = CacheManagers.provider().getCacheManager(URI.create(uri), getClass().getClassLoader());
        second = CacheManagers.provider().getCacheManager(URI.create(uri + "/0"), getClass().getClassLoader());
    }

    private static MutableConfiguration<String, String> configuration() {
        return new MutableConfiguration<String, String>().setTypes(String.class, String.class);
    }

    private static RecordingListener<String, String> listenTo(Cache<String, String> cache) {
        RecordingListener<String, String> listener = new RecordingListener<>();
        cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
                FactoryBuilder.factoryOf(listener), null, true, false));
        return listener;
    }

    @Test
    void aListenerOfAnotherInstanceSeesEveryChangeOnce() {
        openManagers(TestRedis.get().uri());
        Cache<String, String> writer = first.createCache(CACHE, configuration());
        Cache<String, String> reader = second.getCache(CACHE, String.class, String.class);
        RecordingListener<String, String> listener = listenTo(reader);

        Duration propagation = Eventually.await(Duration.ofSeconds(5), "the writer to learn of the listener",
                () -> {
                    writer.put("probe", "x");
                    return listener.count(EventType.CREATED) + listener.count(EventType.UPDATED) > 0;
                });
        System.out.println("A listener registered in another instance heard writes after " + propagation.toMillis()
                + " ms");
        writer.remove("probe");
        Eventually.await(Duration.ofSeconds(5), "the probe's removal", () -> listener.count(EventType.REMOVED) == 1);
        listener.events().clear();

        writer.put("a", "1");
        writer.put("a", "2");
        writer.replace("a", "2", "3");
        writer.remove("a");
        Eventually.await(Duration.ofSeconds(5), "four events", () -> listener.events().size() >= 4);
        assertThat(listener.events()).containsExactly("CREATED a=1", "UPDATED a=2 old=1", "UPDATED a=3 old=2",
                "REMOVED a=3 old=3");
    }

    @Test
    void eventsCarryNoOldValuesWhenNoListenerWantsThem(RespClient redis) {
        openManagers(TestRedis.get().uri());
        Cache<String, String> writer = first.createCache(CACHE, configuration());
        Cache<String, String> reader = second.getCache(CACHE, String.class, String.class);
        RecordingListener<String, String> listener = new RecordingListener<>();
        reader.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
                FactoryBuilder.factoryOf(listener), null, false, false));
        Eventually.await(Duration.ofSeconds(5), "the writer to learn of the listener", () -> {
            writer.put("probe", "x");
            return !listener.events().isEmpty();
        });
        writer.remove("probe");
        Eventually.await(Duration.ofSeconds(5), "the probe's removal", () -> listener.count(EventType.REMOVED) == 1);
        listener.events().clear();

        writer.put("a", "1");
        writer.put("a", "2");
        writer.remove("a");

        Eventually.await(Duration.ofSeconds(5), "three events", () -> listener.events().size() >= 3);
        assertThat(listener.events()).containsExactly("CREATED a=1", "UPDATED a=2", "REMOVED a=null");
    }

    @Test
    void nothingIsPublishedWhileNobodyListens(RespClient redis) {
        openManagers(TestRedis.get().uri());
        Cache<String, String> cache = first.createCache(CACHE, configuration());
        cache.put("warm", "up");
        redis.call("CONFIG", "RESETSTAT");

        cache.put("a", "1");
        cache.remove("a");

        Map<String, Long> calls = redis.commandStats();
        assertThat(calls).containsKeys("set", "unlink").doesNotContainKeys("publish", "evalsha", "eval");
    }

    @Test
    void anUntouchedExpiryIsReportedOnceToEachListeningInstance() {
        openManagers(TestRedis.get().uri());
        MutableConfiguration<String, String> expiring = configuration()
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
                        new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, 300)));
        Cache<String, String> one = first.createCache(CACHE, expiring);
        Cache<String, String> other = second.getCache(CACHE, String.class, String.class);
        RecordingListener<String, String> heardByOne = listenTo(one);
        RecordingListener<String, String> heardByOther = listenTo(other);
        Eventually.await(Duration.ofSeconds(5), "both instances to know of each other's listeners", () -> {
            one.put("probe", "p");
            return heardByOther.count(EventType.CREATED) + heardByOther.count(EventType.UPDATED) > 0;
        });

        long written = System.nanoTime();
        one.put("k", "v");
        Duration delay = Eventually.await(Duration.ofSeconds(10), "the expiry in both instances",
                () -> countExpired(heardByOne, "k") == 1 && countExpired(heardByOther, "k") == 1);
        System.out.println("An untouched entry's expiry reached both instances "
                + (TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - written) - 300) + " ms after it expired ("
                + delay.toMillis() + " ms after the write)");

        sleep(1500);
        assertThat(countExpired(heardByOne, "k")).isEqualTo(1);
        assertThat(countExpired(heardByOther, "k")).isEqualTo(1);
        assertThat(heardByOne.events()).contains("EXPIRED k=v old=v");
    }

    @Test
    void anEntryWrittenBeforeAnyoneListenedForExpiriesReportsItsExpiry() {
        openManagers(TestRedis.get().uri());
        Cache<String, String> writer = first.createCache(CACHE, configuration().setExpiryPolicyFactory(
                CreatedExpiryPolicy.factoryOf(new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, 4_000))));
        // Nobody listens yet, so the entry is written without a shadow.
        writer.put("early", "v");
        long written = System.nanoTime();
        RecordingListener<String, String> heard = listenTo(second.getCache(CACHE, String.class, String.class));

        Eventually.await(Duration.ofSeconds(15), "the expiry of the entry written before anyone listened",
                () -> countExpired(heard, "early") == 1);
        assertThat(Duration.ofNanos(System.nanoTime() - written)).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
        assertThat(heard.events()).contains("EXPIRED early=v old=v");
        sleep(1500);
        assertThat(countExpired(heard, "early")).isEqualTo(1);
    }

    @Test
    void anExpiryNoticedByAReadIsReportedWithinTheRead() throws Exception {
        try (RedisServer server = RedisServer.start()) {
            try (RespClient client = server.client()) {
                // Without active expiry, a key expires only when touched: the read is what notices it.
                client.call("DEBUG", "SET-ACTIVE-EXPIRE", "0");
            }
            openManagers(server.uri());
            Cache<String, String> cache = first.createCache(CACHE, configuration().setExpiryPolicyFactory(
                    CreatedExpiryPolicy.factoryOf(new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, 200))));
            RecordingListener<String, String> listener = new RecordingListener<>();
            cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
                    FactoryBuilder.factoryOf(listener), null, true, true));
            cache.put("k", "v");
            sleep(400);

            assertThat(cache.get("k")).isNull();
            assertThat(listener.events()).containsExactly("CREATED k=v", "EXPIRED k=v old=v");

            sleep(1000);
            assertThat(countExpired(listener, "k")).isEqualTo(1);
            closeManagers();
        }
    }

    @Test
    void expiriesAreFoundBySweepingWhenTheServerRefusesConfig() {
        try (RedisServer server = RedisServer.start("--rename-command", "CONFIG", "\"\"")) {
            openManagers(server.uri());
            Cache<String, String> cache = first.createCache(CACHE, configuration().setExpiryPolicyFactory(
                    CreatedExpiryPolicy.factoryOf(new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, 200))));
            RecordingListener<String, String> listener = listenTo(cache);
            cache.put("k", "v");
            Duration delay = Eventually.await(Duration.ofSeconds(10), "the swept expiry",
                    () -> countExpired(listener, "k") == 1);
            System.out.println("Without keyspace notifications, the sweep reported an expiry "
                    + Math.max(0, delay.toMillis() - 200) + " ms after it happened");
            sleep(3000);
            assertThat(countExpired(listener, "k")).isEqualTo(1);
            closeManagers();
        }
    }

    private static long countExpired(RecordingListener<String, String> listener, String key) {
        return listener.events().stream().filter(line -> line.startsWith("EXPIRED " + key + "=")).count();
    }

    @Test
    void valuesOfEventsFromAnotherInstanceAreDecodedOnlyWhenReadAndOnce() {
        openManagers(TestRedis.get().uri());
        MutableConfiguration<String, CountedValue> configuration = new MutableConfiguration<String, CountedValue>()
                .setTypes(String.class, CountedValue.class);
        Cache<String, CountedValue> writer = first.createCache(CACHE, configuration);
        Cache<String, CountedValue> reader = second.getCache(CACHE, String.class, CountedValue.class);
        KeysListener listener = new KeysListener();
        reader.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
                FactoryBuilder.factoryOf(listener), null, true, false));
        Eventually.await(Duration.ofSeconds(5), "the writer to learn of the listener", () -> {
            writer.put("probe", new CountedValue("x"));
            return !listener.keys.isEmpty();
        });
        writer.remove("probe");
        Eventually.await(Duration.ofSeconds(5), "the probe's removal", () -> listener.keys.contains("REMOVED probe"));
        listener.keys.clear();
        CountedValue.DECODED.set(0);

        writer.put("a", new CountedValue("1"));
        writer.put("a", new CountedValue("2"));
        writer.put("b", new CountedValue("3"));
        Eventually.await(Duration.ofSeconds(5), "three events", () -> listener.keys.size() >= 3);
        assertThat(listener.keys).containsExactly("CREATED a", "UPDATED a", "CREATED b");
        assertThat(CountedValue.DECODED).as("values decoded for a listener that read only keys").hasValue(0);

        listener.readValues = true;
        writer.put("b", new CountedValue("4"));
        Eventually.await(Duration.ofSeconds(5), "the fourth event", () -> listener.values.size() >= 1);
        assertThat(listener.values).containsExactly("b=4 old=3 again=4 old=3");
        assertThat(CountedValue.DECODED).as("each value decoded once, however often it is read").hasValue(2);
    }

    /** A value that counts how often it was decoded (the codec creates it through its no-argument constructor). */
    static final class CountedValue {
        static final AtomicInteger DECODED = new AtomicInteger();
        private String text;

        CountedValue() {
            DECODED.incrementAndGet();
        }

        CountedValue(String text) {
            this.text = text;
        }

        String text() {
            return text;
        }
    }

    /** Records the keys of events, and their values (each read twice) once told to. */
    static final class KeysListener implements CacheEntryCreatedListener<String, CountedValue>,
            CacheEntryUpdatedListener<String, CountedValue>,
            CacheEntryRemovedListener<String, CountedValue>, Serializable {
        private static final long serialVersionUID = 1L;
        final transient List<String> keys = new CopyOnWriteArrayList<>();
        final transient List<String> values = new CopyOnWriteArrayList<>();
        volatile boolean readValues;

        private void record(Iterable<CacheEntryEvent<? extends String, ? extends CountedValue>>
                events) {
            for (CacheEntryEvent<? extends String, ? extends CountedValue> event : events) {
                keys.add(event.getEventType() + " " + event.getKey());
                if (readValues) {
                    values.add(event.getKey() + "=" + event.getValue().text() + " old=" + event.getOldValue().text()
                            + " again=" + event.getValue().text() + " old=" + event.getOldValue().text());
                }
            }
        }

        @Override
        public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends CountedValue>>
                events) {
            record(events);
        }

        @Override
        public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends CountedValue>>
                events) {
            record(events);
        }

        @Override
        public void onRemoved(Iterable<CacheEntryEvent<? extends String, ? extends CountedValue>>
                events) {
            record(events);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
