package io.github.redisjcache.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisSentinelsTests {

    private static RedisSentinels sentinels;

    @BeforeAll
    static void startSentinels() {
        long started = System.nanoTime();
        sentinels = RedisSentinels.start("mymaster");
        System.out.println("Sentinel setup ready in " + Duration.ofNanos(System.nanoTime() - started).toMillis()
                + " ms (Redis " + sentinels.master().version() + ")");
    }

    @AfterAll
    static void stopSentinels() {
        if (sentinels != null) {
            List<RedisServer> all = new java.util.ArrayList<>(sentinels.sentinels());
            all.add(sentinels.master());
            all.add(sentinels.replica());
            sentinels.close();
            for (RedisServer server : all) {
                assertFalse(server.isAlive(), server + " is stopped");
            }
        }
    }

    @Test
    @Order(1)
    void formsWithTheMasterKnownToEverySentinel() {
        assertEquals("mymaster", sentinels.masterName());
        assertEquals(3, sentinels.sentinels().size());
        assertEquals(3, sentinels.sentinelAddresses().size());
        assertEquals("redis-sentinel://" + String.join(",", sentinels.sentinelAddresses()) + "/0#mymaster",
                sentinels.uri());
        assertEquals("127.0.0.1:" + sentinels.master().port(), sentinels.currentMasterAddress());
        assertSame(sentinels.master(), sentinels.currentMaster());
        for (RedisServer sentinel : sentinels.sentinels()) {
            assertTrue(sentinel.isSentinel());
            try (RespClient client = sentinel.client()) {
                Map<String, String> info = client.info("server");
                // Valkey names the field server_mode.
                assertEquals("sentinel", info.getOrDefault("redis_mode", info.get("server_mode")));
                List<Object> others = client.callList("SENTINEL", "SENTINELS", "mymaster");
                assertEquals(2, others.size(), sentinel + " knows the 2 other Sentinels");
                List<Object> address = client.callList("SENTINEL", "get-master-addr-by-name", "mymaster");
                assertEquals(List.of("127.0.0.1", Integer.toString(sentinels.master().port())), address);
            }
        }
        try (RespClient master = sentinels.master().client(); RespClient replica = sentinels.replica().client()) {
            master.call("SET", "k", "v");
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (replica.call("GET", "k") == null && System.nanoTime() < deadline) {
                RedisServer.sleep(10);
            }
            assertEquals("v", replica.callString("GET", "k"), "the replica replicates");
            assertEquals("slave", replica.info("replication").get("role"));
        }
    }

    @Test
    @Order(2)
    void promotesTheReplicaWhenTheMasterIsKilled() {
        long killedAt = System.nanoTime();
        RedisServer killed = sentinels.killMaster();
        assertSame(sentinels.master(), killed);
        assertFalse(killed.isAlive());
        String newMaster = sentinels.awaitFailover(Duration.ofSeconds(30));
        long failoverMillis = Duration.ofNanos(System.nanoTime() - killedAt).toMillis();
        System.out.println("Sentinel failover took " + failoverMillis + " ms");
        assertEquals(sentinels.replica().address(), newMaster);
        assertEquals(newMaster, sentinels.currentMasterAddress());
        try (RespClient client = sentinels.replica().client()) {
            Map<String, String> replication = client.info("replication");
            assertEquals("master", replication.get("role"));
            assertEquals("OK", client.call("SET", "after", "failover"), "the promoted replica accepts writes");
        }
    }
}
