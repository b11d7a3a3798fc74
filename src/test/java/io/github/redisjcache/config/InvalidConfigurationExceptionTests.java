package io.github.redisjcache.config;

import static org.assertj.core.api.Assertions.assertThat;

import javax.cache.CacheException;

import org.junit.jupiter.api.Test;

import io.github.redisjcache.connection.InvalidSettingException;

class InvalidConfigurationExceptionTests {

    @Test
    void theMessageNamesTheSourceTheKeyAndTheReason() {
        InvalidConfigurationException error = new InvalidConfigurationException("file:/etc/cache.yaml",
                "caches.users.expiry.polcy", "unknown setting; known expiry settings are policy, duration");

        assertThat(error).isInstanceOf(CacheException.class);
        assertThat(error.getMessage()).isEqualTo("Invalid redis-jcache configuration in file:/etc/cache.yaml at "
                + "'caches.users.expiry.polcy': unknown setting; known expiry settings are policy, duration");
        assertThat(error.source()).isEqualTo("file:/etc/cache.yaml");
        assertThat(error.key()).isEqualTo("caches.users.expiry.polcy");
    }

    @Test
    void aProblemOfTheWholeSourceHasNoKey() {
        InvalidConfigurationException error = new InvalidConfigurationException("http://x/y.yaml", null, "refused");

        assertThat(error.getMessage()).isEqualTo("Invalid redis-jcache configuration in http://x/y.yaml: refused");
    }

    @Test
    void aRefusedSettingIsKeptAsCauseAndNotNamedTwice() {
        InvalidSettingException refused = new InvalidSettingException("connection.timeout", "expected a duration");

        InvalidConfigurationException error = InvalidConfigurationException.of("file:/c.yaml", refused);

        assertThat(error.getCause()).isSameAs(refused);
        assertThat(error.key()).isEqualTo("connection.timeout");
        assertThat(error.reason()).isEqualTo("expected a duration");
        assertThat(error.getMessage())
                .isEqualTo("Invalid redis-jcache configuration in file:/c.yaml at 'connection.timeout': "
                        + "expected a duration");
    }
}
