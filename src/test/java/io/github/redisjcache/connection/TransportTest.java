package io.github.redisjcache.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;

import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.channel.uring.IoUringSocketChannel;
import org.junit.jupiter.api.Test;
import org.redisson.api.RBucket;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.config.TransportMode;

import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.TestRedis;

/** connection.transport: what each name means on this machine, and connections that carry commands with it. */
@RedisTest
class TransportTest {

    @Test
    void namesAreReadInAnyCaseWithAHyphenOrAnUnderscore() {
        assertThat(Transport.parse("connection.transport", " Auto ")).isEqualTo(Transport.AUTO);
        assertThat(Transport.parse("connection.transport", "io-uring")).isEqualTo(Transport.IO_URING);
        assertThat(Transport.parse("connection.transport", "IO_URING")).isEqualTo(Transport.IO_URING);
        assertThat(Transport.IO_URING.settingName()).isEqualTo("io-uring");

        InvalidSettingException refused = catchThrowableOfType(InvalidSettingException.class,
                () -> ConnectionSettings.fromUri("redis://127.0.0.1:7000?transport=netty"));
        assertThat(refused.setting()).isEqualTo("connection.transport");
        assertThat(refused).hasMessageContaining("expected auto, nio, epoll, io-uring or kqueue, was 'netty'");
    }

    @Test
    void theDefaultIsAutoAndTakesPartInTheSettingsIdentity() {
        ConnectionSettings auto = ConnectionSettings.fromUri("redis://127.0.0.1:7000");
        ConnectionSettings nio = ConnectionSettings.fromUri("redis://127.0.0.1:7000?transport=nio");

        assertThat(auto.transport()).isEqualTo(Transport.AUTO);
        assertThat(nio.transport()).isEqualTo(Transport.NIO);
        assertThat(nio).isNotEqualTo(auto);
        assertThat(nio.toString()).contains("transport=nio");
    }

    @Test
    void onLinuxAutoTakesTheShippedIoUringOrElseEpoll() {
        assumeTrue(NativeTransports.shippedFor(System.getProperty("os.name"), System.getProperty("os.arch")),
                "the provider ships Netty's native transports for Linux on x86_64 and aarch64 only");
        assertThat(NativeTransports.epollUnavailability()).isNull();
        Transport expected = NativeTransports.ioUringUnavailability() == null ? Transport.IO_URING : Transport.EPOLL;

        assertThat(Transport.AUTO.resolve()).isEqualTo(expected);
        assertThat(Transport.AUTO.redissonMode()).isEqualTo(TransportMode.valueOf(expected.name()));
        assertThat(socketChannelOf("?client-name=transport-auto")).isEqualTo(expected == Transport.IO_URING
                ? IoUringSocketChannel.class : EpollSocketChannel.class);
    }

    @Test
    void epollCarriesCommandsWhereItLoads() {
        assumeTrue(NativeTransports.epollUnavailability() == null, "epoll does not load here");

        assertThat(socketChannelOf("?transport=epoll&client-name=transport-epoll"))
                .isEqualTo(EpollSocketChannel.class);
    }

    @Test
    void autoFallsBackToNioWhereNoNativeTransportLoads() {
        assumeTrue(NativeTransports.epollUnavailability() != null && NativeTransports.ioUringUnavailability() != null,
                "a native transport loads here");

        assertThat(Transport.AUTO.resolve()).isEqualTo(Transport.NIO);
    }

    @Test
    void nativeTransportsAreShippedForLinuxOnX86AndArmOnly() {
        assertThat(NativeTransports.shippedFor("Linux", "amd64")).isTrue();
        assertThat(NativeTransports.shippedFor("Linux", "aarch64")).isTrue();
        assertThat(NativeTransports.shippedFor("Linux", "riscv64")).isFalse();
        assertThat(NativeTransports.shippedFor("Mac OS X", "aarch64")).isFalse();
        assertThat(NativeTransports.shippedFor("Windows 11", "amd64")).isFalse();
    }

    @Test
    void autoTakingNioSaysWhyAndHowToAllowNativeAccessWhenJavaDeniesIt() {
        // What Netty reports on Java 24 and later started with --illegal-native-access=deny (seen on Java 25).
        Throwable denied = new UnsatisfiedLinkError("could not load a native library: netty_transport_native_epoll");
        denied.initCause(new IllegalCallerException("Illegal native access from an unnamed module"));
        Throwable noexec = new UnsatisfiedLinkError("/tmp/libnetty_transport_native_io_uring.so: failed to map "
                + "segment from shared object");

        assertThat(NativeTransports.whyNio(null, denied)).isNull();
        assertThat(NativeTransports.whyNio(noexec, null)).isNull();
        assertThat(NativeTransports.whyNio(noexec, denied))
                .startsWith("io_uring: java.lang.UnsatisfiedLinkError: /tmp/libnetty_transport_native_io_uring.so")
                .contains("; epoll: java.lang.UnsatisfiedLinkError: could not load a native library: "
                        + "netty_transport_native_epoll (java.lang.IllegalCallerException: Illegal native access")
                .endsWith("Java denies native access: allow it with --enable-native-access=ALL-UNNAMED");
        assertThat(NativeTransports.describe(noexec)).doesNotContain("native access");
    }

    @Test
    void aCauseChainThatLoopsIsDescribedAllTheSame() {
        Throwable first = new UnsatisfiedLinkError("first");
        Throwable second = new IllegalStateException("second", first);
        first.initCause(second);

        assertThat(NativeTransports.describe(first)).startsWith("java.lang.UnsatisfiedLinkError: first (");
    }

    @Test
    void nioCarriesCommandsOnEveryPlatform() {
        assertThat(socketChannelOf("?transport=nio&client-name=transport-nio")).isEqualTo(NioSocketChannel.class);
    }

    @Test
    void aNativeTransportThatDoesNotLoadIsRefusedBeforeConnecting() {
        // kqueue is BSD's and macOS's, and the provider ships no kqueue library.
        assumeTrue(NativeTransports.kqueueUnavailability() != null, "kqueue loads here");
        int before = ConnectionRegistry.openConnections();

        InvalidSettingException refused = catchThrowableOfType(InvalidSettingException.class,
                () -> ConnectionRegistry.acquire(ConnectionSettings.fromUri(TestRedis.get().uri()
                        + "?transport=kqueue&client-name=transport-kqueue")));

        assertThat(refused.setting()).isEqualTo("connection.transport");
        assertThat(refused).hasMessageContaining("kqueue is not available here")
                .hasMessageContaining("use auto or nio");
        assertThat(ConnectionRegistry.openConnections()).isEqualTo(before);
    }

    /** Opens the test Redis with the given URI parameters, writes and reads a key, and returns Netty's channel. */
    private static Class<?> socketChannelOf(String parameters) {
        try (ConnectionRegistry.Lease lease = ConnectionRegistry.acquire(
                ConnectionSettings.fromUri(TestRedis.get().uri() + parameters))) {
            RBucket<byte[]> bucket = lease.connection().client().getBucket("transport-test:" + parameters,
                    ByteArrayCodec.INSTANCE);
            byte[] value = parameters.getBytes(StandardCharsets.UTF_8);
            bucket.set(value);
            assertThat(bucket.getAndDelete()).isEqualTo(value);
            assertThat(lease.connection().transport()).isEqualTo(lease.connection().settings().transport().resolve());
            return lease.connection().executor().getServiceManager().getSocketChannelClass();
        }
    }
}
