package io.github.redisjcache.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisClusterTests {

    private static RedisCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = RedisCluster.start(3, 1);
        System.out.println("Cluster of 3 masters + 3 replicas formed in " + cluster.formationTime().toMillis()
                + " ms (Redis " + cluster.masters().get(0).version() + ")");
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            List<RedisServer> nodes = cluster.nodes();
            cluster.close();
            for (RedisServer node : nodes) {
                assertTrue(ProcessHandle.of(node.pid()).map(p -> !p.isAlive()).orElse(true), node + " is gone");
            }
        }
    }

    @BeforeEach
    void flush() {
        cluster.flushAll();
    }

    @Test
    @Order(1)
    void formsWithEvenlySplitSlotsAndConnectedReplicas() {
        assertEquals(3, cluster.masters().size());
        assertEquals(3, cluster.replicas().size());
        assertEquals(6, cluster.nodes().size());
        assertEquals(6, cluster.seeds().size());
        assertTrue(cluster.uri().startsWith("redis-cluster://127.0.0.1:"), cluster.uri());
        assertEquals(3, cluster.uri().split(",").length);

        for (RedisServer node : cluster.nodes()) {
            assertTrue(RedisServer.isFree(node.port() + 10000) == false, "cluster bus of " + node + " is listening");
            try (RespClient client = node.client()) {
                Map<String, String> info = RespClient.parseInfo(client.callString("CLUSTER", "INFO"));
                assertEquals("ok", info.get("cluster_state"), node.toString());
                assertEquals("16384", info.get("cluster_slots_assigned"));
                assertEquals("6", info.get("cluster_known_nodes"));
            }
        }
        List<ClusterNodeInfo> topology = cluster.clusterNodes();
        for (int i = 0; i < 3; i++) {
            RedisServer master = cluster.masters().get(i);
            ClusterNodeInfo info = topology.stream().filter(n -> n.port() == master.port()).findFirst().orElseThrow();
            assertTrue(info.isMaster());
            assertTrue(Math.abs(info.slotCount() - 16384 / 3) <= 1, "about a third of the slots: " + info.slotCount());
            RedisServer replica = cluster.replicasOf(i).get(0);
            try (RespClient client = replica.client()) {
                Map<String, String> replication = client.info("replication");
                assertEquals("slave", replication.get("role"));
                assertEquals(Integer.toString(master.port()), replication.get("master_port"));
                assertEquals("up", replication.get("master_link_status"));
            }
        }
    }

    @Test
    @Order(2)
    void slotOfAgreesWithClusterKeyslot() {
        try (RespClient client = cluster.masters().get(0).client()) {
            for (String key : List.of("foo", "bar", "123456789", "", "{user1000}.following", "{user1000}.followers",
                    "foo{}{bar}", "foo{{bar}}zap", "foo{bar}{zap}", "jcache:{cache-a}:entries", "ключ")) {
                assertEquals(client.callLong("CLUSTER", "KEYSLOT", key), RedisCluster.slotOf(key), key);
            }
        }
    }

    @Test
    @Order(3)
    void servesReadsAndWritesOnAllMasters() {
        for (int i = 0; i < 300; i++) {
            try (RespClient client = cluster.clientForKey("key:" + i)) {
                assertEquals("OK", client.call("SET", "key:" + i, "value " + i));
            }
        }
        for (int i = 0; i < 300; i++) {
            try (RespClient client = cluster.clientForKey("key:" + i)) {
                assertEquals("value " + i, client.callString("GET", "key:" + i));
            }
        }
        long total = 0;
        for (RedisServer master : cluster.masters()) {
            long count = cluster.countKeys(master);
            assertTrue(count > 50, master + " holds " + count + " keys");
            total += count;
        }
        assertEquals(300, total);
        // A wrong node answers MOVED.
        String key = "key:0";
        RedisServer owner = cluster.masterForSlot(RedisCluster.slotOf(key));
        RedisServer other = cluster.masters().stream().filter(m -> m != owner).findFirst().orElseThrow();
        try (RespClient client = other.client()) {
            RedisErrorException moved = org.junit.jupiter.api.Assertions.assertThrows(RedisErrorException.class,
                    () -> client.call("GET", key));
            assertEquals("MOVED", moved.errorCode());
        }
    }

    @Test
    @Order(4)
    void migratesASlotRangeWithItsKeys() {
        RedisServer source = cluster.masters().get(0);
        RedisServer target = cluster.masters().get(1);
        int from = 100;
        int to = 140;
        Map<String, Integer> keysInRange = new HashMap<>();
        for (int i = 0; keysInRange.size() < 60; i++) {
            String key = "migrating:" + i;
            int slot = RedisCluster.slotOf(key);
            if (slot >= from && slot <= to) {
                keysInRange.put(key, slot);
            }
        }
        for (String key : keysInRange.keySet()) {
            try (RespClient client = cluster.clientForKey(key)) {
                assertEquals(source.port(), client.port());
                client.call("SET", key, "v:" + key);
            }
        }
        assertEquals(60, cluster.countKeys(source));

        long started = System.nanoTime();
        cluster.migrateSlots(from, to, target);
        System.out.println("Migrated slots " + from + ".." + to + " with 60 keys in "
                + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms");

        assertSame(target, cluster.masterForSlot(from));
        assertSame(target, cluster.masterForSlot(to));
        assertSame(source, cluster.masterForSlot(to + 1));
        assertEquals(0, cluster.countKeys(source));
        assertEquals(60, cluster.countKeys(target));
        for (String key : keysInRange.keySet()) {
            try (RespClient client = cluster.clientForKey(key)) {
                assertEquals(target.port(), client.port());
                assertEquals("v:" + key, client.callString("GET", key));
            }
        }
        try (RespClient client = source.client()) {
            assertEquals("ok", RespClient.parseInfo(client.callString("CLUSTER", "INFO")).get("cluster_state"));
        }
        cluster.awaitHealthy(Duration.ofSeconds(10));
    }

    @Test
    @Order(5)
    void aKilledMasterIsReplacedByItsReplica() {
        RedisServer replica = cluster.replicasOf(2).get(0);
        int slot = 16383;
        assertSame(cluster.masters().get(2), cluster.masterForSlot(slot));
        long started = System.nanoTime();
        RedisServer killed = cluster.killMaster(2);
        cluster.awaitHealthy(Duration.ofSeconds(20));
        long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
        System.out.println("Cluster failover after killing a master took " + millis + " ms");
        assertNotSame(killed, cluster.masterForSlot(slot));
        assertSame(replica, cluster.masterForSlot(slot));
        assertEquals(3, cluster.currentMasters().size());
        assertTrue(cluster.currentMasters().contains(replica));

        // The old master rejoins as a replica of the new one.
        killed.restart();
        cluster.awaitHealthy(Duration.ofSeconds(20));
        try (RespClient client = killed.client()) {
            Map<String, String> replication = client.info("replication");
            assertEquals("slave", replication.get("role"));
            assertEquals(Integer.toString(replica.port()), replication.get("master_port"));
        }
        assertNotEquals(killed, cluster.masterForSlot(slot));
    }
}
