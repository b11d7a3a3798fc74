package io.github.redisjcache.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import java.util.Set;

import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;

import org.junit.jupiter.api.Test;

import io.github.redisjcache.support.CacheManagers;
import io.github.redisjcache.support.RecordingListener;
import io.github.redisjcache.testing.RedisServer;

/** The {@code wait-replicas} setting: a write is acknowledged only once enough replicas have it. */
class ReplicaAcknowledgementTest {

    /** A cache manager on the server whose writes wait for one replica, at most {@code timeout}. */
    private CacheManager acknowledgingManager(RedisServer server, String timeout) {
        return CacheManagers.provider().getCacheManager(
                URI.create(server.uri() + "?wait-replicas=1&wait-timeout=" + timeout), getClass().getClassLoader());
    }

    private static Cache<String, String> createAcknowledged(CacheManager manager) {
        return manager.createCache("acknowledged",
                new MutableConfiguration<String, String>().setTypes(String.class, String.class));
    }

    @Test
    void aWriteNoReplicaAcknowledgedFails() {
        try (RedisServer lonely = RedisServer.start()) {
            CacheManager manager = acknowledgingManager(lonely, "200ms");
            try {
                // Creating the cache writes its configuration: that write already needs a replica.
                assertThatThrownBy(() -> createAcknowledged(manager))
                        .isInstanceOf(CacheException.class)
                        .hasMessageContaining("acknowledged by 0 of 1 required replicas");
            } finally {
                manager.close();
            }
        }
    }

    @Test
    void aWriteAReplicaAcknowledgedSucceeds() {
        try (RedisServer master = RedisServer.start();
             RedisServer replica = RedisServer.startReplicaOf(master)) {
            CacheManager manager = acknowledgingManager(master, "2s");
            try {
                Cache<String, String> cache = createAcknowledged(manager);
                cache.put("k", "v");
                try (var client = replica.client()) {
                    // Acknowledged means the replica has it as soon as the put returns.
                    assertThat(client.callString("GET", "jcache:acknowledged:k")).isEqualTo("\"v\"");
                }
            } finally {
                manager.close();
            }
        }
    }

    @Test
    void bulkWritesNoReplicaAcknowledgedFail() {
        try (RedisServer master = RedisServer.start()) {
            RedisServer replica = RedisServer.startReplicaOf(master);
            CacheManager manager = acknowledgingManager(master, "200ms");
            try {
                Cache<String, String> cache = createAcknowledged(manager);
                cache.putAll(Map.of("a", "1", "b", "2"));
                replica.close();
                // One MSET (entries that never expire), a batch of deletions, and clear's deletions by chunk.
                assertThatThrownBy(() -> cache.putAll(Map.of("c", "3", "d", "4")))
                        .isInstanceOf(CacheException.class)
                        .hasMessageContaining("acknowledged by 0 of 1 required replicas");
                assertThatThrownBy(() -> cache.removeAll(Set.of("a", "b")))
                        .isInstanceOf(CacheException.class)
                        .hasMessageContaining("acknowledged by 0 of 1 required replicas");
                assertThatThrownBy(cache::clear)
                        .isInstanceOf(CacheException.class)
                        .hasMessageContaining("acknowledged by 0 of 1 required replicas");
            } finally {
                manager.close();
                replica.close();
            }
        }
    }

    @Test
    void aBatchOfScriptCallsIsAcknowledgedAfterTheServerForgotItsScripts() {
        try (RedisServer master = RedisServer.start();
             RedisServer replica = RedisServer.startReplicaOf(master)) {
            CacheManager manager = acknowledgingManager(master, "2s");
            try {
                Cache<String, String> cache = createAcknowledged(manager);
                // A listener makes putAll send the publishing script for each entry.
                cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
                        FactoryBuilder.factoryOf(new RecordingListener<String, String>()), null, false, true));
                cache.putAll(Map.of("a", "1", "b", "2"));
                forgetScripts(master);

                // Acknowledged writes send their scripts' source: no call meets NOSCRIPT, which would cost the
                // batch its WAIT reply.
                cache.putAll(Map.of("a", "3", "b", "4"));
                assertThat(replicaValue(replica, "a")).isEqualTo("\"3\"");
                assertThat(replicaValue(replica, "b")).isEqualTo("\"4\"");
            } finally {
                manager.close();
            }
        }
    }

    @Test
    void putAllAndRemoveAllOfExpiringEntriesAreAcknowledgedAndFailWithoutTheReplica() {
        try (RedisServer master = RedisServer.start()) {
            RedisServer replica = RedisServer.startReplicaOf(master);
            CacheManager manager = acknowledgingManager(master, "500ms");
            try {
                Cache<String, String> cache = manager.createCache("acknowledged",
                        new MutableConfiguration<String, String>().setTypes(String.class, String.class)
                                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(Duration.TEN_MINUTES)));
                cache.putAll(Map.of("a", "1", "b", "2"));
                forgetScripts(master);

                // One call of putall.lua for them all, sent with its source and followed by WAIT.
                cache.putAll(Map.of("a", "3", "b", "4"));
                assertThat(replicaValue(replica, "a")).isEqualTo("\"3\"");
                assertThat(replicaValue(replica, "b")).isEqualTo("\"4\"");
                // One UNLINK for them all, followed by WAIT.
                cache.removeAll(Set.of("a"));
                assertThat(replicaValue(replica, "a")).isNull();

                replica.close();
                assertThatThrownBy(() -> cache.putAll(Map.of("c", "5", "d", "6")))
                        .isInstanceOf(CacheException.class)
                        .hasMessageContaining("acknowledged by 0 of 1 required replicas");
                assertThatThrownBy(() -> cache.removeAll(Set.of("b", "c")))
                        .isInstanceOf(CacheException.class)
                        .hasMessageContaining("acknowledged by 0 of 1 required replicas");
            } finally {
                manager.close();
                replica.close();
            }
        }
    }

    @Test
    void aScriptWriteIsAcknowledgedAfterTheServerForgotItsScripts() {
        try (RedisServer master = RedisServer.start();
             RedisServer replica = RedisServer.startReplicaOf(master)) {
            CacheManager manager = acknowledgingManager(master, "2s");
            try {
                Cache<String, String> cache = createAcknowledged(manager);
                cache.put("k", "v1");
                forgetScripts(master);

                // A compare-and-set is a script call: as after a failover, the new master does not know it.
                assertThat(cache.replace("k", "v1", "v2")).isTrue();
                assertThat(replicaValue(replica, "k")).isEqualTo("\"v2\"");
                String before = cache.invoke("k", (entry, arguments) -> {
                    String value = entry.getValue();
                    entry.setValue(value + "+");
                    return value;
                });
                assertThat(before).isEqualTo("v2");
                assertThat(replicaValue(replica, "k")).isEqualTo("\"v2+\"");
            } finally {
                manager.close();
            }
        }
    }

    @Test
    void aScriptWriteNoReplicaAcknowledgedFailsWithTheCount() {
        try (RedisServer master = RedisServer.start()) {
            RedisServer replica = RedisServer.startReplicaOf(master);
            CacheManager manager = acknowledgingManager(master, "200ms");
            try {
                Cache<String, String> cache = createAcknowledged(manager);
                cache.put("k", "v1");
                replica.close();
                forgetScripts(master);

                // The write was applied, and its WAIT found no replica.
                assertThatThrownBy(() -> cache.replace("k", "v1", "v2"))
                        .isInstanceOf(CacheException.class)
                        .hasMessageContaining("acknowledged by 0 of 1 required replicas");
                try (var client = master.client()) {
                    assertThat(client.callString("GET", "jcache:acknowledged:k")).isEqualTo("\"v2\"");
                }
            } finally {
                manager.close();
                replica.close();
            }
        }
    }

    /** What a failover to a replica or a restart does to the scripts a master knew. */
    private static void forgetScripts(RedisServer master) {
        try (var client = master.client()) {
            client.call("SCRIPT", "FLUSH");
        }
    }

    private static String replicaValue(RedisServer replica, String key) {
        try (var client = replica.client()) {
            return client.callString("GET", "jcache:acknowledged:" + key);
        }
    }
}
