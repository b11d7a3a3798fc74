package io.github.redisjcache.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.github.redisjcache.connection.ConnectionSettings;

@RedisTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RedisExtensionTests {

    private static RespClient clientOfEarlierTest;
    private static long pidBeforeKill;

    private final TestRedis constructorRedis;

    RedisExtensionTests(TestRedis redis) {
        this.constructorRedis = redis;
    }

    @Test
    @Order(1)
    void writesAValue(RespClient client) {
        client.call("SET", "marker", "from test 1");
        assertEquals("from test 1", client.callString("GET", "marker"));
        clientOfEarlierTest = client;
    }

    @Test
    @Order(2)
    void theValueIsGoneInTheNextTest(RespClient client) {
        assertNull(client.call("GET", "marker"), "the extension flushed before this test");
        assertEquals(0L, client.dbSize());
        assertNotNull(clientOfEarlierTest);
        assertFalse(clientOfEarlierTest.isOpen(), "the injected client was closed after its test");
    }

    @Test
    @Order(3)
    void injectsTheSharedServerAndClients(TestRedis redis, RespClient client) {
        assertSame(TestRedis.get(), redis);
        assertSame(redis, constructorRedis);
        assertEquals(redis.port(), client.port());
        assertEquals(redis.host(), client.host());
        assertEquals("PONG", client.ping());
        if (!redis.isExternal()) {
            assertTrue(redis.server().isPresent());
            assertEquals(redis.server().get().uri(), redis.uri());
            assertFalse(redis.uri().endsWith(":" + ConnectionSettings.DEFAULT_PORT), "never the machine's own Redis");
        }
    }

    @Test
    @Order(4)
    void aTestMayKillTheSharedServer(TestRedis redis) {
        assumeFalse(redis.isExternal(), "only the local server can be killed");
        RedisServer server = redis.server().orElseThrow();
        pidBeforeKill = server.pid();
        server.kill();
        assertFalse(server.isAlive());
    }

    @Test
    @Order(5)
    void theExtensionRestartsAKilledServer(TestRedis redis, RespClient client) {
        assumeFalse(redis.isExternal(), "only the local server can be killed");
        RedisServer server = redis.server().orElseThrow();
        assertTrue(server.isAlive());
        assertTrue(pidBeforeKill != 0 && pidBeforeKill != server.pid(), "a new process");
        assertEquals(server.port(), client.port(), "on the same port");
        assertEquals("PONG", client.ping());
    }
}
