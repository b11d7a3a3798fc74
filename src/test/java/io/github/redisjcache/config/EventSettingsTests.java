package io.github.redisjcache.config;

import static io.github.redisjcache.config.TestConfigurations.DEFAULT_URI;
import static io.github.redisjcache.config.TestConfigurations.load;
import static io.github.redisjcache.config.TestConfigurations.loadYaml;
import static io.github.redisjcache.config.TestConfigurations.properties;
import static io.github.redisjcache.config.TestConfigurations.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code events} section and {@code events.*} properties: the timing of listener leases and expiry reports. */
class EventSettingsTests {

    @TempDir
    Path directory;

    @Test
    void nothingConfiguredMeansTheDefaults() {
        EventSettings events = load(DEFAULT_URI).events();

        assertThat(events.listenerLease()).isEqualTo(Duration.ofSeconds(15));
        assertThat(events.expiryGrace()).isEqualTo(Duration.ofSeconds(60));
        assertThat(events.expirySweep()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void theFileSetsThemAndUnsetOnesKeepTheirDefaults() {
        EventSettings events = loadYaml(directory, "events:\n  listener-lease: 30s\n  expiry-sweep: 500ms\n")
                .events();

        assertThat(events.listenerLease()).isEqualTo(Duration.ofSeconds(30));
        assertThat(events.expiryGrace()).isEqualTo(Duration.ofSeconds(60));
        assertThat(events.expirySweep()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void propertiesWinOverTheFile() {
        Path file = write(directory, "events:\n  expiry-grace: 2m\n  expiry-sweep: 5s\n");

        EventSettings events = load(file.toUri(), properties("events.expiry-grace", "PT90S")).events();

        assertThat(events.expiryGrace()).isEqualTo(Duration.ofSeconds(90));
        assertThat(events.expirySweep()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void anUnknownSettingInTheFileIsRefusedNamingItAndTheKnownOnes() {
        InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class,
                () -> loadYaml(directory, "events:\n  lease: 30s\n"));

        assertThat(error.key()).isEqualTo("events.lease");
        assertThat(error.getMessage()).contains("listener-lease, expiry-grace, expiry-sweep");
    }

    @Test
    void anUnknownPropertyIsRefusedNamingIt() {
        InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class,
                () -> load(DEFAULT_URI, properties("events.sweep", "1s")));

        assertThat(error.key()).isEqualTo("events.sweep");
        assertThat(error.getMessage()).contains("cache manager properties");
    }

    @ParameterizedTest
    @CsvSource({
        "listener-lease, 500ms, between 1s and 3600s",
        "listener-lease, 2h, between 1s and 3600s",
        "expiry-grace, 0, between 1s and 604800s",
        "expiry-sweep, 50ms, between 100ms and 3600s",
        "expiry-sweep, soon, expected a duration"
    })
    void aValueOutOfBoundsOrUnreadableIsRefusedNamingTheFileAndTheKey(String name, String value, String reason) {
        Path file = write(directory, "events:\n  " + name + ": " + value + "\n");

        InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class,
                () -> load(file.toUri()));

        assertThat(error.key()).isEqualTo("events." + name);
        assertThat(error.getMessage()).contains(file.getFileName().toString()).contains(reason);
    }

    @Test
    void aBadPropertyOverAGoodFileBlamesTheProperty() {
        Path file = write(directory, "events:\n  expiry-sweep: 1s\n");

        InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class,
                () -> load(file.toUri(), properties("events.expiry-sweep", "1ms")));

        assertThat(error.key()).isEqualTo("events.expiry-sweep");
        assertThat(error.getMessage()).contains("cache manager properties").doesNotContain(file.getFileName()
                .toString());
    }
}
