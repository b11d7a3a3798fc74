package io.github.redisjcache.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.redisjcache.connection.ConnectionRegistry;
import io.github.redisjcache.connection.ConnectionSettings;
import io.github.redisjcache.support.Eventually;
import io.github.redisjcache.testing.RedisServer;
import io.github.redisjcache.testing.RespClient;

/**
 * CONFIG has no compare-and-set, so two JVMs switching on different keyspace notifications at the same moment can
 * each write back flags read before the other's were set. Whoever switches flags on checks a moment later that they
 * stayed, and sets them again if not. Each test runs a server of its own (the flags are server-wide).
 */
class KeyspaceFlagsRaceTest {

    private static final String SETTING = "notify-keyspace-events";
    private static final Duration REPAIRED = Duration.ofSeconds(5);

    private RedisServer server;
    private RespClient admin;
    private ConnectionRegistry.Lease first;
    private ConnectionRegistry.Lease second;
    private ScheduledExecutorService background;
    // The two managers' threads: the default async pool may run one task at a time (Java 25 on 2 cores does), and
    // each waits at the barrier for the other.
    private ExecutorService managers;

    @BeforeEach
    void start() {
        server = RedisServer.start();
        admin = server.client();
        // Two leases of different settings: two connections, as two JVMs would have.
        first = ConnectionRegistry.acquire(ConnectionSettings.fromUri(server.uri() + "?client-name=first"));
        second = ConnectionRegistry.acquire(ConnectionSettings.fromUri(server.uri() + "?client-name=second"));
        background = Executors.newScheduledThreadPool(2);
        managers = Executors.newFixedThreadPool(2);
    }

    @AfterEach
    void stop() {
        managers.shutdownNow();
        background.shutdownNow();
        second.close();
        first.close();
        admin.close();
        server.close();
    }

    private boolean has(String flags) {
        String current = admin.configGet(SETTING);
        return flags.chars().allMatch(flag -> current.indexOf(flag) >= 0);
    }

    @Test
    void flagsWrittenOverRightAfterBeingSwitchedOnAreSetAgain() {
        KeyspaceNotifications notifications = new KeyspaceNotifications(first.connection(), background);
        assertThat(notifications.available(KeyspaceNotifications.EVICTED, "test")).isTrue();
        assertThat(has("Ee")).isTrue();
        // What another JVM writes back when it read the flags just before ours were set.
        admin.configSet(SETTING, "Kx");

        Eventually.await(REPAIRED, "the eviction flags to be set again", () -> has("KxEe"));
    }

    @Test
    void twoManagersSwitchingOnDifferentClassesAtOnceBothKeepTheirs() throws Exception {
        CyclicBarrier together = new CyclicBarrier(2);
        for (int round = 0; round < 20; round++) {
            admin.configSet(SETTING, "");
            KeyspaceNotifications expiries = new KeyspaceNotifications(first.connection(), background);
            KeyspaceNotifications evictions = new KeyspaceNotifications(second.connection(), background);
            CompletableFuture<Boolean> expired = CompletableFuture.supplyAsync(() -> {
                awaitQuietly(together);
                return expiries.available(KeyspaceNotifications.EXPIRED, "test");
            }, managers);
            CompletableFuture<Boolean> evicted = CompletableFuture.supplyAsync(() -> {
                awaitQuietly(together);
                return evictions.available(KeyspaceNotifications.EVICTED, "test");
            }, managers);
            assertThat(expired.get(10, TimeUnit.SECONDS)).isTrue();
            assertThat(evicted.get(10, TimeUnit.SECONDS)).isTrue();

            int attempt = round;
            Eventually.await(REPAIRED, "round " + attempt + ": both classes' flags", () -> has("KxEe"));
        }
    }

    @Test
    void flagsThatStayedAreNotSetAgain() throws InterruptedException {
        KeyspaceNotifications notifications = new KeyspaceNotifications(first.connection(), background);
        admin.call("CONFIG", "RESETSTAT");
        assertThat(notifications.available(KeyspaceNotifications.EXPIRED, "test")).isTrue();
        // Every check (at most 150 ms after) has run.
        Thread.sleep(1_000);

        assertThat(admin.commandStats()).containsEntry("config|set", 1L);
        assertThat(has("Kx")).isTrue();
    }

    private static void awaitQuietly(CyclicBarrier barrier) {
        try {
            barrier.await(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
