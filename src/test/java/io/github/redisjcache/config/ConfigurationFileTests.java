package io.github.redisjcache.config;

import static io.github.redisjcache.config.TestConfigurations.load;
import static io.github.redisjcache.config.TestConfigurations.loadYaml;
import static io.github.redisjcache.config.TestConfigurations.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.redisjcache.connection.ConnectionMode;
import io.github.redisjcache.connection.ConnectionSettings;
import io.github.redisjcache.connection.InvalidSettingException;

class ConfigurationFileTests {

    @TempDir
    Path directory;

    @Test
    void readsEverySectionOfAFullFile() {
        ManagerConfiguration configuration = load(URI.create("classpath:config/full.yaml"));

        ConnectionSettings connection = configuration.connection();
        assertThat(connection.describe()).isEqualTo("rediss://cache.example.com:6380/1");
        assertThat(connection.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(connection.poolSize()).isEqualTo(8);
        assertThat(connection.clientName()).isEqualTo("app");
        assertThat(connection.truststore()).isEqualTo("classpath:truststore.p12");
        assertThat(connection.verifyHostname()).isFalse();

        CacheTemplate users = configuration.templateFor("users");
        assertThat(users.codec()).contains("json");
        assertThat(users.allowedPackages()).contains(Set.of("com.example.model"));
        assertThat(users.compressionThreshold()).contains(1024);
        assertThat(users.expiry()).contains(ExpirySetting.of(ExpiryKind.MODIFIED, Duration.ofMinutes(10)));
        assertThat(users.keyPrefix()).contains("app-users");
        assertThat(users.loader().map(ClassSetting::className)).contains(Fixtures.NamedLoader.class.getName());
        assertThat(users.writer().map(ClassSetting::className))
                .contains(Fixtures.CountingWriterFactory.class.getName());
        assertThat(users.statistics()).contains(false);
        assertThat(users.management()).isEmpty();

        CacheTemplate hibernate = configuration.templateFor("hibernate.region.users");
        assertThat(hibernate.codec()).contains("kryo");
        assertThat(hibernate.allowedPackages()).contains(Set.of("org.hibernate.cache", "com.example.domain"));
        assertThat(hibernate.keyType().map(ClassSetting::className)).contains("java.lang.String");
        assertThat(hibernate.valueType().map(ClassSetting::className)).contains("java.io.Serializable");
        assertThat(hibernate.compressionThreshold()).contains(1024);

        CacheTemplate other = configuration.templateFor("orders");
        assertThat(other.statistics()).contains(true);
        assertThat(other.management()).contains(true);
        assertThat(other.readThrough()).contains(true);
        assertThat(other.writeThrough()).contains(false);
        assertThat(other.codec()).contains("json");
    }

    @Test
    void anEmptyFileMeansTheDefaultConnectionAndNoCacheSettings() {
        ManagerConfiguration configuration = loadYaml(directory, "# nothing configured\n");

        assertThat(configuration.connection()).isEqualTo(ConnectionSettings.defaults());
        assertThat(configuration.templateFor("any")).isEqualTo(CacheTemplate.empty());
        assertThat(configuration.file()).isPresent();
    }

    @Test
    void emptySectionsAreAllowed() {
        ManagerConfiguration configuration = loadYaml(directory, "connection:\ndefaults:\ncaches:\n  users:\n");

        assertThat(configuration.connection()).isEqualTo(ConnectionSettings.defaults());
        assertThat(configuration.templateFor("users")).isEqualTo(CacheTemplate.empty());
    }

    @Test
    void aConnectionSectionWithoutUriStartsFromTheDefaultUri() {
        ManagerConfiguration configuration = loadYaml(directory, "connection:\n  timeout: 7s\n");

        assertThat(configuration.connection())
                .isEqualTo(ConnectionSettings.defaults().toBuilder().timeout(Duration.ofSeconds(7)).build());
    }

    @Test
    void nestedTlsSettingsFlattenToDottedNames() {
        ManagerConfiguration configuration = loadYaml(directory, String.join("\n",
                "connection:",
                "  uri: rediss://secure.example.com:6380",
                "  tls:",
                "    truststore: file:/etc/redis/trust.p12",
                "    truststore-password: changeit",
                "    keystore: file:/etc/redis/client.p12",
                "    keystore-password: secret",
                "    verify-hostname: false",
                ""));

        ConnectionSettings connection = configuration.connection();
        assertThat(connection.tls()).isTrue();
        assertThat(connection.truststore()).isEqualTo("file:/etc/redis/trust.p12");
        assertThat(connection.truststorePassword()).isEqualTo("changeit");
        assertThat(connection.keystore()).isEqualTo("file:/etc/redis/client.p12");
        assertThat(connection.keystorePassword()).isEqualTo("secret");
        assertThat(connection.verifyHostname()).isFalse();
    }

    @Test
    void dottedConnectionKeysWorkLikeNestedOnes() {
        ManagerConfiguration configuration = loadYaml(directory, String.join("\n",
                "connection:",
                "  uri: redis://127.0.0.1:6390",
                "  tls: true",
                "  tls.truststore: file:/etc/redis/trust.p12",
                ""));

        assertThat(configuration.connection().tls()).isTrue();
        assertThat(configuration.connection().truststore()).isEqualTo("file:/etc/redis/trust.p12");
    }

    @Test
    void readsEveryConnectionSettingByName() {
        ManagerConfiguration configuration = loadYaml(directory, String.join("\n",
                "connection:",
                "  uri: redis-sentinel://s1:26390,s2:26390#mymaster",
                "  username: app",
                "  password: secret",
                "  sentinel-password: other",
                "  database: 3",
                "  connect-timeout: 2s",
                "  timeout: 4s",
                "  retry-attempts: 5",
                "  retry-interval: 250ms",
                "  ping-interval: 0",
                "  pool-size: 6",
                "  min-idle: 2",
                "  subscription-pool-size: 3",
                "  netty-threads: 8",
                "  client-name: worker",
                "  read-from: master-replica",
                "  wait-replicas: 1",
                "  wait-timeout: 2s",
                ""));

        ConnectionSettings connection = configuration.connection();
        assertThat(connection.mode()).isEqualTo(ConnectionMode.SENTINEL);
        assertThat(connection.sentinelMaster()).isEqualTo("mymaster");
        assertThat(connection.username()).isEqualTo("app");
        assertThat(connection.password()).isEqualTo("secret");
        assertThat(connection.sentinelPassword()).isEqualTo("other");
        assertThat(connection.database()).isEqualTo(3);
        assertThat(connection.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(connection.timeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(connection.retryAttempts()).isEqualTo(5);
        assertThat(connection.retryInterval()).isEqualTo(Duration.ofMillis(250));
        assertThat(connection.pingInterval()).isZero();
        assertThat(connection.poolSize()).isEqualTo(6);
        assertThat(connection.minIdle()).isEqualTo(2);
        assertThat(connection.subscriptionPoolSize()).isEqualTo(3);
        assertThat(connection.nettyThreads()).isEqualTo(8);
        assertThat(connection.clientName()).isEqualTo("worker");
        assertThat(connection.readFrom().name()).isEqualTo("MASTER_REPLICA");
        assertThat(connection.waitReplicas()).isEqualTo(1);
        assertThat(connection.waitTimeout()).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aRedissonFileReplacesTheOtherConnectionSettings() {
        ManagerConfiguration configuration = loadYaml(directory,
                "connection:\n  redisson-config: classpath:redisson.yaml\n");

        assertThat(configuration.connection().redissonConfig()).isEqualTo("classpath:redisson.yaml");
        assertThat(configuration.connection().addresses()).isEmpty();
    }

    @Test
    void allowedPackagesMayBeAListOrACommaSeparatedString() {
        ManagerConfiguration configuration = loadYaml(directory, String.join("\n",
                "caches:",
                "  a:",
                "    allowed-packages: [com.a, com.b]",
                "  b:",
                "    allowed-packages: 'com.a, com.b'",
                "  c:",
                "    allowed-packages: []",
                ""));

        assertThat(configuration.templateFor("a").allowedPackages()).contains(Set.of("com.a", "com.b"));
        assertThat(configuration.templateFor("b").allowedPackages()).contains(Set.of("com.a", "com.b"));
        assertThat(configuration.templateFor("c").allowedPackages()).contains(Set.of());
    }

    @Test
    void readsEveryExpiryPolicy() {
        ManagerConfiguration configuration = loadYaml(directory, String.join("\n",
                "caches:",
                "  created: { expiry: { policy: created, duration: 500ms } }",
                "  accessed: { expiry: { policy: accessed, duration: 3s } }",
                "  modified: { expiry: { policy: modified, duration: 2h } }",
                "  touched: { expiry: { policy: touched, duration: PT1M } }",
                "  eternal: { expiry: { policy: eternal } }",
                "  bare: { expiry: { policy: created, duration: 1500 } }",
                ""));

        assertThat(configuration.templateFor("created").expiry())
                .contains(ExpirySetting.of(ExpiryKind.CREATED, Duration.ofMillis(500)));
        assertThat(configuration.templateFor("accessed").expiry())
                .contains(ExpirySetting.of(ExpiryKind.ACCESSED, Duration.ofSeconds(3)));
        assertThat(configuration.templateFor("modified").expiry())
                .contains(ExpirySetting.of(ExpiryKind.MODIFIED, Duration.ofHours(2)));
        assertThat(configuration.templateFor("touched").expiry())
                .contains(ExpirySetting.of(ExpiryKind.TOUCHED, Duration.ofMinutes(1)));
        assertThat(configuration.templateFor("eternal").expiry()).contains(ExpirySetting.eternal());
        assertThat(configuration.templateFor("bare").expiry())
                .contains(ExpirySetting.of(ExpiryKind.CREATED, Duration.ofMillis(1500)));
    }

    @Test
    void aLoaderOrWriterMayNameAFactoryClass() {
        ManagerConfiguration configuration = loadYaml(directory, String.join("\n",
                "defaults:",
                "  loader: " + Fixtures.CountingLoaderFactory.class.getName(),
                "  writer: " + Fixtures.NamedWriter.class.getName(),
                ""));

        assertThat(configuration.templateFor("x").loader().map(ClassSetting::className))
                .contains(Fixtures.CountingLoaderFactory.class.getName());
        assertThat(configuration.templateFor("x").writer().map(ClassSetting::className))
                .contains(Fixtures.NamedWriter.class.getName());
    }

    @Test
    void anUnknownSectionIsRefusedListingTheKnownOnes() {
        Path file = write(directory, "conection:\n  uri: redis://localhost\n");

        InvalidConfigurationException error = loadFailure(file);

        assertThat(error.source()).isEqualTo(file.toUri().toString());
        assertThat(error.key()).isEqualTo("conection");
        assertThat(error.reason()).contains("unknown setting").contains("connection, events, defaults, caches");
        assertThat(error.getMessage()).contains(file.toUri().toString(), "'conection'",
                "connection, events, defaults, caches");
    }

    @Test
    void anUnknownCacheSettingIsRefusedWithItsPathAndTheKnownOnes() {
        Path file = write(directory, "caches:\n  users:\n    expiri: { policy: created, duration: 1m }\n");

        InvalidConfigurationException error = loadFailure(file);

        assertThat(error.key()).isEqualTo("caches.users.expiri");
        assertThat(error.reason()).contains("codec, allowed-packages, key-prefix, compression-threshold, invoke-lock, "
                + "expiry, statistics, management, read-through, write-through, loader, writer, key-type, value-type");
    }

    @Test
    void anUnknownExpirySettingIsRefusedWithItsFullPath() {
        Path file = write(directory, "caches:\n  users:\n    expiry: { polcy: created, duration: 1m }\n");

        InvalidConfigurationException error = loadFailure(file);

        assertThat(error.getMessage()).contains(file.toUri().toString())
                .contains("caches.users.expiry.polcy").contains("policy, duration");
    }

    @Test
    void anUnknownConnectionSettingIsRefusedListingTheKnownOnes() {
        Path file = write(directory, "connection:\n  timout: 3s\n");

        InvalidConfigurationException error = loadFailure(file);

        assertThat(error.source()).isEqualTo(file.toUri().toString());
        assertThat(error.key()).isEqualTo("connection.timout");
        assertThat(error.reason()).contains("unknown setting").contains("pool-size").contains("tls.truststore");
        assertThat(error).hasCauseInstanceOf(InvalidSettingException.class);
    }

    @Test
    void anUnknownNestedTlsSettingIsRefusedWithItsFullPath() {
        Path file = write(directory, "connection:\n  uri: rediss://h:6380\n  tls:\n    trustore: x\n");

        assertThat(loadFailure(file).key()).isEqualTo("connection.tls.trustore");
    }

    @Test
    void aBadConnectionValueKeepsTheSettingErrorAsCause() {
        Path file = write(directory, "connection:\n  timeout: soon\n");

        InvalidConfigurationException error = loadFailure(file);

        assertThat(error.key()).isEqualTo("connection.timeout");
        assertThat(error.reason()).contains("expected a duration");
        assertThat(error.getCause()).isInstanceOf(InvalidSettingException.class);
        assertThat(((InvalidSettingException) error.getCause()).setting()).isEqualTo("connection.timeout");
    }

    @Test
    void aConnectionErrorFoundWhenCheckingSettingsTogetherNamesTheFile() {
        Path file = write(directory, "connection:\n  pool-size: 2\n  min-idle: 3\n");

        InvalidConfigurationException error = loadFailure(file);

        assertThat(error.source()).isEqualTo(file.toUri().toString());
        assertThat(error.key()).isEqualTo("connection.min-idle");
    }

    @Test
    void aPasswordInAnErrorIsNeverShown() {
        Path file = write(directory, "connection: redis://user:hunter2@example.com\n");

        InvalidConfigurationException error = loadFailure(file);

        assertThat(error.key()).isEqualTo("connection");
        assertThat(error.getMessage()).contains("expected a map").doesNotContain("hunter2");
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("defaults:\n  compression-threshold: -1\n", "defaults.compression-threshold",
                        "between 0 and"),
                Arguments.of("defaults:\n  compression-threshold: lots\n", "defaults.compression-threshold",
                        "whole number"),
                Arguments.of("defaults:\n  invoke-lock: 50ms\n", "defaults.invoke-lock", "from 100ms to 1h"),
                Arguments.of("defaults:\n  invoke-lock: 2h\n", "defaults.invoke-lock", "from 100ms to 1h"),
                Arguments.of("defaults:\n  invoke-lock: soon\n", "defaults.invoke-lock", "expected a duration"),
                Arguments.of("defaults:\n  codec: ''\n", "defaults.codec", "required"),
                Arguments.of("defaults:\n  codec: 'my codec'\n", "defaults.codec", "json, kryo"),
                Arguments.of("defaults:\n  codec: [json]\n", "defaults.codec", "single value"),
                Arguments.of("defaults:\n  key-prefix: 'a:b'\n", "defaults.key-prefix", "letters"),
                Arguments.of("defaults:\n  statistics: maybe\n", "defaults.statistics", "true or false"),
                Arguments.of("defaults:\n  management: 1\n", "defaults.management", "true or false"),
                Arguments.of("defaults:\n  allowed-packages: [java.util]\n", "defaults.allowed-packages",
                        "JDK package"),
                Arguments.of("defaults:\n  allowed-packages: 'com.a, not a package'\n", "defaults.allowed-packages",
                        "not a package name"),
                Arguments.of("defaults:\n  allowed-packages: 3\n", "defaults.allowed-packages", "list"),
                Arguments.of("defaults:\n  expiry: 10m\n", "defaults.expiry", "policy"),
                Arguments.of("defaults:\n  expiry: { duration: 10m }\n", "defaults.expiry.policy", "required"),
                Arguments.of("defaults:\n  expiry: { policy: sometimes, duration: 1m }\n", "defaults.expiry.policy",
                        "created, accessed, modified, touched, eternal"),
                Arguments.of("defaults:\n  expiry: { policy: created }\n", "defaults.expiry.duration",
                        "required unless the policy is eternal"),
                Arguments.of("defaults:\n  expiry: { policy: created, duration: 0s }\n", "defaults.expiry.duration",
                        "at least 1ms"),
                Arguments.of("defaults:\n  expiry: { policy: created, duration: -5s }\n",
                        "defaults.expiry.duration", "duration"),
                Arguments.of("defaults:\n  expiry: { policy: eternal, duration: 1m }\n", "defaults.expiry.duration",
                        "no duration"),
                Arguments.of("defaults:\n  loader: com.example.Missing\n", "defaults.loader", "cannot be loaded"),
                Arguments.of("defaults:\n  loader: " + Fixtures.NotALoader.class.getName() + "\n", "defaults.loader",
                        "must implement javax.cache.integration.CacheLoader or javax.cache.configuration.Factory"),
                Arguments.of("defaults:\n  loader: " + Fixtures.LoaderWithoutNoArgConstructor.class.getName() + "\n",
                        "defaults.loader", "no public no-argument constructor"),
                Arguments.of("defaults:\n  writer: " + Fixtures.NamedLoader.class.getName() + "\n", "defaults.writer",
                        "must implement javax.cache.integration.CacheWriter"),
                Arguments.of("defaults:\n  writer: " + Fixtures.NamedWriter.class.getName() + "$Nope\n",
                        "defaults.writer", "cannot be loaded"),
                Arguments.of("defaults:\n  key-type: com.example.Missing\n", "defaults.key-type", "cannot be loaded"),
                Arguments.of("defaults:\n  value-type: 'not a class'\n", "defaults.value-type", "class name"),
                Arguments.of("defaults: [codec]\n", "defaults", "expected a map"),
                Arguments.of("caches:\n  users: json\n", "caches.users", "expected a map"),
                Arguments.of("caches:\n  '': { codec: json }\n", "caches", "must not be empty"),
                Arguments.of("caches:\n  'hibernate.*':\n    codec: 'a b'\n", "caches.\"hibernate.*\".codec", "kryo"),
                Arguments.of("connection:\n  pool-size: 0\n", "connection.pool-size", "between 1 and"),
                Arguments.of("connection:\n  uri: http://example.com\n", "connection.uri", "redis://"),
                Arguments.of("connection:\n  read-from: nearest\n", "connection.read-from", "master"),
                Arguments.of("connection:\n  uri: redis://h\n  redisson-config: classpath:r.yaml\n",
                        "connection.redisson-config", "cannot be combined"),
                Arguments.of("connection:\n  tls:\n    truststore: [a, b]\n", "connection.tls.truststore",
                        "single value"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("badValues")
    void aBadValueIsRefusedNamingTheFileTheKeyAndTheReason(String yaml, String key, String reason) {
        Path file = write(directory, yaml);

        InvalidConfigurationException error = loadFailure(file);

        assertThat(error.source()).isEqualTo(file.toUri().toString());
        assertThat(error.key()).isEqualTo(key);
        assertThat(error.reason()).contains(reason);
        assertThat(error.getMessage()).contains(file.toUri().toString()).contains("'" + key + "'").contains(reason);
    }

    @Test
    void invalidYamlIsRefusedNamingTheFile() {
        Path file = write(directory, "defaults:\n  codec: [json\n");

        InvalidConfigurationException error = loadFailure(file);

        assertThat(error.source()).isEqualTo(file.toUri().toString());
        assertThat(error.key()).isNull();
        assertThat(error.reason()).startsWith("not valid YAML");
    }

    @Test
    void aRepeatedKeyIsRefused() {
        Path file = write(directory, "defaults:\n  codec: json\n  codec: kryo\n");

        assertThat(loadFailure(file).reason()).contains("not valid YAML").contains("codec");
    }

    @Test
    void yamlTagsNeverCreateJavaObjects() {
        Path file = write(directory, "defaults: !!javax.script.ScriptEngineManager "
                + "[!!java.net.URLClassLoader [[!!java.net.URL [\"http://example.com\"]]]]\n");

        InvalidConfigurationException error = loadFailure(file);

        assertThat(error.reason()).contains("not valid YAML");
    }

    @Test
    void aDocumentThatIsNotAMapIsRefused() {
        Path file = write(directory, "- connection\n- defaults\n");

        InvalidConfigurationException error = loadFailure(file);

        assertThat(error.key()).isNull();
        assertThat(error.reason()).contains("connection, events, defaults, caches");
    }

    @Test
    void classesAreLoadedWithTheGivenClassLoader() {
        Path file = write(directory, "defaults:\n  loader: " + Fixtures.NamedLoader.class.getName() + "\n");
        ClassLoader blind = new java.net.URLClassLoader(new java.net.URL[0], ClassLoader.getPlatformClassLoader());

        InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class,
                () -> ManagerConfiguration.load(file.toUri(), null, blind, TestConfigurations.DEFAULT_URI));

        assertThat(error.key()).isEqualTo("defaults.loader");
        assertThat(error.reason()).contains("cannot be loaded");
    }

    private static InvalidConfigurationException loadFailure(Path file) {
        InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class,
                () -> load(file.toUri()));
        assertThat(error).as("loading %s", file).isNotNull();
        return error;
    }

    @Test
    void theExceptionIsACacheException() {
        assertThatThrownBy(() -> loadYaml(directory, "nope: 1\n")).isInstanceOf(javax.cache.CacheException.class);
    }
}
