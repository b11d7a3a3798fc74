package io.github.redisjcache.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;

import org.junit.jupiter.api.Test;

import io.github.redisjcache.support.CacheManagers;
import io.github.redisjcache.support.RecordingListener;
import io.github.redisjcache.testing.RedisCluster;
import io.github.redisjcache.testing.RedisServer;
import io.github.redisjcache.testing.RespClient;

/**
 * The {@code wait-replicas} setting on a Redis Cluster: a batch that writes to several masters is acknowledged by the
 * replicas of each of them, not of one.
 */
class ClusterReplicaAcknowledgementTest {

    private static final String PREFIX = "jcache:acknowledged:";

    @Test
    void aBatchOverEveryMasterIsAcknowledgedByEachMastersReplicaAfterItsScriptsWereForgotten() {
        try (RedisCluster cluster = RedisCluster.start(3, 1)) {
            CacheManager manager = acknowledgingManager(cluster, "2s");
            try {
                Cache<String, String> cache = createListenedTo(manager);
                Map<String, String> entries = entriesOnEveryMaster(cluster, "1");
                cache.putAll(entries);
                for (RedisServer master : cluster.masters()) {
                    try (RespClient client = master.client()) {
                        client.call("SCRIPT", "FLUSH");
                    }
                }

                Map<String, String> updated = entriesOnEveryMaster(cluster, "2");
                cache.putAll(updated);
                for (String key : updated.keySet()) {
                    assertThat(replicaValue(cluster, key)).as(key).isEqualTo("\"2\"");
                }
            } finally {
                manager.close();
            }
        }
    }

    @Test
    void aBatchFailsWhenOneMastersReplicaIsGoneThoughTheOthersAcknowledged() {
        try (RedisCluster cluster = RedisCluster.start(3, 1)) {
            CacheManager manager = acknowledgingManager(cluster, "300ms");
            try {
                Cache<String, String> cache = createListenedTo(manager);
                cache.putAll(entriesOnEveryMaster(cluster, "1"));
                cluster.replicasOf(1).get(0).close();

                // Each master's WAIT has its own count; the batch takes the fewest, not the last to reply.
                assertThatThrownBy(() -> cache.putAll(entriesOnEveryMaster(cluster, "2")))
                        .isInstanceOf(CacheException.class)
                        .hasMessageContaining("acknowledged by 0 of 1 required replicas");
            } finally {
                manager.close();
            }
        }
    }

    private CacheManager acknowledgingManager(RedisCluster cluster, String timeout) {
        return CacheManagers.provider().getCacheManager(
                URI.create(cluster.uri() + "?wait-replicas=1&wait-timeout=" + timeout), getClass().getClassLoader());
    }

    /** A cache with a listener, so that putAll sends a script call per entry. */
    private static Cache<String, String> createListenedTo(CacheManager manager) {
        Cache<String, String> cache = manager.createCache("acknowledged",
                new MutableConfiguration<String, String>().setTypes(String.class, String.class));
        cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
                FactoryBuilder.factoryOf(new RecordingListener<String, String>()), null, false, true));
        return cache;
    }

    /** Thirty entries whose keys the three masters share. */
    private static Map<String, String> entriesOnEveryMaster(RedisCluster cluster, String value) {
        Map<String, String> entries = new LinkedHashMap<>();
        Set<RedisServer> masters = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            String key = "k" + i;
            entries.put(key, value);
            masters.add(cluster.masterForSlot(RedisCluster.slotOf(PREFIX + key)));
        }
        assertThat(masters).hasSize(3);
        return entries;
    }

    /** The value the replica of the key's master holds, read from that replica. */
    private static String replicaValue(RedisCluster cluster, String key) {
        String entryKey = PREFIX + key;
        int master = cluster.masters().indexOf(cluster.masterForSlot(RedisCluster.slotOf(entryKey)));
        try (RespClient replica = cluster.replicasOf(master).get(0).client()) {
            replica.call("READONLY");
            return replica.callString("GET", entryKey);
        }
    }
}
