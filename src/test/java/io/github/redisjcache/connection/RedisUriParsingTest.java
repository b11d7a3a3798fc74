package io.github.redisjcache.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Every accepted form of connection URI, and what each part of it becomes. */
class RedisUriParsingTest {

    @Test
    void aBareHostIsAStandaloneServerOnTheDefaultPortAndDatabaseZero() {
        ConnectionSettings settings = ConnectionSettings.fromUri("redis://cache.local");

        assertThat(settings.mode()).isEqualTo(ConnectionMode.STANDALONE);
        assertThat(settings.addresses()).containsExactly("cache.local:" + ConnectionSettings.DEFAULT_PORT);
        assertThat(settings.database()).isZero();
        assertThat(settings.tls()).isFalse();
        assertThat(settings.username()).isNull();
        assertThat(settings.password()).isNull();
    }

    @Test
    void portAndDatabaseAreRead() {
        ConnectionSettings settings = ConnectionSettings.fromUri("redis://10.0.0.5:6380/2");

        assertThat(settings.addresses()).containsExactly("10.0.0.5:6380");
        assertThat(settings.database()).isEqualTo(2);
    }

    @Test
    void aTrailingSlashWithoutDatabaseMeansDatabaseZero() {
        assertThat(ConnectionSettings.fromUri("redis://h:1/").database()).isZero();
    }

    @Test
    void redissMeansTls() {
        ConnectionSettings settings = ConnectionSettings.fromUri("rediss://secure.example:6380");

        assertThat(settings.tls()).isTrue();
        assertThat(settings.mode()).isEqualTo(ConnectionMode.STANDALONE);
        assertThat(settings.addresses()).containsExactly("secure.example:6380");
    }

    @Test
    void theSchemeIsCaseInsensitive() {
        assertThat(ConnectionSettings.fromUri("REDISS://h:1").tls()).isTrue();
    }

    @Test
    void userAndPasswordAreRead() {
        ConnectionSettings settings = ConnectionSettings.fromUri("redis://app:s3cret@h:6390/0");

        assertThat(settings.username()).isEqualTo("app");
        assertThat(settings.password()).isEqualTo("s3cret");
    }

    @Test
    void credentialsArePercentDecodedAndAPlusStaysAPlus() {
        ConnectionSettings settings = ConnectionSettings.fromUri("redis://us%3Aer:p%40ss+w%2Frd@h");

        assertThat(settings.username()).isEqualTo("us:er");
        assertThat(settings.password()).isEqualTo("p@ss+w/rd");
    }

    @Test
    void aPasswordWithAnAtSignSplitsAtTheLastAt() {
        assertThat(ConnectionSettings.fromUri("redis://u:a@b@h:1").password()).isEqualTo("a@b");
    }

    @Test
    void anEmptyUserNameMeansTheDefaultUser() {
        ConnectionSettings settings = ConnectionSettings.fromUri("redis://:s3cret@h");

        assertThat(settings.username()).isNull();
        assertThat(settings.password()).isEqualTo("s3cret");
    }

    @Test
    void aLoneTokenBeforeTheHostIsThePassword() {
        ConnectionSettings settings = ConnectionSettings.fromUri("redis://s3cret@h");

        assertThat(settings.username()).isNull();
        assertThat(settings.password()).isEqualTo("s3cret");
    }

    @Test
    void queryParametersAreConnectionSettings() {
        ConnectionSettings settings = ConnectionSettings.fromUri(
                "redis://h/1?timeout=2s&connect-timeout=750ms&pool-size=8&min-idle=2&retry-attempts=5"
                        + "&retry-interval=PT0.25S&ping-interval=0&client-name=orders&read-from=master");

        assertThat(settings.database()).isEqualTo(1);
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofMillis(750));
        assertThat(settings.poolSize()).isEqualTo(8);
        assertThat(settings.minIdle()).isEqualTo(2);
        assertThat(settings.retryAttempts()).isEqualTo(5);
        assertThat(settings.retryInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(settings.pingInterval()).isZero();
        assertThat(settings.clientName()).isEqualTo("orders");
        assertThat(settings.readFrom()).isEqualTo(ReadFrom.MASTER);
    }

    @Test
    void durationsAcceptEveryDocumentedUnit() {
        assertThat(ConnectionSettings.fromUri("redis://h?timeout=1500").timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(ConnectionSettings.fromUri("redis://h?timeout=3s").timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(ConnectionSettings.fromUri("redis://h?timeout=5m").timeout()).isEqualTo(Duration.ofMinutes(5));
        assertThat(ConnectionSettings.fromUri("redis://h?timeout=2h").timeout()).isEqualTo(Duration.ofHours(2));
        assertThat(ConnectionSettings.fromUri("redis://h?timeout=1d").timeout()).isEqualTo(Duration.ofDays(1));
        assertThat(ConnectionSettings.fromUri("redis://h?timeout=PT3S").timeout()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void anIpv6AddressKeepsItsBrackets() {
        assertThat(ConnectionSettings.fromUri("redis://[::1]:6380").addresses()).containsExactly("[::1]:6380");
        assertThat(ConnectionSettings.fromUri("redis://[::1]").addresses())
                .containsExactly("[::1]:" + ConnectionSettings.DEFAULT_PORT);
        assertThat(ConnectionSettings.fromUri("redis://u:p@[fe80::1]:7000/3").addresses())
                .containsExactly("[fe80::1]:7000");
    }

    @Test
    void aSentinelUriListsTheSentinelsTheDatabaseAndTheMaster() {
        ConnectionSettings settings = ConnectionSettings.fromUri("redis-sentinel://h1:1,h2:2/3#master");

        assertThat(settings.mode()).isEqualTo(ConnectionMode.SENTINEL);
        assertThat(settings.addresses()).containsExactly("h1:1", "h2:2");
        assertThat(settings.database()).isEqualTo(3);
        assertThat(settings.sentinelMaster()).isEqualTo("master");
        assertThat(settings.tls()).isFalse();
    }

    @Test
    void sentinelsWithoutAPortUseTheSentinelPort() {
        ConnectionSettings settings = ConnectionSettings.fromUri("rediss-sentinel://s1,s2:26380#my%20master");

        assertThat(settings.addresses()).containsExactly("s1:" + ConnectionSettings.DEFAULT_SENTINEL_PORT,
                "s2:26380");
        assertThat(settings.sentinelMaster()).isEqualTo("my master");
        assertThat(settings.tls()).isTrue();
    }

    @Test
    void aClusterUriListsItsSeedNodes() {
        ConnectionSettings settings = ConnectionSettings.fromUri("redis-cluster://a:1,b:2");

        assertThat(settings.mode()).isEqualTo(ConnectionMode.CLUSTER);
        assertThat(settings.addresses()).isEqualTo(List.of("a:1", "b:2"));
        assertThat(settings.database()).isZero();
    }

    @Test
    void aClusterUriTakesCredentialsTlsAndParameters() {
        ConnectionSettings settings = ConnectionSettings.fromUri("rediss-cluster://u:p@a:1, b:2/0?pool-size=2");

        assertThat(settings.tls()).isTrue();
        assertThat(settings.username()).isEqualTo("u");
        assertThat(settings.password()).isEqualTo("p");
        assertThat(settings.addresses()).containsExactly("a:1", "b:2");
        assertThat(settings.poolSize()).isEqualTo(2);
    }

    @Test
    void surroundingWhitespaceIsIgnored() {
        assertThat(ConnectionSettings.fromUri("  redis://h:1  ").addresses()).containsExactly("h:1");
    }

    @Test
    void describeShowsTheTargetInUriForm() {
        assertThat(ConnectionSettings.fromUri("redis://u:p@h:1/2").describe()).isEqualTo("redis://u@h:1/2");
        assertThat(ConnectionSettings.fromUri("redis-sentinel://h1:1,h2:2/3#master").describe())
                .isEqualTo("redis-sentinel://h1:1,h2:2/3#master");
        assertThat(ConnectionSettings.fromUri("rediss-cluster://a:1,b:2").describe())
                .isEqualTo("rediss-cluster://a:1,b:2");
    }
}
