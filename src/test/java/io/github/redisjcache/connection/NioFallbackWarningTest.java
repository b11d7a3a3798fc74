package io.github.redisjcache.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.redisjcache.testing.JvmProcess;
import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.TestRedis;

/**
 * Where the provider ships Netty's native transports but they do not load (here: Netty cannot unpack its library, as
 * on a noexec /tmp; on Java 24 and later also when Java denies native access), auto takes NIO and says so once per
 * JVM, with the cause. Each case runs in a JVM of its own: Netty decides once per JVM whether its libraries load.
 */
@RedisTest
class NioFallbackWarningTest {

    private static final String WARNING = "Netty's native transports do not load here, so connections use NIO";
    private static final Duration LIMIT = Duration.ofSeconds(60);

    @TempDir
    Path directory;

    @Test
    void autoWarnsOnceWithTheCauseWhenNoNativeTransportLoads() throws IOException {
        assumeNativeTransportsShipped();

        List<String> output = connectTwice(unusableNativeWorkdir(), "");

        assertThat(output).filteredOn(line -> line.contains("Connected to ")).hasSize(2)
                .allMatch(line -> line.endsWith("(transport nio)"));
        assertThat(output).filteredOn(line -> line.contains(WARNING)).singleElement().asString()
                .contains("WARN").contains("io_uring: ").contains("; epoll: ")
                .contains("set connection.transport to nio to choose it knowingly");
    }

    @Test
    void nioChosenInTheSettingsIsNotWarnedOf() throws IOException {
        assumeNativeTransportsShipped();

        List<String> output = connectTwice(unusableNativeWorkdir(), "&transport=nio");

        assertThat(output).filteredOn(line -> line.contains("(transport nio)")).hasSize(2);
        assertThat(output).noneMatch(line -> line.contains(WARNING));
    }

    @Test
    void aNativeTransportThatLoadsIsNotWarnedOf() {
        assumeNativeTransportsShipped();
        assumeTrue(NativeTransports.epollUnavailability() == null, "epoll does not load here");

        List<String> output = connectTwice(null, "");

        assertThat(output).filteredOn(line -> line.contains("Connected to ")).hasSize(2)
                .noneMatch(line -> line.endsWith("(transport nio)"));
        assertThat(output).noneMatch(line -> line.contains(WARNING));
    }

    private static void assumeNativeTransportsShipped() {
        assumeTrue(NativeTransports.shippedFor(System.getProperty("os.name"), System.getProperty("os.arch")),
                "the provider ships Netty's native transports for Linux on x86_64 and aarch64 only");
    }

    /** A work directory Netty cannot create (under a file), so it cannot unpack its native libraries. */
    private String unusableNativeWorkdir() throws IOException {
        return Files.writeString(directory.resolve("a-file"), "not a directory").resolve("netty").toString();
    }

    private static List<String> connectTwice(String nativeWorkdir, String parameters) {
        Map<String, String> properties = nativeWorkdir == null ? Map.of()
                : Map.of("io.netty.native.workdir", nativeWorkdir);
        try (JvmProcess jvm = JvmProcess.start(ConnectTwice.class, properties, TestRedis.get().uri(), parameters)) {
            assertThat(jvm.awaitExit(LIMIT)).as(jvm.output()).isZero();
            return jvm.lines();
        }
    }

    /** Opens two connections of different settings (two client names) to the Redis of its first argument. */
    public static final class ConnectTwice {

        private ConnectTwice() {
        }

        public static void main(String[] args) {
            for (String name : List.of("first", "second")) {
                try (ConnectionRegistry.Lease lease = ConnectionRegistry.acquire(
                        ConnectionSettings.fromUri(args[0] + "?client-name=" + name + args[1]))) {
                    lease.connection().client().getBucket("nio-fallback-warning").isExists();
                }
            }
        }
    }
}
