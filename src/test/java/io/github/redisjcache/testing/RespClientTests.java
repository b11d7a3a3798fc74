package io.github.redisjcache.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RespClientTests {

    private static RedisServer server;

    @BeforeAll
    static void startServer() {
        server = RedisServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void flush() {
        try (RespClient client = server.client()) {
            client.flushAll();
        }
    }

    @Test
    void decodesEveryReplyType() {
        try (RespClient client = server.client()) {
            assertEquals("PONG", client.ping());
            assertEquals("OK", client.call("SET", "k", "v"));
            assertArrayEquals("v".getBytes(StandardCharsets.UTF_8), (byte[]) client.call("GET", "k"));
            assertEquals("v", client.callString("GET", "k"));
            assertNull(client.call("GET", "missing"));
            assertEquals(1L, client.call("DEL", "k"));
            assertEquals(3L, client.callLong("RPUSH", "list", "a", "b", "c"));
            assertEquals(List.of("a", "b", "c"), client.callList("LRANGE", "list", "0", "-1"));
            assertEquals("", client.callString("ECHO", ""));
            // A nil array (BLPOP timeout) is null.
            assertNull(client.call("BLPOP", "nothing", "0.01"));
        }
    }

    @Test
    void roundTripsBinaryAndUnicodeValues() {
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        try (RespClient client = server.client()) {
            client.call("SET".getBytes(StandardCharsets.UTF_8), new byte[] {'\r', '\n', 0}, binary);
            assertArrayEquals(binary, (byte[]) client.call("GET".getBytes(StandardCharsets.UTF_8), new byte[] {'\r', '\n', 0}));
            client.call("SET", "ключ", "värde ✓");
            assertEquals("värde ✓", client.callString("GET", "ключ"));
        }
    }

    @Test
    void readsMessagesOfSubscribedChannels() {
        try (RespClient subscriber = server.client(); RespClient publisher = server.client()) {
            subscriber.call("SUBSCRIBE", "news");
            assertEquals(1L, publisher.call("PUBLISH", "news", "first"));
            List<?> message = (List<?>) subscriber.nextPush();
            assertEquals("message", RespClient.decodeUtf8(message.get(0)));
            assertEquals("news", RespClient.decodeUtf8(message.get(1)));
            assertEquals("first", RespClient.decodeUtf8(message.get(2)));
        }
    }

    @Test
    void serverErrorsThrowWithTheServerMessage() {
        try (RespClient client = server.client()) {
            RedisErrorException error = assertThrows(RedisErrorException.class, () -> client.call("NOSUCHCOMMAND"));
            assertEquals("ERR", error.errorCode());
            assertTrue(error.serverMessage().contains("unknown command"), error.serverMessage());
            client.call("SET", "s", "text");
            RedisErrorException wrongType = assertThrows(RedisErrorException.class, () -> client.call("LPUSH", "s", "x"));
            assertEquals("WRONGTYPE", wrongType.errorCode());
            // The connection stays usable after an error reply.
            assertEquals("PONG", client.ping());
        }
    }

    @Test
    void errorsInsideExecAreReturnedNotThrown() {
        try (RespClient client = server.client()) {
            client.call("SET", "s", "text");
            client.call("MULTI");
            client.call("INCR", "s");
            client.call("SET", "t", "1");
            List<?> results = (List<?>) client.call("EXEC");
            assertInstanceOf(RedisErrorException.class, results.get(0));
            assertEquals("OK", results.get(1));
        }
    }

    @Test
    void parsesInfoAndCommandStats() {
        try (RespClient client = server.client()) {
            Map<String, String> info = client.info("server");
            // Valkey keeps redis_version at the Redis it forked from and gives its own in valkey_version.
            assertEquals(server.version(), info.getOrDefault("valkey_version", info.get("redis_version")));
            assertEquals(Long.toString(server.pid()), info.get("process_id"));
            client.call("CONFIG", "RESETSTAT");
            client.call("SET", "a", "1");
            client.call("GET", "a");
            client.call("GET", "a");
            Map<String, Long> calls = client.commandStats();
            assertEquals(2L, calls.get("get"));
            assertEquals(1L, calls.get("set"));
            assertFalse(calls.containsKey("del"));
            Map<String, Double> usec = client.commandUsecPerCall();
            assertTrue(usec.get("get") >= 0.0);
        }
    }

    @Test
    void configSelectAndDbSize() {
        try (RespClient client = server.client()) {
            client.configSet("notify-keyspace-events", "Ex");
            assertEquals("xE", client.configGet("notify-keyspace-events"));
            client.configSet("notify-keyspace-events", "");
            assertNull(client.configGet("no-such-parameter"));
            client.select(3);
            client.call("SET", "in3", "x");
            assertEquals(1L, client.dbSize());
            client.select(0);
            assertEquals(0L, client.dbSize());
        }
    }

    @Test
    void authUsesAclUsers() {
        try (RespClient admin = server.client()) {
            admin.call("ACL", "SETUSER", "tester", "on", ">secret", "~*", "+@all");
            try (RespClient client = server.client()) {
                client.auth("tester", "secret");
                assertEquals("tester", client.callString("ACL", "WHOAMI"));
                RedisErrorException wrong = assertThrows(RedisErrorException.class, () -> client.auth("tester", "bad"));
                assertEquals("WRONGPASS", wrong.errorCode());
            } finally {
                admin.call("ACL", "DELUSER", "tester");
            }
        }
    }

    @Test
    void connectionFailuresAreUncheckedIoExceptions() {
        RedisServer stopped = RedisServer.start();
        int port = stopped.port();
        stopped.close();
        assertThrows(UncheckedIOException.class, () -> new RespClient(RedisServer.HOST, port).close());
    }

    @Test
    void closedClientRefusesCalls() {
        RespClient client = server.client();
        client.close();
        client.close();
        assertFalse(client.isOpen());
        assertThrows(IllegalStateException.class, client::ping);
    }
}
