package io.github.redisjcache.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.Properties;

import org.junit.jupiter.api.Test;

/** Settings read from properties, with and without a common prefix. */
class ConnectionSettingsSourcesTest {

    private static Properties properties(String... namesAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            properties.setProperty(namesAndValues[i], namesAndValues[i + 1]);
        }
        return properties;
    }

    @Test
    void propertiesUnderAPrefixAreReadAndOthersIgnored() {
        Properties properties = properties(
                "redisjcache.connection.uri", "redis://h:7000/2",
                "redisjcache.connection.timeout", "2s",
                "redisjcache.connection.pool-size", "8",
                "redisjcache.cache.orders.codec", "kryo",
                "unrelated", "value");

        ConnectionSettings settings = ConnectionSettings.fromProperties(properties, "redisjcache.connection.");

        assertThat(settings.addresses()).containsExactly("h:7000");
        assertThat(settings.database()).isEqualTo(2);
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.poolSize()).isEqualTo(8);
    }

    @Test
    void propertiesWithoutPrefixAreReadByTheirNames() {
        ConnectionSettings settings = ConnectionSettings.fromProperties(
                properties("uri", "redis-cluster://a:1,b:2", "read-from", "master-replica"), "");

        assertThat(settings.mode()).isEqualTo(ConnectionMode.CLUSTER);
        assertThat(settings.readFrom()).isEqualTo(ReadFrom.MASTER_REPLICA);
    }

    @Test
    void anExplicitPropertyOverridesWhatTheUriSaysWhateverTheOrder() {
        Properties properties = properties("p.timeout", "2s", "p.uri", "redis://h?timeout=9s", "p.password", "pw");

        ConnectionSettings settings = ConnectionSettings.fromProperties(properties, "p.");

        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.password()).isEqualTo("pw");
    }

    @Test
    void anUnknownPropertyUnderThePrefixIsRefusedByName() {
        InvalidSettingException failure = catchThrowableOfType(InvalidSettingException.class,
                () -> ConnectionSettings.fromProperties(properties("p.uri", "redis://h", "p.pool_size", "4"), "p."));

        assertThat(failure.setting()).isEqualTo("connection.pool_size");
        assertThat(failure).hasMessageContaining("unknown setting");
    }

    @Test
    void propertiesWithoutUriAreRefused() {
        InvalidSettingException failure = catchThrowableOfType(InvalidSettingException.class,
                () -> ConnectionSettings.fromProperties(properties("p.timeout", "1s"), "p."));

        assertThat(failure).hasMessageContaining("no Redis address");
    }

    @Test
    void aBadValueNamesTheSetting() {
        InvalidSettingException failure = catchThrowableOfType(InvalidSettingException.class,
                () -> ConnectionSettings.fromProperties(properties("p.uri", "redis://h", "p.min-idle", "many"), "p."));

        assertThat(failure.setting()).isEqualTo("connection.min-idle");
        assertThat(failure).hasMessageContaining("'many'");
    }
}
