package io.github.redisjcache.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TestRedisTests {

    private RedisServer server;

    @AfterEach
    void cleanUp() {
        System.clearProperty(TestRedis.ALLOW_FLUSH_PROPERTY);
        if (server != null) {
            server.close();
        }
    }

    @Test
    void refusesANonEmptyExternalDatabase() {
        server = RedisServer.start();
        try (RespClient client = server.client()) {
            client.select(2);
            client.call("SET", "precious", "data");
        }
        RedisUrl url = new RedisUrl(RedisServer.HOST, server.port(), 2, null, null);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TestRedis.external(url));
        assertTrue(e.getMessage().contains(TestRedis.ALLOW_FLUSH_PROPERTY), e.getMessage());
        try (RespClient client = server.client()) {
            client.select(2);
            assertEquals("data", client.callString("GET", "precious"), "nothing was deleted");
        }
        // Another, empty database of the same server is fine, and flush() only empties that one.
        TestRedis emptyDb = TestRedis.external(new RedisUrl(RedisServer.HOST, server.port(), 3, null, null));
        assertTrue(emptyDb.isExternal());
        assertTrue(emptyDb.server().isEmpty());
        emptyDb.flush();
        try (RespClient client = server.client()) {
            client.select(2);
            assertEquals("data", client.callString("GET", "precious"), "FLUSHDB of database 3 keeps database 2");
        }
    }

    @Test
    void allowsFlushingWhenToldTo() {
        server = RedisServer.start();
        try (RespClient client = server.client()) {
            client.select(1);
            client.call("SET", "disposable", "x");
        }
        System.setProperty(TestRedis.ALLOW_FLUSH_PROPERTY, "true");
        TestRedis redis = TestRedis.external(new RedisUrl(RedisServer.HOST, server.port(), 1, null, null));
        assertEquals("redis://127.0.0.1:" + server.port() + "/1", redis.uri());
        redis.flush();
        try (RespClient client = redis.client()) {
            assertNull(client.call("GET", "disposable"));
        }
    }

    @Test
    void authenticatesWithTheUrlCredentials() {
        server = RedisServer.start("--requirepass", "s3cret");
        TestRedis redis = TestRedis.external(new RedisUrl(RedisServer.HOST, server.port(), 4, null, "s3cret"));
        try (RespClient client = redis.client()) {
            client.call("SET", "k", "v");
            assertEquals(1L, client.dbSize());
        }
        assertEquals("redis://:s3cret@127.0.0.1:" + server.port() + "/4", redis.uri());
    }
}
