package io.github.redisjcache.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.github.redisjcache.connection.ConnectionSettings;
import io.github.redisjcache.support.LogCapture;
import io.github.redisjcache.testing.RedisServer;
import io.github.redisjcache.testing.RespClient;

/**
 * A password-protected server, reached with the credentials in the URI: the default user's password and an ACL
 * user; the password never shows in the settings' descriptions, in errors or in logs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DatabaseAuthenticationTest {

    private static final String DEFAULT_PASSWORD = "Default-Pa55";
    private static final String APP_PASSWORD = "App-Pa55-w0rd";

    private RedisServer server;

    @BeforeAll
    void startProtectedServer() {
        server = RedisServer.start("--requirepass", DEFAULT_PASSWORD,
                "--user", "app", "on", ">" + APP_PASSWORD, "~app:*", "+@all");
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @Test
    void theServerReallyRefusesClientsWithoutAPassword() {
        try (RespClient anonymous = server.client()) {
            assertThat(catchThrowable(() -> anonymous.call("GET", "k"))).hasMessageContaining("NOAUTH");
        }
    }

    @Test
    void theDefaultUsersPasswordInTheUriIsUsed() {
        try (Database db = Database.connect(ConnectionSettings.fromUri(
                "redis://:" + DEFAULT_PASSWORD + "@127.0.0.1:" + server.port() + "/0"))) {
            db.set("any:key", "v");

            assertThat(db.get("any:key")).isEqualTo("v");
        }
    }

    @Test
    void aLonePasswordInTheUriIsTheDefaultUsersPassword() {
        try (Database db = Database.connect(ConnectionSettings.fromUri(
                "redis://" + DEFAULT_PASSWORD + "@127.0.0.1:" + server.port()))) {
            db.set("lone", "v");

            assertThat(db.exists("lone")).isTrue();
        }
    }

    @Test
    void anAclUserAndItsPasswordInTheUriAreUsed() {
        try (Database db = Database.connect(ConnectionSettings.fromUri(
                "redis://app:" + APP_PASSWORD + "@127.0.0.1:" + server.port() + "/0"));
             RespClient admin = server.client()) {
            db.set("app:1", "as app");

            admin.auth(DEFAULT_PASSWORD);
            assertThat(admin.callString("GET", "app:1")).isEqualTo("as app");
            // The ACL user may only touch app:* keys: proof that Redis sees this connection as "app".
            assertThat(catchThrowable(() -> db.set("other:1", "v"))).isInstanceOf(DatabaseException.class)
                    .hasMessageContaining("NOPERM");
        }
    }

    @Test
    void aWrongPasswordFailsWithoutShowingIt() {
        String wrong = "Wrong-Pa55-1234";
        try (LogCapture log = LogCapture.everything()) {
            Throwable failure = catchThrowable(() -> Database.connect(ConnectionSettings.fromUri(
                    "redis://app:" + wrong + "@127.0.0.1:" + server.port() + "?connect-timeout=1s&timeout=1s")));

            assertThat(failure).isNotNull();
            for (Throwable t = failure; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage())).doesNotContain(wrong);
            }
            assertThat(log.allText()).doesNotContain(wrong);
        }
    }

    @Test
    void theSettingsNeverShowThePassword() {
        ConnectionSettings settings = ConnectionSettings.fromUri(
                "redis://app:" + APP_PASSWORD + "@127.0.0.1:" + server.port() + "/0");

        assertThat(settings.password()).isEqualTo(APP_PASSWORD);
        assertThat(settings.username()).isEqualTo("app");
        assertThat(settings.toString()).doesNotContain(APP_PASSWORD).contains("app@");
        assertThat(settings.describe()).doesNotContain(APP_PASSWORD)
                .isEqualTo("redis://app@127.0.0.1:" + server.port() + "/0");
    }

    @Test
    void connectingLogsTheTargetWithoutThePassword() {
        try (LogCapture log = LogCapture.everything();
             Database db = Database.connect(ConnectionSettings.fromUri(
                     "redis://app:" + APP_PASSWORD + "@127.0.0.1:" + server.port() + "/0"))) {
            db.exists("app:x");

            assertThat(log.allText()).contains("Connected to redis://app@127.0.0.1:" + server.port())
                    .doesNotContain(APP_PASSWORD);
        }
    }
}
