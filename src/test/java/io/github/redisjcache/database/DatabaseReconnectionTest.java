package io.github.redisjcache.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.github.redisjcache.connection.ConnectionSettings;
import io.github.redisjcache.support.LogCapture;
import io.github.redisjcache.testing.RedisServer;
import io.github.redisjcache.testing.RespClient;

/**
 * The outage test: Redis is killed and started again on the same port; calls during the outage fail with
 * the facade's exception within the configured timeout (no hang), and succeed again once it is back. The server is
 * a dedicated, password-protected one, so the outage also shows what failures log.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseReconnectionTest {

    private static final String PASSWORD = "Outage-Pa55";
    private static final String SECRET_VALUE = "value-n0t-f0r-logs";
    private static final Duration RECOVERY_LIMIT = Duration.ofSeconds(10);

    private RedisServer server;
    private Database db;

    @BeforeAll
    void startServer() {
        server = RedisServer.start("--requirepass", PASSWORD);
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @BeforeEach
    void connect() {
        if (!server.isAlive()) {
            server.restart();
        }
        db = Database.connect(ConnectionSettings.fromUri("redis://:" + PASSWORD + "@127.0.0.1:" + server.port()
                + "/0?timeout=500ms&connect-timeout=500ms&retry-attempts=1&retry-interval=200ms"));
    }

    @AfterEach
    void disconnect() {
        db.close();
    }

    @Test
    void callsDuringAnOutageFailFastAndSucceedAgainOnceRedisIsBack() {
        db.set("before", "outage");
        Duration bound = db.connection().operationTimeout();

        server.kill();

        assertFailsWithin(bound, "GET", d -> d.get("before"));
        assertFailsWithin(bound, "SET", d -> d.set("during", SECRET_VALUE));
        assertFailsWithin(bound, "EXISTS", d -> d.exists("before"));
        assertFailsWithin(bound, "SET", d -> d.setJson("json", new Person(SECRET_VALUE, 1)));
        assertFailsWithin(bound, "MGET", d -> d.getAll(List.of("a", "b")));
        assertFailsWithin(bound, "MSET", d -> d.setAll(Map.of("a", SECRET_VALUE)));

        server.restart();

        Duration recovery = timeUntilACallSucceeds(() -> db.set("after", "restart"));
        System.out.printf("Reconnection: first successful call %d ms after the restart%n", recovery.toMillis());
        assertThat(db.get("after")).isEqualTo("restart");
        // Redis keeps no data across the restart here (save ""), so the earlier key is gone, not stale.
        assertThat(db.get("before")).isNull();
    }

    @Test
    void anOutageIsLoggedOncePerCallWithoutValuesOrPassword() {
        db.set("k", "v");
        server.kill();

        try (LogCapture databaseLog = LogCapture.of(Database.class); LogCapture everything = LogCapture.everything()) {
            catchThrowableOfType(DatabaseException.class, () -> db.set("k", SECRET_VALUE));

            assertThat(databaseLog.errors()).hasSize(1);
            assertThat(databaseLog.errors().get(0).getFormattedMessage()).contains("SET").contains("'k'");
            assertThat(everything.allText()).doesNotContain(SECRET_VALUE).doesNotContain(PASSWORD);
        }
    }

    @Test
    void theFailureMessageHoldsNeitherTheValueNorThePassword() {
        server.kill();

        DatabaseException failure = catchThrowableOfType(DatabaseException.class,
                () -> db.setWithExpiry("k", SECRET_VALUE, 60));

        assertThat(failure).isNotNull();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).as("message of %s", t.getClass().getName())
                    .doesNotContain(SECRET_VALUE).doesNotContain(PASSWORD);
        }
    }

    @Test
    void aServerThatStopsAnsweringFailsWithinTheBoundWithoutLeakingTheValue() {
        db.set("k", "v");
        Duration bound = db.connection().operationTimeout();
        try (RespClient admin = server.client(); LogCapture everything = LogCapture.everything()) {
            admin.auth(PASSWORD);
            // The server stays up but answers nobody: the reply timeout, not the connection, must end the call.
            admin.call("CLIENT", "PAUSE", Long.toString(bound.toMillis() + 2_000), "ALL");

            assertFailsWithin(bound, "SET", d -> d.set("k", SECRET_VALUE));

            assertThat(everything.allText()).doesNotContain(SECRET_VALUE).doesNotContain(PASSWORD);
            admin.call("CLIENT", "UNPAUSE");
        }
        timeUntilACallSucceeds(() -> db.exists("k"));
    }

    @Test
    void lenientReadsDuringAnOutageReturnMissesAndLogOnce() {
        server.kill();

        try (LogCapture log = LogCapture.of(Database.class)) {
            assertThat(db.lenient().get("k")).isNull();
            assertThat(log.errors()).hasSize(1);
            assertThat(db.lenient().exists("k")).isFalse();
            assertThat(db.lenient().getJson("k", Person.class)).isNull();
            assertThat(db.lenient().getAll(List.of("k"))).isEmpty();
            assertThat(log.errors()).hasSize(4);
        }
    }

    private void assertFailsWithin(Duration bound, String operation, Consumer<Database> call) {
        long start = System.nanoTime();
        DatabaseException failure = catchThrowableOfType(DatabaseException.class, () -> call.accept(db));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("Reconnection: %s failed after %d ms during the outage (bound %d ms)%n", operation,
                took.toMillis(), bound.toMillis());

        assertThat(failure).as("%s during the outage", operation).isNotNull();
        assertThat(failure.operation()).isEqualTo(operation);
        assertThat(took).as("time %s took to fail", operation).isLessThanOrEqualTo(bound);
    }

    private static Duration timeUntilACallSucceeds(Runnable call) {
        long start = System.nanoTime();
        long deadline = start + RECOVERY_LIMIT.toNanos();
        while (true) {
            try {
                call.run();
                return Duration.ofNanos(System.nanoTime() - start);
            } catch (DatabaseException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("No call succeeded within " + RECOVERY_LIMIT + " of the restart", e);
                }
                sleep(50);
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
