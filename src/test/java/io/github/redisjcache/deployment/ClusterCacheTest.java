package io.github.redisjcache.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.EventType;
import javax.cache.expiry.CreatedExpiryPolicy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.redisjcache.cache.RedisCache;
import io.github.redisjcache.connection.ConnectionSettings;
import io.github.redisjcache.database.Database;
import io.github.redisjcache.management.CacheStatistics;
import io.github.redisjcache.support.CacheManagers;
import io.github.redisjcache.support.Eventually;
import io.github.redisjcache.support.RecordingListener;
import io.github.redisjcache.testing.ClusterPerClass;
import io.github.redisjcache.testing.RedisCluster;
import io.github.redisjcache.testing.RedisServer;
import io.github.redisjcache.testing.RespClient;

/** The cache on a local Redis Cluster of 3 masters and 3 replicas. */
class ClusterCacheTest {

    @RegisterExtension
    static final ClusterPerClass CLUSTER = new ClusterPerClass();

    private RedisCluster cluster;
    private CacheManager first;
    private CacheManager second;

    @BeforeEach
    void openManagers() {
        cluster = CLUSTER.cluster();
        cluster.flushAll();
        first = CacheManagers.provider().getCacheManager(URI.create(cluster.uri()), getClass().getClassLoader());
        // A second URI naming the same cluster makes a second manager: another "instance" of the application.
        second = CacheManagers.provider().getCacheManager(URI.create(cluster.uri() + "?client-name=second"),
                getClass().getClassLoader());
    }

    @AfterEach
    void closeManagers() {
        first.close();
        second.close();
    }

    private static MutableConfiguration<String, String> configuration() {
        return new MutableConfiguration<String, String>().setTypes(String.class, String.class);
    }

    @Test
    void theEntriesOfOneCacheSpreadOverEveryMaster() {
        Cache<String, String> cache = first.createCache("spread", configuration());
        Map<String, String> batch = new HashMap<>();
        for (int i = 0; i < 30_000; i++) {
            batch.put("key-" + i, "value-" + i);
            if (batch.size() == 1_000) {
                cache.putAll(batch);
                batch.clear();
            }
        }
        long total = 0;
        for (RedisServer master : cluster.currentMasters()) {
            try (RespClient client = master.client()) {
                long entries = client.callList("KEYS", "jcache:spread:*").size();
                double share = entries / 30_000.0;
                System.out.printf("master %d holds %d entries (%.1f%%)%n", master.port(), entries, share * 100);
                assertThat(share).isBetween(0.25, 0.42);
                total += entries;
            }
        }
        assertThat(total).isEqualTo(30_000);

        Set<String> iterated = new HashSet<>();
        cache.forEach(entry -> iterated.add(entry.getKey()));
        assertThat(iterated).hasSize(30_000);
        assertThat(cache.getAll(Set.of("key-1", "key-2", "key-29999"))).hasSize(3);
        cache.removeAll(Set.of("key-1", "key-2"));
        assertThat(cache.containsKey("key-1")).isFalse();
        cache.clear();
        assertThat(cache.iterator().hasNext()).isFalse();
    }

    @Test
    void listenersOfAnotherInstanceHearEveryChangeOverShardedChannels() {
        Cache<String, String> writer = first.createCache("heard", configuration());
        Cache<String, String> reader = second.getCache("heard", String.class, String.class);
        RecordingListener<String, String> listener = new RecordingListener<>();
        reader.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
                FactoryBuilder.factoryOf(listener), null, true, false));
        Eventually.await(Duration.ofSeconds(5), "the writer to learn of the listener", () -> {
            writer.put("probe", "x");
            return !listener.events().isEmpty();
        });
        listener.events().clear();

        for (int i = 0; i < 30; i++) {
            writer.put("k" + i, "v" + i);
        }
        Eventually.await(Duration.ofSeconds(5), "30 creations", () -> listener.count(EventType.CREATED) == 30);
        assertThat(listener.events()).contains("CREATED k0=v0", "CREATED k29=v29");
        long shardedPublishes = 0;
        long plainPublishes = 0;
        for (RedisServer master : cluster.currentMasters()) {
            try (RespClient client = master.client()) {
                Map<String, Long> calls = client.commandStats();
                shardedPublishes += calls.getOrDefault("spublish", 0L);
                plainPublishes += calls.getOrDefault("publish", 0L);
            }
        }
        System.out.println("spublish calls: " + shardedPublishes + ", publish calls: " + plainPublishes);
        assertThat(shardedPublishes).isGreaterThanOrEqualTo(30);
    }

    @Test
    void anUntouchedExpiryIsReportedOnceToEachListeningInstance() {
        MutableConfiguration<String, String> expiring = configuration().setExpiryPolicyFactory(
                CreatedExpiryPolicy.factoryOf(new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, 300)));
        Cache<String, String> one = first.createCache("expiring", expiring);
        Cache<String, String> other = second.getCache("expiring", String.class, String.class);
        RecordingListener<String, String> heardByOne = new RecordingListener<>();
        RecordingListener<String, String> heardByOther = new RecordingListener<>();
        one.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
                FactoryBuilder.factoryOf(heardByOne), null, true, false));
        other.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
                FactoryBuilder.factoryOf(heardByOther), null, true, false));
        Eventually.await(Duration.ofSeconds(5), "both instances to know of each other's listeners", () -> {
            one.put("probe", "p");
            return heardByOther.count(EventType.CREATED) + heardByOther.count(EventType.UPDATED) > 0;
        });

        for (int i = 0; i < 20; i++) {
            one.put("k" + i, "v" + i);
        }
        Duration delay = Eventually.await(Duration.ofSeconds(15), "20 expiries in both instances",
                () -> expired(heardByOne) >= 21 && expired(heardByOther) >= 21);
        System.out.println("20 untouched entries' expiries reached both instances " + delay.toMillis()
                + " ms after they were written");
        sleep(1500);
        assertThat(expired(heardByOne)).isEqualTo(21);
        assertThat(expired(heardByOther)).isEqualTo(21);
    }

    @Test
    void readsGoToReplicasWhenAskedTo() {
        Cache<String, String> written = first.createCache("replicated", configuration());
        for (int i = 0; i < 100; i++) {
            written.put("k" + i, "v" + i);
        }
        for (RedisServer replica : cluster.replicas()) {
            try (RespClient client = replica.client()) {
                client.call("CONFIG", "RESETSTAT");
            }
        }
        CacheManager replicaReader = CacheManagers.provider().getCacheManager(
                URI.create(cluster.uri() + "?read-from=replica"), getClass().getClassLoader());
        try {
            Cache<String, String> read = replicaReader.getCache("replicated", String.class, String.class);
            Eventually.await(Duration.ofSeconds(5), "the replicas to have every write",
                    () -> "v99".equals(read.get("k99")));
            for (int i = 0; i < 100; i++) {
                read.get("k" + i);
            }
            long replicaGets = 0;
            for (RedisServer replica : cluster.replicas()) {
                try (RespClient client = replica.client()) {
                    replicaGets += client.commandStats().getOrDefault("get", 0L);
                }
            }
            System.out.println("GETs served by replicas: " + replicaGets);
            assertThat(replicaGets).isGreaterThanOrEqualTo(100);
        } finally {
            replicaReader.close();
        }
    }

    private static long expired(RecordingListener<String, String> listener) {
        return listener.count(EventType.EXPIRED);
    }

    @Test
    void putAllWithAnExpiryPolicyAndRemoveAllWorkOverEverySlot() {
        Cache<String, String> cache = first.createCache("expiring-bulk", configuration().setStatisticsEnabled(true)
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
                        new javax.cache.expiry.Duration(TimeUnit.MINUTES, 10))));
        Map<String, String> entries = new HashMap<>();
        Map<String, String> updated = new HashMap<>();
        for (int i = 0; i < 3_000; i++) {
            entries.put("key-" + i, "value-" + i);
            updated.put("key-" + i, "updated-" + i);
        }
        Set<String> keys = entries.keySet();

        cache.putAll(entries);
        cache.putAll(updated);

        assertThat(cache.getAll(keys)).isEqualTo(updated);
        // Created, then updated with the creation's time to live kept (never made eternal).
        for (String key : List.of("key-0", "key-1", "key-1499", "key-2999")) {
            String entryKey = "jcache:expiring-bulk:" + key;
            try (RespClient client = cluster.masterForSlot(RedisCluster.slotOf(entryKey)).client()) {
                assertThat((Long) client.call("PTTL", entryKey)).as(key).isBetween(1L, 600_000L);
            }
        }
        CacheStatistics statistics = cache.unwrap(RedisCache.class).statistics();
        assertThat(statistics.getCachePuts()).isEqualTo(6_000);

        Set<String> someMissing = new HashSet<>(keys);
        someMissing.add("never-put");
        cache.removeAll(someMissing);

        assertThat(cache.getAll(keys)).isEmpty();
        assertThat(statistics.getCacheRemovals()).isEqualTo(3_000);
    }

    @Test
    void theDatabaseFacadesBatchesWorkOverEverySlot() {
        Map<String, String> entries = new HashMap<>();
        for (int i = 0; i < 300; i++) {
            entries.put("db-key-" + i, "value-" + i);
        }
        try (Database db = Database.connect(ConnectionSettings.fromUri(cluster.uri()))) {
            db.setAll(entries);

            assertThat(db.getAll(entries.keySet())).isEqualTo(entries);
            Set<String> someMissing = new HashSet<>(entries.keySet());
            someMissing.add("never-set");
            assertThat(db.deleteAll(someMissing)).isEqualTo(300);
            assertThat(db.getAll(entries.keySet())).isEmpty();
        }
    }

    @Test
    void evictionsOnEveryMasterAreCounted() {
        List<RedisServer> masters = cluster.currentMasters();
        Cache<Integer, String> cache = first.createCache("evicted", new MutableConfiguration<Integer, String>()
                .setTypes(Integer.class, String.class).setStatisticsEnabled(true)
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
                        new javax.cache.expiry.Duration(TimeUnit.HOURS, 1))));
        String value = "v".repeat(1_000);
        long evicted = 0;
        // Evictions before the subscription on a master is confirmed are not heard (a documented limit): wait for it.
        for (RedisServer master : masters) {
            try (RespClient client = master.client()) {
                Eventually.await(Duration.ofSeconds(10), "the subscription to evictions on " + master.port(),
                        () -> evictionSubscribers(client) > 0);
            }
        }
        try {
            for (RedisServer master : masters) {
                try (RespClient client = master.client()) {
                    client.call("CONFIG", "SET", "maxmemory-policy", "volatile-random");
                    // Room for about 5,000 entries above what the node holds. Valkey counts its replication backlog
                    // against maxmemory, where Redis 7 leaves it out, and lets it grow to 10 MB by default: kept
                    // at Redis's 1 MB.
                    client.call("CONFIG", "SET", "repl-backlog-size", "1mb");
                    long used = Long.parseLong(client.info("memory").get("used_memory"));
                    client.call("CONFIG", "SET", "maxmemory", Long.toString(used + 5 * 1024 * 1024));
                }
            }
            for (int i = 0; i < 24_000; i++) {
                cache.put(i, value);
            }
        } finally {
            for (RedisServer master : masters) {
                try (RespClient client = master.client()) {
                    client.call("CONFIG", "SET", "maxmemory", "0");
                    client.call("CONFIG", "SET", "maxmemory-policy", "noeviction");
                }
            }
        }
        for (RedisServer master : masters) {
            try (RespClient client = master.client()) {
                long onMaster = evictedKeys(client);
                System.out.printf("master %d evicted %d entries%n", master.port(), onMaster);
                assertThat(onMaster).isPositive();
                evicted += onMaster;
            }
        }

        long expected = evicted;
        CacheStatistics statistics = cache.unwrap(RedisCache.class).statistics();
        try {
            Eventually.await(Duration.ofSeconds(30), "the evictions of every master to be counted",
                    () -> statistics.getCacheEvictions() == expected);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + ": counted " + statistics.getCacheEvictions() + " of "
                    + expected, e);
        }
    }

    private static long evictionSubscribers(RespClient client) {
        List<Object> reply = client.callList("PUBSUB", "NUMSUB", "__keyevent@0__:evicted");
        return ((Number) reply.get(1)).longValue();
    }

    private static long evictedKeys(RespClient client) {
        for (String line : client.callString("INFO", "stats").split("\r\n")) {
            if (line.startsWith("evicted_keys:")) {
                return Long.parseLong(line.substring("evicted_keys:".length()).trim());
            }
        }
        throw new AssertionError("INFO stats has no evicted_keys");
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
