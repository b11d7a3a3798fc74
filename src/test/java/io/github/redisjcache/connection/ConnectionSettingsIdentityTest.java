package io.github.redisjcache.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/**
 * Settings are compared by value, because the connection registry shares one client per distinct settings value;
 * and their text forms, which end up in logs, never show a secret.
 */
class ConnectionSettingsIdentityTest {

    private static final String URI = "redis://app:Hunter2@h:6390/1?timeout=2s&pool-size=8";

    @Test
    void settingsReadFromEqualUrisAreEqualWithEqualHashCodes() {
        ConnectionSettings first = ConnectionSettings.fromUri(URI);
        ConnectionSettings second = ConnectionSettings.fromUri(URI);

        assertThat(first).isEqualTo(second).isNotSameAs(second);
        assertThat(first.hashCode()).isEqualTo(second.hashCode());
    }

    @Test
    void theSameTargetWrittenDifferentlyIsEqual() {
        assertThat(ConnectionSettings.fromUri("redis://h"))
                .isEqualTo(ConnectionSettings.fromUri("REDIS://h:" + ConnectionSettings.DEFAULT_PORT + "/0"));
        assertThat(ConnectionSettings.fromUri("redis://h?timeout=3s"))
                .isEqualTo(ConnectionSettings.fromUri("redis://h?timeout=3000"));
    }

    @Test
    void anyDifferenceMakesSettingsUnequal() {
        ConnectionSettings base = ConnectionSettings.fromUri(URI);

        String[] others = {
            "redis://app:Other@h:6390/1?timeout=2s&pool-size=8",
            "redis://bob:Hunter2@h:6390/1?timeout=2s&pool-size=8",
            "redis://app:Hunter2@h:6390/2?timeout=2s&pool-size=8",
            "redis://app:Hunter2@h:6380/1?timeout=2s&pool-size=8",
            "rediss://app:Hunter2@h:6390/1?timeout=2s&pool-size=8",
            "redis://app:Hunter2@h:6390/1?timeout=1s&pool-size=8",
            "redis://app:Hunter2@h:6390/1?timeout=2s&pool-size=7"};
        for (String other : others) {
            assertThat(base).as(other).isNotEqualTo(ConnectionSettings.fromUri(other));
        }
        assertThat(base).isNotEqualTo(base.toBuilder().readFrom(ReadFrom.REPLICA).build());
        assertThat(base).isNotEqualTo(base.toBuilder().waitForReplicas(1, Duration.ofSeconds(1)).build());
        assertThat(base).isNotEqualTo(base.toBuilder().nettyThreads(3).build());
    }

    @Test
    void aBuilderFromSettingsBuildsEqualSettings() {
        ConnectionSettings base = ConnectionSettings.fromUri(
                "redis-sentinel://u:p@s1:1,s2:2/4?sentinel-password=x&read-from=replica&wait-replicas=1#m");

        assertThat(base.toBuilder().build()).isEqualTo(base).hasSameHashCodeAs(base);
    }

    @Test
    void anExplicitSettingOverridesTheUriThatCameBefore() {
        ConnectionSettings settings = ConnectionSettings.builder().uri("redis://h?timeout=5s")
                .timeout(Duration.ofMillis(700)).build();

        assertThat(settings.timeout()).isEqualTo(Duration.ofMillis(700));
    }

    @Test
    void toStringAndDescribeNeverShowAnySecret() {
        ConnectionSettings settings = ConnectionSettings.builder()
                .uri("rediss-sentinel://app:Hunter2@s1:26390/0#mymaster")
                .set("sentinel-password", "SentinelSecret")
                .set("tls.truststore", "file:/etc/trust.jks")
                .set("tls.truststore-password", "TrustSecret")
                .set("tls.keystore", "file:/etc/key.jks")
                .set("tls.keystore-password", "KeySecret")
                .build();

        for (String text : new String[] {settings.toString(), settings.describe()}) {
            assertThat(text).doesNotContain("Hunter2", "SentinelSecret", "TrustSecret", "KeySecret");
        }
        assertThat(settings.toString()).contains("password=***").contains("app@s1:26390");
    }

    @Test
    void toStringSaysWhenThereIsNoPassword() {
        assertThat(ConnectionSettings.fromUri("redis://h").toString()).contains("password=none");
    }

    @Test
    void theDefaultsAreTheDocumentedOnes() {
        ConnectionSettings settings = ConnectionSettings.fromUri("redis://h");

        assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(settings.retryAttempts()).isEqualTo(2);
        assertThat(settings.retryInterval()).isEqualTo(Duration.ofMillis(500));
        assertThat(settings.poolSize()).isEqualTo(2);
        assertThat(settings.minIdle()).isEqualTo(1);
        assertThat(settings.readFrom()).isEqualTo(ReadFrom.MASTER);
        assertThat(settings.effectiveNettyThreads()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void theDefaultUriComesFromTheSystemPropertyFirst() {
        String previous = System.getProperty(ConnectionSettings.URI_PROPERTY);
        try {
            System.setProperty(ConnectionSettings.URI_PROPERTY, " redis://from-property:7000 ");

            assertThat(ConnectionSettings.defaultUri()).isEqualTo("redis://from-property:7000");
            assertThat(ConnectionSettings.defaults().addresses()).containsExactly("from-property:7000");
        } finally {
            if (previous == null) {
                System.clearProperty(ConnectionSettings.URI_PROPERTY);
            } else {
                System.setProperty(ConnectionSettings.URI_PROPERTY, previous);
            }
        }
    }
}
