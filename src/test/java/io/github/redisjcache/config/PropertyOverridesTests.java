package io.github.redisjcache.config;

import static io.github.redisjcache.config.TestConfigurations.DEFAULT_URI;
import static io.github.redisjcache.config.TestConfigurations.load;
import static io.github.redisjcache.config.TestConfigurations.properties;
import static io.github.redisjcache.config.TestConfigurations.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.redisjcache.connection.ConnectionSettings;
import io.github.redisjcache.connection.InvalidSettingException;

class PropertyOverridesTests {

    private static final String FILE = String.join("\n",
            "connection:",
            "  uri: redis://from-file:6390",
            "  timeout: 3s",
            "  pool-size: 4",
            "defaults:",
            "  codec: json",
            "  statistics: true",
            "  allowed-packages: [com.file]",
            "  expiry: { policy: modified, duration: 10m }",
            "caches:",
            "  users:",
            "    codec: com.example.UsersCodecFactory",
            "");

    @TempDir
    Path directory;

    @Test
    void connectionPropertiesWinOverTheFile() {
        ManagerConfiguration configuration = load(write(directory, FILE).toUri(),
                properties("connection.timeout", "5s", "connection.uri", "redis://from-properties:6380"));

        ConnectionSettings connection = configuration.connection();
        assertThat(connection.describe()).isEqualTo("redis://from-properties:6380/0");
        assertThat(connection.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(connection.poolSize()).isEqualTo(4);
    }

    @Test
    void nestedConnectionPropertiesUseDottedNames() {
        ManagerConfiguration configuration = load(DEFAULT_URI, properties("connection.uri", "rediss://h:6380",
                "connection.tls.truststore", "file:/trust.p12", "connection.tls.verify-hostname", "false"));

        assertThat(configuration.connection().truststore()).isEqualTo("file:/trust.p12");
        assertThat(configuration.connection().verifyHostname()).isFalse();
    }

    @Test
    void defaultsPropertiesWinOverTheFileDefaults() {
        ManagerConfiguration configuration = load(write(directory, FILE).toUri(), properties(
                "defaults.codec", "kryo",
                "defaults.expiry.policy", "created",
                "defaults.expiry.duration", "5m",
                "defaults.allowed-packages", "com.a,com.b",
                "defaults.compression-threshold", "512"));

        CacheTemplate template = configuration.templateFor("orders");
        assertThat(template.codec()).contains("kryo");
        assertThat(template.expiry()).contains(ExpirySetting.of(ExpiryKind.CREATED, Duration.ofMinutes(5)));
        assertThat(template.allowedPackages()).contains(Set.of("com.a", "com.b"));
        assertThat(template.compressionThreshold()).contains(512);
        assertThat(template.statistics()).as("untouched file default").contains(true);
    }

    @Test
    void aCacheTemplateStillWinsOverDefaultsProperties() {
        ManagerConfiguration configuration = load(write(directory, FILE).toUri(), properties("defaults.codec", "kryo"));

        assertThat(configuration.templateFor("users").codec()).contains("com.example.UsersCodecFactory");
        assertThat(configuration.templateFor("orders").codec()).contains("kryo");
    }

    @Test
    void propertiesApplyToARedisUriAndToTheDefaultUri() {
        Properties properties = properties("connection.pool-size", "9", "defaults.codec", "kryo");

        ManagerConfiguration redis = load(URI.create("redis://h:6390"), properties);
        ManagerConfiguration defaults = load(DEFAULT_URI, properties);

        assertThat(redis.connection()).isEqualTo(ConnectionSettings.fromUri("redis://h:6390?pool-size=9"));
        assertThat(defaults.connection())
                .isEqualTo(ConnectionSettings.defaults().toBuilder().poolSize(9).build());
        assertThat(redis.templateFor("x").codec()).contains("kryo");
        assertThat(defaults.templateFor("x").codec()).contains("kryo");
    }

    @Test
    void aConnectionUriPropertyReplacesTheDefaultUri() {
        ManagerConfiguration configuration = load(DEFAULT_URI, properties("connection.uri", "redis://other:7000"));

        assertThat(configuration.connection()).isEqualTo(ConnectionSettings.fromUri("redis://other:7000"));
    }

    @Test
    void unrelatedPropertiesAreIgnored() {
        ManagerConfiguration configuration = load(DEFAULT_URI, properties(
                "hibernate.cache.use_second_level_cache", "true",
                "spring.cache.jcache.config", "classpath:x.yaml",
                "connection", "not a prefix",
                "defaults", "not a prefix",
                "connectionTimeout", "5",
                "defaultsCodec", "kryo"));

        assertThat(configuration.connection()).isEqualTo(ConnectionSettings.defaults());
        assertThat(configuration.templateFor("x")).isEqualTo(CacheTemplate.empty());
    }

    @Test
    void anUnknownDefaultsPropertyIsRefusedNamingIt() {
        InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class,
                () -> load(DEFAULT_URI, properties("defaults.foo", "bar")));

        assertThat(error.source()).isEqualTo("cache manager properties");
        assertThat(error.key()).isEqualTo("defaults.foo");
        assertThat(error.reason()).contains("unknown setting").contains("codec, allowed-packages");
    }

    @Test
    void anUnknownDefaultsSubPropertyIsRefusedNamingIt() {
        InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class,
                () -> load(DEFAULT_URI, properties("defaults.expiry.polcy", "created")));

        assertThat(error.key()).isEqualTo("defaults.expiry.polcy");
        assertThat(error.reason()).contains("policy, duration");
    }

    @Test
    void anUnknownConnectionPropertyIsRefusedNamingIt() {
        InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class,
                () -> load(DEFAULT_URI, properties("connection.timout", "5s")));

        assertThat(error.source()).isEqualTo("cache manager properties");
        assertThat(error.key()).isEqualTo("connection.timout");
        assertThat(error.getCause()).isInstanceOf(InvalidSettingException.class);
    }

    @Test
    void aBadPropertyValueOverAGoodFileBlamesTheProperty() {
        Path file = write(directory, FILE);

        InvalidConfigurationException connection = catchThrowableOfType(InvalidConfigurationException.class,
                () -> load(file.toUri(), properties("connection.pool-size", "1", "connection.min-idle", "2")));
        InvalidConfigurationException defaults = catchThrowableOfType(InvalidConfigurationException.class,
                () -> load(file.toUri(), properties("defaults.compression-threshold", "-5")));

        assertThat(connection.source()).isEqualTo("cache manager properties");
        assertThat(connection.key()).isEqualTo("connection.min-idle");
        assertThat(defaults.source()).isEqualTo("cache manager properties");
        assertThat(defaults.key()).isEqualTo("defaults.compression-threshold");
        assertThat(defaults.getCause()).isInstanceOf(InvalidSettingException.class);
    }

    @Test
    void anExpiryPropertyReplacesTheWholeExpiry() {
        InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class,
                () -> load(write(directory, FILE).toUri(), properties("defaults.expiry.duration", "5m")));

        assertThat(error.key()).isEqualTo("defaults.expiry.policy");
        assertThat(error.reason()).contains("required");
    }

    @Test
    void anEternalExpiryPropertyNeedsNoDuration() {
        ManagerConfiguration configuration = load(write(directory, FILE).toUri(),
                properties("defaults.expiry.policy", "eternal"));

        assertThat(configuration.templateFor("orders").expiry()).contains(ExpirySetting.eternal());
    }

    @Test
    void contradictingPropertiesAreRefused() {
        InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class,
                () -> load(DEFAULT_URI, properties("defaults.expiry", "5m", "defaults.expiry.policy", "created")));

        assertThat(error.key()).isEqualTo("defaults.expiry.policy");
        assertThat(error.reason()).contains("conflicts with property defaults.expiry");
    }

    @Test
    void anEmptyAllowedPackagesPropertyAllowsNoPackage() {
        ManagerConfiguration configuration = load(write(directory, FILE).toUri(),
                properties("defaults.allowed-packages", ""));

        assertThat(configuration.templateFor("orders").allowedPackages()).contains(Set.of());
    }

    @Test
    void aLoaderPropertyIsCheckedWithTheClassLoader() {
        ManagerConfiguration configuration = load(DEFAULT_URI,
                properties("defaults.loader", Fixtures.NamedLoader.class.getName()));
        InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class,
                () -> load(DEFAULT_URI, properties("defaults.loader", "com.example.Missing")));

        assertThat(configuration.templateFor("x").loader()).isPresent();
        assertThat(error.key()).isEqualTo("defaults.loader");
    }

    @Test
    void propertiesWithNonTextValuesCountToo() {
        Properties properties = new Properties();
        properties.put("defaults.compression-threshold", 512);
        properties.put("defaults.statistics", Boolean.TRUE);
        properties.put("connection.pool-size", 7);

        ManagerConfiguration configuration = load(DEFAULT_URI, properties);

        assertThat(configuration.templateFor("x").compressionThreshold()).contains(512);
        assertThat(configuration.templateFor("x").statistics()).contains(true);
        assertThat(configuration.connection().poolSize()).isEqualTo(7);
    }

    @Test
    void propertyDefaultsOfAPropertiesObjectCount() {
        Properties defaults = properties("defaults.codec", "kryo");
        Properties properties = new Properties(defaults);

        assertThat(load(DEFAULT_URI, properties).templateFor("x").codec()).contains("kryo");
    }
}
