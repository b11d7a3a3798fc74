package io.github.redisjcache.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.redisjcache.support.Eventually;
import io.github.redisjcache.testing.RedisServer;
import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.TestRedis;

/** The registry shares one connection per settings value, counts its users, and refuses bad settings up front. */
@RedisTest
class ConnectionRegistryTest {

    /** Connections other test classes left open (cache managers) are not this class's to count. */
    private int before;

    @BeforeEach
    void countConnections() {
        before = ConnectionRegistry.openConnections();
    }

    /** The test Redis under settings of this class's own, so no other user shares its connection. */
    private static String uri() {
        return TestRedis.get().uri() + "?client-name=connection-registry-test";
    }

    @Test
    void leasesOnEqualSettingsShareOneConnectionUntilTheLastIsClosed() {
        ConnectionRegistry.Lease first = ConnectionRegistry.acquire(ConnectionSettings.fromUri(uri()));
        ConnectionRegistry.Lease second = ConnectionRegistry.acquire(ConnectionSettings.fromUri(uri()));

        assertThat(second.connection()).isSameAs(first.connection());
        assertThat(ConnectionRegistry.openConnections()).isEqualTo(before + 1);

        first.close();
        first.close();
        assertThat(second.connection().isShutdown()).isFalse();

        second.close();
        assertThat(second.connection().isShutdown()).isTrue();
        assertThat(ConnectionRegistry.openConnections()).isEqualTo(before);
        assertWatchdogStops(second.connection());
    }

    /** The thread that bounds waits for the connection's replies ends with it. */
    private static void assertWatchdogStops(SharedConnection connection) {
        Eventually.await(Duration.ofSeconds(5), "the watchdog's thread ended",
                () -> !connection.replyWatchdog().isRunning());
        assertThat(connection.replyWatchdog().isRunning()).isFalse();
    }

    @Test
    void aConnectionWhoseClientWasShutDownElsewhereIsReplacedAndItsWatchdogStopped() {
        ConnectionSettings settings = ConnectionSettings.fromUri(uri());
        ConnectionRegistry.Lease lease = ConnectionRegistry.acquire(settings);
        lease.connection().client().shutdown();

        try (ConnectionRegistry.Lease again = ConnectionRegistry.acquire(settings)) {
            assertThat(again.connection()).isNotSameAs(lease.connection());
            assertThat(again.connection().replyWatchdog().isRunning()).isTrue();
            assertWatchdogStops(lease.connection());
        }
        lease.close();
    }

    @Test
    void closeAllShutsEveryConnectionDownAndLaterLeasesConnectAnew() {
        ConnectionSettings settings = ConnectionSettings.fromUri(uri());
        ConnectionRegistry.Lease lease = ConnectionRegistry.acquire(settings);

        ConnectionRegistry.closeAll();

        assertThat(lease.connection().isShutdown()).isTrue();
        assertThat(ConnectionRegistry.openConnections()).isZero();
        try (ConnectionRegistry.Lease again = ConnectionRegistry.acquire(settings)) {
            assertThat(again.connection()).isNotSameAs(lease.connection());
            assertThat(again.connection().serverInfo().hasGetEx()).isTrue();
        }
        // The stale lease must not release the new connection's claim.
        lease.close();
    }

    @Test
    void theOperationTimeoutBoundsEveryRetryOfOneCall() {
        ConnectionSettings settings = ConnectionSettings.fromUri(uri()
                + "&timeout=500ms&connect-timeout=400ms&retry-attempts=1&retry-interval=200ms");

        try (ConnectionRegistry.Lease lease = ConnectionRegistry.acquire(settings)) {
            // connect 400 + 2 attempts x (reply 500 + pause 200) + 1 s of slack
            assertThat(lease.connection().operationTimeout().toMillis()).isEqualTo(2_800);
        }
    }

    @Test
    void aServerThatCannotBeReachedFailsNamingItWithoutThePassword() {
        int port;
        try (RedisServer stopped = RedisServer.start()) {
            port = stopped.port();
        }

        ConnectionFailedException failure = catchThrowableOfType(ConnectionFailedException.class,
                () -> ConnectionRegistry.acquire(ConnectionSettings.fromUri(
                        "redis://app:Hunter2@127.0.0.1:" + port + "?connect-timeout=300ms&retry-attempts=0")));

        assertThat(failure).hasMessageContaining("redis://app@127.0.0.1:" + port).hasMessageNotContaining("Hunter2");
        assertThat(ConnectionRegistry.openConnections()).isEqualTo(before);
    }

    @Test
    void badSettingsFailBeforeAnyConnectionAttempt() throws IOException {
        try (ServerSocket listener = new ServerSocket()) {
            listener.bind(new InetSocketAddress(InetAddress.getByName(RedisServer.HOST), 0));
            listener.setSoTimeout(300);
            String target = "redis://127.0.0.1:" + listener.getLocalPort();

            catchThrowableOfType(InvalidSettingException.class, () -> ConnectionRegistry.acquire(
                    ConnectionSettings.fromUri(target + "?pool-size=1&min-idle=2")));
            catchThrowableOfType(InvalidSettingException.class, () -> ConnectionRegistry.acquire(
                    ConnectionSettings.fromUri(target.replace("redis:", "rediss:")
                            + "?tls.truststore=classpath:no-such-truststore.jks")));

            assertThat(acceptedAnyone(listener)).as("a connection attempt reached the server").isFalse();
            assertThat(ConnectionRegistry.openConnections()).isEqualTo(before);
        }
    }

    private static boolean acceptedAnyone(ServerSocket listener) throws IOException {
        try {
            listener.accept().close();
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }
}
