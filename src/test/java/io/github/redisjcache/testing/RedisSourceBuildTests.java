package io.github.redisjcache.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import com.sun.net.httpserver.HttpServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisSourceBuildTests {

    /**
     * A source tree whose Makefile "builds" a redis-server or a valkey-server that only prints a version, as the real
     * ones do.
     */
    private static final String MAKEFILE = "redis-server:\n\tprintf '#!/bin/sh\\necho \"Redis server v=9.9.9"
            + " sha=00000000:0 malloc=libc bits=64 build=0\"\\n' > redis-server\n"
            + "valkey-server:\n\tprintf '#!/bin/sh\\necho \"Valkey server v=9.9.8"
            + " sha=00000000:0 malloc=libc bits=64 build=0\"\\n' > valkey-server\n";

    @TempDir
    Path directory;

    private HttpServer http;
    private final AtomicInteger downloads = new AtomicInteger();
    private volatile byte[] served = new byte[0];
    private volatile int status = 200;

    @BeforeEach
    void serveTheTarball() throws IOException {
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/redis.tar.gz", exchange -> {
            downloads.incrementAndGet();
            byte[] body = status == 200 ? served : new byte[0];
            exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        http.start();
    }

    @AfterEach
    void stop() {
        http.stop(0);
    }

    @Test
    void buildsThePinnedTarballOnceAndReusesTheBuild() throws Exception {
        assumeBuildToolsPresent();
        served = fakeSourceTarball();
        RedisSourceBuild.Release release = release(sha256(served));
        Path cache = directory.resolve("cache");

        Path built = RedisSourceBuild.executable(release, cache);

        assertEquals(cache.resolve("redis-9.9.9/redis-server"), built);
        assertTrue(Files.isExecutable(built));
        assertEquals("9.9.9", RedisBinary.of(built).version(), "the binary the Makefile made runs");
        assertEquals(List.of("redis-9.9.9", "redis-9.9.9.lock"), listing(cache),
                "the download and the source tree are gone, the binary stays");
        assertEquals(built, RedisSourceBuild.executable(release, cache));
        assertEquals(1, downloads.get(), "a second call finds the build and downloads nothing");
    }

    @Test
    void aValkeyReleaseBuildsTheValkeyServerBesideRedis() throws Exception {
        assumeBuildToolsPresent();
        served = fakeSourceTarball();
        Path cache = directory.resolve("cache");
        Path redis = RedisSourceBuild.executable(release(sha256(served)), cache);

        Path built = RedisSourceBuild.executable(new RedisSourceBuild.Release("valkey", "9.9.8", tarballUri(),
                sha256(served)), cache);

        assertEquals(cache.resolve("valkey-9.9.8/valkey-server"), built);
        assertEquals("9.9.8", RedisBinary.of(built).version(), "the Makefile's valkey-server target ran");
        assertEquals(List.of("redis-9.9.9", "redis-9.9.9.lock", "valkey-9.9.8", "valkey-9.9.8.lock"), listing(cache),
                "each release has a directory and a lock of its own");
        assertTrue(Files.isExecutable(redis), "the Redis build stays");
    }

    @Test
    void refusesATarballWhoseHashIsNotThePinnedOne() throws Exception {
        assumeBuildToolsPresent();
        served = fakeSourceTarball();
        Path cache = directory.resolve("cache");

        RedisSourceBuild.Unavailable refused = assertThrows(RedisSourceBuild.Unavailable.class,
                () -> RedisSourceBuild.executable(release("0".repeat(64)), cache));

        assertTrue(refused.getMessage().contains("has SHA-256 " + sha256(served) + ", not the pinned 0000"),
                refused.getMessage());
        assertEquals(List.of("redis-9.9.9.lock"), listing(cache), "nothing was unpacked or built");
    }

    @Test
    void anHttpErrorOrAClosedPortMakesTheBuildUnavailable() throws Exception {
        assumeBuildToolsPresent();
        status = 404;
        RedisSourceBuild.Unavailable notFound = assertThrows(RedisSourceBuild.Unavailable.class,
                () -> RedisSourceBuild.executable(release("0".repeat(64)), directory));
        assertTrue(notFound.getMessage().endsWith("answered HTTP 404"), notFound.getMessage());

        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        RedisSourceBuild.Release unreachable = new RedisSourceBuild.Release("redis", "9.9.9",
                URI.create("http://127.0.0.1:" + closed + "/redis.tar.gz"), "0".repeat(64));
        RedisSourceBuild.Unavailable refused = assertThrows(RedisSourceBuild.Unavailable.class,
                () -> RedisSourceBuild.executable(unreachable, directory));
        assertTrue(refused.getMessage().startsWith("downloading http://127.0.0.1:" + closed + "/redis.tar.gz failed"),
                refused.getMessage());
    }

    @Test
    void aReleaseThatIsNotPinnedIsAConfigurationError() {
        IllegalArgumentException error = assertThrows(IllegalArgumentException.class,
                () -> RedisSourceBuild.executable("1.2.3"));
        assertTrue(error.getMessage().contains("pinned: [8.6.3, valkey-9.1.2]"), error.getMessage());
    }

    @Test
    void theReleaseAskedForIsTheServerTheTestsRun() {
        String asked = System.getProperty(RedisSourceBuild.VERSION_PROPERTY);
        assumeTrue(asked != null && System.getProperty(RedisBinary.PATH_PROPERTY) == null,
                "this run asked for no source build");
        RedisBinary binary = RedisBinary.get();
        assertEquals(RedisBinary.Source.SOURCE_BUILD, binary.source());
        boolean valkey = asked.startsWith("valkey-");
        assertEquals(asked, (valkey ? "valkey-" : "") + binary.version());
        assertEquals(valkey ? "valkey-server" : "redis-server", binary.path().getFileName().toString());
    }

    private RedisSourceBuild.Release release(String sha256) {
        return new RedisSourceBuild.Release("redis", "9.9.9", tarballUri(), sha256);
    }

    private URI tarballUri() {
        return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/redis.tar.gz");
    }

    private byte[] fakeSourceTarball() throws Exception {
        Path tree = directory.resolve("tree");
        Files.createDirectories(tree.resolve("redis-9.9.9/src"));
        Files.writeString(tree.resolve("redis-9.9.9/src/Makefile"), MAKEFILE, StandardCharsets.UTF_8);
        Path tarball = directory.resolve("fake.tar.gz");
        Process tar = new ProcessBuilder("tar", "czf", tarball.toString(), "-C", tree.toString(), "redis-9.9.9")
                .inheritIO().start();
        assertEquals(0, tar.waitFor());
        return Files.readAllBytes(tarball);
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static List<String> listing(Path directory) throws IOException {
        try (Stream<Path> entries = Files.list(directory)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static void assumeBuildToolsPresent() {
        String missing = RedisSourceBuild.missingTools();
        assumeTrue(missing == null, missing);
    }
}
