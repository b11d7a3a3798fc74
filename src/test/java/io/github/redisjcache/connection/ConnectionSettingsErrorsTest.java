package io.github.redisjcache.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

/** A bad setting is refused with a message that names the setting and the reason, and never shows a password. */
class ConnectionSettingsErrorsTest {

    private static InvalidSettingException refused(String uri) {
        InvalidSettingException failure = catchThrowableOfType(InvalidSettingException.class,
                () -> ConnectionSettings.fromUri(uri));
        assertThat(failure).as("refusal of %s", uri).isNotNull();
        return failure;
    }

    @Test
    void anUnknownSchemeIsRefusedNamingTheAcceptedOnes() {
        InvalidSettingException failure = refused("http://h:6390");

        assertThat(failure.setting()).isEqualTo("connection.uri");
        assertThat(failure).hasMessageContaining("'connection.uri'").hasMessageContaining("redis://")
                .hasMessageContaining("redis-cluster://").hasMessageContaining("http://h:6390");
    }

    @Test
    void aUriWithoutSchemeIsRefused() {
        assertThat(refused("127.0.0.1:6390").setting()).isEqualTo("connection.uri");
    }

    @Test
    void anUnknownSchemeDoesNotShowThePasswordItCarries() {
        InvalidSettingException failure = refused("http://app:Hunter2@h:6390");

        assertThat(failure).hasMessageContaining("app:***@h").hasMessageNotContaining("Hunter2");
    }

    @Test
    void aMissingOrBlankUriIsRefused() {
        assertThat(refused("").getMessage()).contains("a Redis URI is required");
        assertThat(refused("   ").setting()).isEqualTo("connection.uri");
        assertThat(catchThrowableOfType(InvalidSettingException.class, () -> ConnectionSettings.fromUri(null)))
                .hasMessageContaining("connection.uri");
    }

    @Test
    void aPortOutOfRangeIsRefused() {
        InvalidSettingException failure = refused("redis://h:99999");

        assertThat(failure.setting()).isEqualTo("connection.uri (port)");
        assertThat(failure).hasMessageContaining("between 1 and 65535").hasMessageContaining("99999");
    }

    @Test
    void aPortThatIsNoNumberIsRefused() {
        assertThat(refused("redis://h:http")).hasMessageContaining("expected a whole number")
                .hasMessageContaining("'http'");
        assertThat(refused("redis://h:0")).hasMessageContaining("between 1 and 65535");
    }

    @Test
    void aBadPortDoesNotShowThePassword() {
        assertThat(refused("redis://u:Hunter2@h:99999")).hasMessageNotContaining("Hunter2");
    }

    @Test
    void aDatabaseThatIsNoNumberIsRefused() {
        InvalidSettingException failure = refused("redis://h:1/orders");

        assertThat(failure.setting()).isEqualTo("connection.uri (database)");
        assertThat(failure).hasMessageContaining("whole number");
    }

    @Test
    void severalHostsWithAPlainRedisUriAreRefused() {
        assertThat(refused("redis://a:1,b:2")).hasMessageContaining("redis:// takes one host")
                .hasMessageContaining("redis-cluster://").hasMessageContaining("redis-sentinel://");
    }

    @Test
    void aUriWithoutHostIsRefused() {
        assertThat(refused("redis://")).hasMessageContaining("names no host");
        assertThat(refused("redis://u:p@/0")).hasMessageContaining("names no host");
        assertThat(refused("redis-cluster://a:1,,b:2")).hasMessageContaining("empty host");
    }

    @Test
    void anUnclosedIpv6AddressIsRefused() {
        assertThat(refused("redis://[::1:6390")).hasMessageContaining("unclosed IPv6");
    }

    @Test
    void anIpv6AddressWithoutBracketsIsRefusedRatherThanMisreadAsHostAndPort() {
        assertThat(refused("redis://::1")).hasMessageContaining("IPv6 address needs brackets");
        assertThat(refused("redis://fe80::1:6390")).hasMessageContaining("[::1]:" + ConnectionSettings.DEFAULT_PORT);
    }

    @Test
    void somethingOtherThanAPortAfterAnIpv6AddressIsRefused() {
        assertThat(refused("redis://[::1]6380")).hasMessageContaining("expected :port after the IPv6 address");
        assertThat(refused("redis://[::1]:")).hasMessageContaining("a value is required");
    }

    @Test
    void aSentinelUriWithoutMasterNameIsRefused() {
        InvalidSettingException failure = refused("redis-sentinel://s1:26390,s2:26390/0");

        assertThat(failure.setting()).isEqualTo("connection.sentinel-master");
        assertThat(failure).hasMessageContaining("master's name").hasMessageContaining("#mymaster");
    }

    @Test
    void aMasterNameOnANonSentinelUriIsRefused() {
        assertThat(refused("redis://h:1#master")).hasMessageContaining("only redis-sentinel://");
    }

    @Test
    void aClusterWithADatabaseOtherThanZeroIsRefused() {
        InvalidSettingException failure = refused("redis-cluster://a:1,b:2/1");

        assertThat(failure.setting()).isEqualTo("connection.database");
        assertThat(failure).hasMessageContaining("only database 0");
    }

    @Test
    void minIdleAbovePoolSizeIsRefused() {
        InvalidSettingException failure = refused("redis://h?pool-size=2&min-idle=3");

        assertThat(failure.setting()).isEqualTo("connection.min-idle");
        assertThat(failure).hasMessageContaining("must not exceed pool-size (2), was 3");
    }

    @Test
    void anUnknownQuerySettingIsRefusedListingTheKnownOnes() {
        InvalidSettingException failure = refused("redis://h?colour=blue");

        assertThat(failure.setting()).isEqualTo("connection.colour");
        assertThat(failure).hasMessageContaining("unknown setting").hasMessageContaining("pool-size")
                .hasMessageContaining("timeout");
    }

    @Test
    void aQueryParameterWithoutValueIsRefused() {
        assertThat(refused("redis://h?timeout")).hasMessageContaining("needs a name and a value");
    }

    @Test
    void aPasswordInTheQueryIsRefusedWithoutRepeatingIt() {
        InvalidSettingException failure = refused("redis://h?password=Hunter2");

        assertThat(failure).hasMessageContaining("user:password@host").hasMessageNotContaining("Hunter2");
        assertThat(refused("redis://h?username=app")).hasMessageContaining("user:password@host");
    }

    @Test
    void aPasswordWithARawQuestionMarkOrHashIsRefusedWithoutShowingAnyOfIt() {
        for (String uri : new String[] {"redis://app:Hun?ter2@h:6390", "redis://app:Hun#ter2@h:6390",
            "redis-sentinel://app:Hun#ter2@h:1#master", "redis://Hun?ter2@h"}) {
            InvalidSettingException failure = refused(uri);

            assertThat(failure).as(uri).hasMessageContaining("percent-encode")
                    .hasMessageNotContaining("Hun").hasMessageNotContaining("ter2");
        }
    }

    @Test
    void aPercentEncodedQuestionMarkOrHashInThePasswordIsRead() {
        assertThat(ConnectionSettings.fromUri("redis://app:Hun%3Fter%232@h:6390?timeout=1s").password())
                .isEqualTo("Hun?ter#2");
    }

    @Test
    void aBadValueInTheQueryNamesItsSetting() {
        assertThat(refused("redis://h?timeout=soon").setting()).isEqualTo("connection.timeout");
        assertThat(refused("redis://h?timeout=soon")).hasMessageContaining("expected a duration");
        assertThat(refused("redis://h?pool-size=0").setting()).isEqualTo("connection.pool-size");
        assertThat(refused("redis://h?tls=yes")).hasMessageContaining("expected true or false");
        assertThat(refused("redis://h?read-from=nearest").setting()).isEqualTo("connection.read-from");
        assertThat(refused("redis://h?retry-attempts=-1")).hasMessageContaining("between 0 and 100");
    }

    @Test
    void zeroTimeoutsAreRefused() {
        assertThat(refused("redis://h?timeout=0").setting()).isEqualTo("connection.timeout");
        assertThat(refused("redis://h?connect-timeout=0s").setting()).isEqualTo("connection.connect-timeout");
    }

    @Test
    void aTimeoutTooLongForRedissonIsRefused() {
        assertThat(refused("redis://h?timeout=30d")).hasMessageContaining("must be at most");
    }

    @Test
    void badPercentEncodingIsRefused() {
        assertThat(refused("redis://u:%zz@h")).hasMessageContaining("percent-encoding");
    }

    @Test
    void aTrustStoreWithoutTlsIsRefused() {
        InvalidSettingException failure = refused("redis://h?tls.truststore=file:/etc/trust.jks");

        assertThat(failure.setting()).isEqualTo("connection.tls.truststore");
        assertThat(failure).hasMessageContaining("needs TLS");
    }

    @Test
    void settingsWithoutAddressAreRefused() {
        InvalidSettingException failure = catchThrowableOfType(InvalidSettingException.class,
                () -> ConnectionSettings.builder().build());

        assertThat(failure.setting()).isEqualTo("connection.uri");
        assertThat(failure).hasMessageContaining("no Redis address");
    }
}
