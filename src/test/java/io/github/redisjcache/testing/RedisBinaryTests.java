package io.github.redisjcache.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisBinaryTests {

    @Test
    void theDefaultBinaryRunsAndReportsItsVersion() {
        RedisBinary binary = RedisBinary.get();
        assertTrue(Files.isExecutable(binary.path()));
        assertTrue(binary.version().matches("\\d+\\.\\d+\\.\\d+.*"), binary.version());
        assertTrue(binary.isAtLeast(6, 0), binary.toString());
        if (System.getProperty(RedisBinary.PATH_PROPERTY) == null && RedisBinary.findOnPath().isPresent()) {
            assertEquals(RedisBinary.Source.PATH, binary.source());
            assertEquals(RedisBinary.findOnPath().get().toAbsolutePath(), binary.path());
        }
    }

    @Test
    void extractsTheEmbeddedBinaryAndReusesIt(@TempDir Path dir) throws Exception {
        assumeTrue(isLinuxOrMac(), "the embedded-redis jar has binaries for Linux and macOS only");
        RedisBinary embedded = RedisBinary.embedded(dir);
        assertEquals(RedisBinary.Source.EMBEDDED, embedded.source());
        assertEquals(dir.resolve(embedded.path().getFileName()), embedded.path());
        assertTrue(Files.isExecutable(embedded.path()));
        assertEquals(6, embedded.majorVersion(), "the embedded binaries are Redis 6.2");
        assertEquals(2, embedded.minorVersion());

        FileTime old = FileTime.fromMillis(1_000_000_000L);
        Files.setLastModifiedTime(embedded.path(), old);
        RedisBinary again = RedisBinary.embedded(dir);
        assertEquals(embedded.path(), again.path());
        assertEquals(old, Files.getLastModifiedTime(again.path()), "an extracted file of the same size is reused");

        Files.write(embedded.path(), new byte[] {1, 2, 3});
        RedisBinary repaired = RedisBinary.embedded(dir);
        assertEquals(embedded.version(), repaired.version(), "a file of another size is extracted again");
    }

    @Test
    void theEmbeddedRedis62ServesWithoutRedis7Options(@TempDir Path dir) {
        assumeTrue(isLinuxOrMac(), "the embedded-redis jar has binaries for Linux and macOS only");
        RedisBinary embedded = RedisBinary.embedded(dir);
        try (RedisServer server = RedisServer.builder().binary(embedded).args("--notify-keyspace-events", "Ex").start();
             RespClient client = server.client()) {
            assertEquals(embedded.version(), client.info("server").get("redis_version"));
            client.call("SET", "k", "v");
            assertEquals("v", client.callString("GET", "k"));
        }
    }

    @Test
    void extractsUnderTargetWhenTheWorkingDirectoryHasOne() {
        Path target = Path.of(System.getProperty("user.dir")).resolve("target");
        assumeTrue(Files.isDirectory(target));
        assertEquals(target.resolve("redis-bin"), RedisBinary.defaultExtractionDirectory());
    }

    @Test
    void mapsOperatingSystemsToEmbeddedResources() {
        assertEquals("redis-server-6.2.6-v5-linux-amd64", RedisBinary.embeddedResourceName("Linux", "amd64"));
        assertEquals("redis-server-6.2.6-v5-linux-amd64", RedisBinary.embeddedResourceName("Linux", "x86_64"));
        assertEquals("redis-server-6.2.7-linux-arm64", RedisBinary.embeddedResourceName("Linux", "aarch64"));
        assertEquals("redis-server-6.2.6-v5-darwin-amd64", RedisBinary.embeddedResourceName("Mac OS X", "x86_64"));
        assertEquals("redis-server-6.2.6-v5-darwin-arm64", RedisBinary.embeddedResourceName("Mac OS X", "aarch64"));
        assertThrows(UnsupportedOperationException.class,
                () -> RedisBinary.embeddedResourceName("Windows 11", "amd64"));
        assertThrows(UnsupportedOperationException.class, () -> RedisBinary.embeddedResourceName("Linux", "s390x"));
    }

    private static boolean isLinuxOrMac() {
        String os = System.getProperty("os.name", "").toLowerCase();
        return os.contains("linux") || os.contains("mac");
    }
}
