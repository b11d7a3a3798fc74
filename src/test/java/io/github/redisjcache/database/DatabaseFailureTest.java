package io.github.redisjcache.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.github.redisjcache.connection.ConnectionSettings;
import io.github.redisjcache.support.LogCapture;
import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.RespClient;
import io.github.redisjcache.testing.TestRedis;

/**
 * A value that cannot be read as the type asked for: the failure is logged once at ERROR naming the operation and
 * the key but not the stored value, and thrown as {@link DatabaseException}, or swallowed by the lenient reads.
 */
@RedisTest
class DatabaseFailureTest {

    /** Stored text that must never reach a log line or an exception message. */
    private static final String SECRET = "s3cr3t-4711";

    private Database db;
    private LogCapture log;

    @BeforeEach
    void connect(RespClient redis) {
        db = Database.connect(ConnectionSettings.fromUri(TestRedis.get().uri()));
        redis.call("SET", "user:bad", "{\"name\":\"" + SECRET + "\",\"age\":\"" + SECRET + "\"}");
        log = LogCapture.of(Database.class);
    }

    @AfterEach
    void disconnect() {
        log.close();
        db.close();
    }

    @Test
    void jsonOfTheWrongTypeThrowsTheFacadesExceptionNamingOperationAndKey() {
        DatabaseException failure = catchThrowableOfType(DatabaseException.class,
                () -> db.getJson("user:bad", Person.class));

        assertThat(failure.operation()).isEqualTo("GET");
        assertThat(failure.key()).isEqualTo("user:bad");
        assertThat(failure).hasMessageContaining("GET").hasMessageContaining("user:bad");
        assertThat(failure.getCause()).isNotNull();
    }

    @Test
    void aFailureIsLoggedOnceAtErrorWithTheOperationAndTheKey() {
        assertThatThrownBy(() -> db.getJson("user:bad", Person.class)).isInstanceOf(DatabaseException.class);

        List<ILoggingEvent> errors = log.errors();
        assertThat(errors).hasSize(1);
        assertThat(log.events()).hasSize(1);
        assertThat(errors.get(0).getFormattedMessage()).contains("GET").contains("user:bad");
    }

    @Test
    void theStoredValueAppearsNeitherInTheLogNorInTheException() {
        DatabaseException failure = catchThrowableOfType(DatabaseException.class,
                () -> db.getJson("user:bad", Person.class));

        assertThat(log.allText()).doesNotContain(SECRET);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).as("message of %s", t.getClass().getName())
                    .doesNotContain(SECRET);
        }
    }

    @Test
    void aGenericTypeMismatchFailsTheSameWay() {
        assertThatThrownBy(() -> db.getJson("user:bad", new TypeRef<List<Person>>() { }))
                .isInstanceOf(DatabaseException.class);

        assertThat(log.errors()).hasSize(1);
        assertThat(log.allText()).contains("user:bad").doesNotContain(SECRET);
    }

    @Test
    void lenientReadsReturnNullInsteadOfThrowingAndStillLogOnce() {
        assertThat(db.lenient().getJson("user:bad", Person.class)).isNull();
        assertThat(log.errors()).hasSize(1);

        log.clear();
        assertThat(db.lenient().getJson("user:bad", new TypeRef<List<Person>>() { })).isNull();
        assertThat(log.errors()).hasSize(1);
        assertThat(log.allText()).doesNotContain(SECRET);
    }

    @Test
    void lenientReadsOfHealthyKeysBehaveLikeTheStrictOnes(RespClient redis) {
        redis.call("SET", "user:ok", "{\"name\":\"Ann\",\"age\":36}");

        assertThat(db.lenient().getJson("user:ok", Person.class)).isEqualTo(new Person("Ann", 36));
        assertThat(db.lenient().get("user:ok")).isEqualTo("{\"name\":\"Ann\",\"age\":36}");
        assertThat(db.lenient().exists("user:ok")).isTrue();
        assertThat(db.lenient().getAll(List.of("user:ok", "missing"))).containsOnlyKeys("user:ok");
        assertThat(db.lenient().get("missing")).isNull();
        assertThat(log.events()).isEmpty();
    }

    @Test
    void aWrongRedisTypeIsAFailureToo(RespClient redis) {
        redis.call("RPUSH", "a-list", SECRET);

        assertThatThrownBy(() -> db.get("a-list")).isInstanceOf(DatabaseException.class)
                .hasMessageContaining("a-list");

        assertThat(log.errors()).hasSize(1);
        assertThat(log.allText()).contains("GET").contains("a-list").doesNotContain(SECRET);
        assertThat(db.lenient().get("a-list")).isNull();
    }
}
