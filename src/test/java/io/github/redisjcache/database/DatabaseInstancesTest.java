package io.github.redisjcache.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.redisjcache.connection.ConnectionRegistry;
import io.github.redisjcache.connection.ConnectionSettings;
import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.RespClient;
import io.github.redisjcache.testing.TestRedis;

/**
 * The seed's singleton and the connections behind it: the default instance follows the default settings, equal
 * settings share one connection, and a connection lives exactly as long as someone holds it.
 */
@RedisTest
class DatabaseInstancesTest {

    /** Connections other test classes left open (cache managers) are not this class's to count. */
    private int before;

    /** The test Redis under settings of this class's own, so no other user shares its connection. */
    private static String uri() {
        return TestRedis.get().uri() + "?client-name=database-instances-test";
    }

    @BeforeAll
    static void forgetEarlierDefaultInstances() {
        Database.closeAll();
    }

    @BeforeEach
    void countConnections() {
        before = ConnectionRegistry.openConnections();
    }

    @AfterEach
    void reset() {
        System.clearProperty(ConnectionSettings.URI_PROPERTY);
        Database.closeAll();
    }

    @Test
    void nothingConnectsBeforeTheFirstUse() {
        System.setProperty(ConnectionSettings.URI_PROPERTY, uri());
        assertThat(ConnectionRegistry.openConnections()).isEqualTo(before);

        Database.getInstance();

        assertThat(ConnectionRegistry.openConnections()).isEqualTo(before + 1);
    }

    @Test
    void getInstanceUsesTheUriOfTheSystemProperty(RespClient redis) {
        System.setProperty(ConnectionSettings.URI_PROPERTY, uri());

        Database db = Database.getInstance();
        db.set("via-default", "yes");

        assertThat(redis.callString("GET", "via-default")).isEqualTo("yes");
        assertThat(db.connection().settings()).isEqualTo(ConnectionSettings.fromUri(uri()));
        assertThat(redis.callString("CLIENT", "LIST")).contains("name=database-instances-test");
    }

    @Test
    void getInstanceReturnsTheSameInstanceUntilCloseAll() {
        System.setProperty(ConnectionSettings.URI_PROPERTY, uri());

        Database first = Database.getInstance();
        assertThat(Database.getInstance()).isSameAs(first);

        Database.closeAll();

        Database second = Database.getInstance();
        assertThat(second).isNotSameAs(first);
        second.set("k", "after reset");
        assertThat(second.get("k")).isEqualTo("after reset");
    }

    @Test
    void closingTheDefaultInstanceKeepsItUsable() {
        System.setProperty(ConnectionSettings.URI_PROPERTY, uri());
        Database db = Database.getInstance();

        db.close();

        assertThat(ConnectionRegistry.openConnections()).isEqualTo(before + 1);
        db.set("k", "v");
        assertThat(Database.getInstance().get("k")).isEqualTo("v");
    }

    @Test
    void equalSettingsShareOneConnection() {
        Database first = Database.connect(ConnectionSettings.fromUri(uri()));
        Database second = Database.connect(ConnectionSettings.fromUri(uri()));

        assertThat(ConnectionRegistry.openConnections()).isEqualTo(before + 1);
        assertThat(second.connection()).isSameAs(first.connection());
        first.close();
        second.close();
    }

    @Test
    void differentSettingsGetTheirOwnConnection() {
        Database first = Database.connect(ConnectionSettings.fromUri(uri()));
        Database second = Database.connect(ConnectionSettings.fromUri(uri() + "&timeout=2s"));

        assertThat(ConnectionRegistry.openConnections()).isEqualTo(before + 2);
        assertThat(second.connection()).isNotSameAs(first.connection());
        first.close();
        second.close();
    }

    @Test
    void theConnectionClosesWhenItsLastUserCloses() {
        ConnectionSettings settings = ConnectionSettings.fromUri(uri());
        Database first = Database.connect(settings);
        Database second = Database.connect(settings);

        first.close();
        assertThat(ConnectionRegistry.openConnections()).isEqualTo(before + 1);
        assertThat(second.connection().isShutdown()).isFalse();
        second.set("still", "open");

        second.close();
        assertThat(ConnectionRegistry.openConnections()).isEqualTo(before);
        assertThat(second.connection().isShutdown()).isTrue();
    }

    @Test
    void closingAnInstanceTwiceReleasesItsClaimOnce() {
        ConnectionSettings settings = ConnectionSettings.fromUri(uri());
        Database first = Database.connect(settings);
        Database second = Database.connect(settings);

        first.close();
        first.close();

        assertThat(ConnectionRegistry.openConnections()).isEqualTo(before + 1);
        assertThat(second.exists("anything")).isFalse();
        second.close();
    }

    @Test
    void aNewInstanceAfterTheLastCloseConnectsAnew() {
        ConnectionSettings settings = ConnectionSettings.fromUri(uri());
        Database first = Database.connect(settings);
        first.close();

        try (Database again = Database.connect(settings)) {
            assertThat(again.connection()).isNotSameAs(first.connection());
            again.setWithExpiry("k", "v", Duration.ofSeconds(5));
            assertThat(again.exists("k")).isTrue();
        }
    }
}
