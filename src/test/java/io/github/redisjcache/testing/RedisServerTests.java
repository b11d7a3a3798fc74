package io.github.redisjcache.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.github.redisjcache.connection.ConnectionSettings;

class RedisServerTests {

    @Test
    void startsOnALoopbackPortOtherThanTheDefaultOneAndServesData() {
        try (RedisServer server = RedisServer.start()) {
            assertNotEquals(ConnectionSettings.DEFAULT_PORT, server.port());
            assertTrue(server.port() > 1024 && server.port() < 32768, "below the ephemeral range: " + server.port());
            assertEquals("127.0.0.1", server.host());
            assertEquals("redis://127.0.0.1:" + server.port(), server.uri());
            assertTrue(server.isAlive());
            try (RespClient client = server.client()) {
                assertEquals("PONG", client.ping());
                client.call("SET", "greeting", "hello");
                assertEquals("hello", client.callString("GET", "greeting"));
                Map<String, String> info = client.info("server");
                assertEquals(Long.toString(server.pid()), info.get("process_id"), "we talk to our own process");
                assertEquals(Integer.toString(server.port()), info.get("tcp_port"));
                assertEquals(server.dir().toString(), client.configGet("dir"));
                assertEquals("", client.configGet("save"));
                assertEquals("no", client.configGet("appendonly"));
                assertEquals("127.0.0.1", client.configGet("bind"));
            }
            assertTrue(Files.isRegularFile(server.logFile()));
        }
    }

    @Test
    void stopEndsTheProcess() {
        RedisServer server = RedisServer.start();
        long pid = server.pid();
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
        server.stop();
        assertFalse(server.isAlive());
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "pid " + pid + " is gone");
        Path dir = server.dir();
        server.close();
        assertFalse(Files.exists(dir), "close() deletes the directory");
    }

    @Test
    void killThenRestartComesBackOnTheSamePort() {
        try (RedisServer server = RedisServer.start()) {
            int port = server.port();
            long firstPid = server.pid();
            try (RespClient client = server.client()) {
                client.call("SET", "k", "v");
            }
            server.kill();
            assertFalse(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false));
            assertThrows(RuntimeException.class, () -> server.client().close());

            server.restart();
            assertTrue(server.isAlive());
            assertEquals(port, server.port());
            assertNotEquals(firstPid, server.pid());
            try (RespClient client = server.client()) {
                assertEquals("PONG", client.ping());
                assertNull(client.call("GET", "k"), "save \"\": nothing survives a restart");
            }
            // restart() of a running server stops it first.
            long secondPid = server.pid();
            server.restart();
            assertNotEquals(secondPid, server.pid());
            assertEquals(port, server.port());
        }
    }

    @Test
    void twoServersRunSideBySide() {
        try (RedisServer a = RedisServer.start(); RedisServer b = RedisServer.start()) {
            assertNotEquals(a.port(), b.port());
            assertNotEquals(a.pid(), b.pid());
            try (RespClient ca = a.client(); RespClient cb = b.client()) {
                ca.call("SET", "where", "a");
                cb.call("SET", "where", "b");
                assertEquals("a", ca.callString("GET", "where"));
                assertEquals("b", cb.callString("GET", "where"));
            }
        }
    }

    @Test
    void extraArgumentsAreApplied() {
        try (RedisServer server = RedisServer.start("--notify-keyspace-events", "Ex", "--maxmemory", "10mb");
             RespClient client = server.client()) {
            assertEquals("xE", client.configGet("notify-keyspace-events"));
            assertEquals(Long.toString(10 * 1024 * 1024), client.configGet("maxmemory"));
            if (server.binary().majorVersion() >= 7) {
                assertEquals("OK", client.call("DEBUG", "SLEEP", "0"), "--enable-debug-command yes on Redis 7");
            }
        }
    }

    @Test
    void clusterCapablePortsLeaveTheBusPortFree() {
        try (RedisServer server = RedisServer.builder().clusterCapablePort().start()) {
            assertTrue(server.port() + 10000 <= 65535);
            assertTrue(RedisServer.isFree(server.port() + 10000));
        }
    }

    @Test
    void aFailedStartReportsTheLogTail() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> RedisServer.start("--no-such-directive", "1"));
        assertTrue(e.getMessage().contains("no-such-directive"), e.getMessage());
    }
}
