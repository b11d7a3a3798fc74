package io.github.redisjcache.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.cache.configuration.Factory;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;
import javax.cache.integration.CacheLoader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class StoredConfigurationTests {

    private static final ClassLoader LOADER = StoredConfigurationTests.class.getClassLoader();
    private static final Duration TEN_MINUTES = new Duration(TimeUnit.MINUTES, 10);

    private static RedisCacheConfiguration<String, Long> full() {
        RedisCacheConfiguration<String, Long> configuration = new RedisCacheConfiguration<String, Long>()
                .setCodec("kryo").allowPackages("com.example.model", "com.example.dto").setKeyPrefix("app")
                .setCompressionThreshold(4096);
        configuration.setTypes(String.class, Long.class)
                .setStoreByValue(false)
                .setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(TEN_MINUTES))
                .setReadThrough(true)
                .setWriteThrough(true)
                .setStatisticsEnabled(true)
                .setManagementEnabled(true);
        Factory<CacheLoader<String, Long>> loader = FactoryBuilder.factoryOf(Fixtures.NamedLoader.class.getName());
        configuration.setCacheLoaderFactory(loader);
        @SuppressWarnings({"unchecked", "rawtypes"})
        Factory<javax.cache.integration.CacheWriter<String, Long>> writer =
                (Factory) new Fixtures.CountingWriterFactory();
        configuration.setCacheWriterFactory(writer);
        return configuration;
    }

    private static byte[] toJson(RedisCacheConfiguration<?, ?> configuration) {
        return StoredConfiguration.toJson(configuration, configuration.getExpiryPolicyFactory().create());
    }

    private static JsonNode tree(byte[] json) throws Exception {
        return new ObjectMapper().readTree(json);
    }

    @Test
    void aConfigurationSurvivesTheRoundTrip() {
        RedisCacheConfiguration<String, Long> original = full();

        RedisCacheConfiguration<Object, Object> rebuilt = StoredConfiguration.fromJson(toJson(original), LOADER);

        assertThat(rebuilt.getKeyType()).isEqualTo(String.class);
        assertThat(rebuilt.getValueType()).isEqualTo(Long.class);
        assertThat(rebuilt.isStoreByValue()).isFalse();
        assertThat(rebuilt.getCodec()).isEqualTo("kryo");
        assertThat(rebuilt.getAllowedPackages()).containsExactly("com.example.model", "com.example.dto");
        assertThat(rebuilt.getKeyPrefix()).isEqualTo("app");
        assertThat(rebuilt.getCompressionThreshold()).isEqualTo(4096);
        assertThat(rebuilt.getExpiryPolicyFactory()).isEqualTo(ModifiedExpiryPolicy.factoryOf(TEN_MINUTES));
        assertThat(rebuilt.isReadThrough()).isTrue();
        assertThat(rebuilt.isWriteThrough()).isTrue();
        assertThat(rebuilt.isStatisticsEnabled()).isTrue();
        assertThat(rebuilt.isManagementEnabled()).isTrue();
        assertThat(rebuilt.getCacheLoaderFactory())
                .isEqualTo(FactoryBuilder.factoryOf(Fixtures.NamedLoader.class.getName()));
        assertThat(rebuilt.getCacheWriterFactory()).isInstanceOf(Fixtures.CountingWriterFactory.class);
        assertThat(StoredConfiguration.differences(toJson(original), rebuilt,
                rebuilt.getExpiryPolicyFactory().create())).isEmpty();
    }

    @Test
    void theDefaultConfigurationSurvivesTheRoundTrip() {
        RedisCacheConfiguration<Object, Object> original = new RedisCacheConfiguration<>();

        RedisCacheConfiguration<Object, Object> rebuilt = StoredConfiguration.fromJson(toJson(original), LOADER);

        assertThat(rebuilt).isEqualTo(original);
    }

    @Test
    void theDocumentIsSmallVersionedPlainJson() throws Exception {
        byte[] json = toJson(full());

        JsonNode tree = tree(json);
        assertThat(new String(json, StandardCharsets.UTF_8))
                .startsWith("{\"version\":1,\"keyType\":\"java.lang.String\"");
        assertThat(tree.fieldNames()).toIterable().containsExactly("version", "keyType", "valueType", "storeByValue",
                "codec", "compressionThreshold", "allowedPackages", "keyPrefix", "expiry", "readThrough",
                "writeThrough", "loader", "writer", "statistics", "management");
        assertThat(tree.get("expiry").toString()).isEqualTo("{\"policy\":\"modified\",\"durationMillis\":600000}");
        assertThat(tree.get("loader").toString())
                .isEqualTo("{\"class\":\"" + Fixtures.NamedLoader.class.getName() + "\"}");
        assertThat(tree.get("writer").toString()).isEqualTo("{\"factory\":\""
                + Fixtures.CountingWriterFactory.class.getName() + "\",\"rebuildable\":true}");
        assertThat(toJson(full())).as("stable").isEqualTo(json);
    }

    @Test
    void noLoaderOrWriterIsStoredAsNull() throws Exception {
        JsonNode tree = tree(toJson(new RedisCacheConfiguration<>()));

        assertThat(tree.get("loader").isNull()).isTrue();
        assertThat(tree.get("writer").isNull()).isTrue();
        assertThat(tree.get("expiry").toString()).isEqualTo("{\"policy\":\"eternal\"}");
    }

    @Test
    void everyBuiltInPolicySurvivesTheRoundTrip() {
        List<Factory<ExpiryPolicy>> factories = List.of(CreatedExpiryPolicy.factoryOf(Duration.ONE_MINUTE),
                AccessedExpiryPolicy.factoryOf(new Duration(TimeUnit.MILLISECONDS, 1500)),
                ModifiedExpiryPolicy.factoryOf(Duration.ONE_HOUR), TouchedExpiryPolicy.factoryOf(Duration.ONE_DAY),
                EternalExpiryPolicy.factoryOf());
        for (Factory<ExpiryPolicy> factory : factories) {
            RedisCacheConfiguration<Object, Object> original = new RedisCacheConfiguration<>();
            original.setExpiryPolicyFactory(factory);

            RedisCacheConfiguration<Object, Object> rebuilt = StoredConfiguration.fromJson(toJson(original), LOADER);

            assertThat(rebuilt.getExpiryPolicyFactory()).as(factory.create().getClass().getSimpleName())
                    .isEqualTo(factory);
        }
    }

    @Test
    void theIncarnationIsStoredReadBackAndNeverMakesADifference() {
        RedisCacheConfiguration<Object, Object> configuration = new RedisCacheConfiguration<>();
        ExpiryPolicy policy = configuration.getExpiryPolicyFactory().create();

        byte[] json = StoredConfiguration.toJson(configuration, policy, "3f1c0b7e-incarnation");

        assertThat(StoredConfiguration.incarnationOf(json)).isEqualTo("3f1c0b7e-incarnation");
        assertThat(StoredConfiguration.incarnationOf(toJson(configuration))).isEmpty();
        assertThat(StoredConfiguration.differences(json, configuration, policy)).isEmpty();
        assertThat(StoredConfiguration.fromJson(json, LOADER).getKeyType()).isEqualTo(Object.class);
    }

    @Test
    void aBuiltInPolicyWithAnEternalDurationIsStoredAsEternal() throws Exception {
        byte[] json = StoredConfiguration.toJson(new RedisCacheConfiguration<>(),
                new CreatedExpiryPolicy(Duration.ETERNAL));

        assertThat(tree(json).get("expiry").toString()).isEqualTo("{\"policy\":\"eternal\"}");
    }

    @Test
    void aCustomPolicyIsStoredByClassAndRebuiltFromIt() throws Exception {
        RedisCacheConfiguration<Object, Object> original = new RedisCacheConfiguration<>();
        original.setExpiryPolicyFactory(FactoryBuilder.factoryOf(Fixtures.CustomExpiry.class));

        byte[] json = toJson(original);
        RedisCacheConfiguration<Object, Object> rebuilt = StoredConfiguration.fromJson(json, LOADER);

        assertThat(tree(json).get("expiry").toString()).isEqualTo("{\"policy\":\"custom\",\"class\":\""
                + Fixtures.CustomExpiry.class.getName() + "\"}");
        assertThat(rebuilt.getExpiryPolicyFactory())
                .isEqualTo(FactoryBuilder.factoryOf(Fixtures.CustomExpiry.class.getName()));
    }

    @Test
    void aCustomPolicyWithoutNoArgConstructorCannotBeRebuilt() {
        byte[] json = StoredConfiguration.toJson(new RedisCacheConfiguration<>(),
                new Fixtures.CustomExpiryWithoutNoArgConstructor(5));

        InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class,
                () -> StoredConfiguration.fromJson(json, LOADER));

        assertThat(error.key()).isEqualTo("expiry.class");
        assertThat(error.getMessage()).contains(Fixtures.CustomExpiryWithoutNoArgConstructor.class.getName())
                .contains("no public no-argument constructor");
    }

    @Test
    void aSingletonLoaderIsStoredAsNotRebuildableAndComesBackAsNone() throws Exception {
        RedisCacheConfiguration<Object, Object> original = new RedisCacheConfiguration<>();
        original.setCacheLoaderFactory(FactoryBuilder.factoryOf(new SerializableLoader()));

        byte[] json = toJson(original);
        RedisCacheConfiguration<Object, Object> rebuilt = StoredConfiguration.fromJson(json, LOADER);

        assertThat(tree(json).get("loader").toString()).isEqualTo("{\"factory\":\""
                + FactoryBuilder.SingletonFactory.class.getName() + "\",\"rebuildable\":false}");
        assertThat(rebuilt.getCacheLoaderFactory()).isNull();
    }

    /** A loader only a singleton factory can hold. */
    static final class SerializableLoader extends Fixtures.NamedLoader implements java.io.Serializable {
        private static final long serialVersionUID = 1L;
    }

    @Test
    void aNewerVersionIsRefusedClearly() {
        byte[] json = "{\"version\":2,\"keyType\":\"java.lang.String\"}".getBytes(StandardCharsets.UTF_8);

        InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class,
                () -> StoredConfiguration.fromJson(json, LOADER));
        InvalidConfigurationException compared = catchThrowableOfType(InvalidConfigurationException.class,
                () -> StoredConfiguration.differences(json, new RedisCacheConfiguration<>(),
                        new EternalExpiryPolicy()));

        assertThat(error.source()).isEqualTo("the cache configuration stored in Redis");
        assertThat(error.key()).isEqualTo("version");
        assertThat(error.reason()).contains("version 2").contains("reads version 1 only").contains("newer");
        assertThat(compared.key()).isEqualTo("version");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"keyType\":\"java.lang.String\"}", "{\"version\":\"1\"}", "{\"version\":0}"})
    void aMissingOrUnknownVersionIsRefused(String document) {
        InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class,
                () -> StoredConfiguration.fromJson(document.getBytes(StandardCharsets.UTF_8), LOADER));

        assertThat(error.key()).isEqualTo("version");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[1,2]", "{\"version\":1", "null"})
    void somethingElseThanADocumentIsRefused(String document) {
        InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class,
                () -> StoredConfiguration.fromJson(document.getBytes(StandardCharsets.UTF_8), LOADER));

        assertThat(error).isNotNull();
        assertThat(error.source()).isEqualTo("the cache configuration stored in Redis");
    }

    @Test
    void aMissingClassIsRefusedNamingTheSetting() {
        String json = new String(toJson(full()), StandardCharsets.UTF_8)
                .replace("\"valueType\":\"java.lang.Long\"", "\"valueType\":\"com.example.Gone\"");

        InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class,
                () -> StoredConfiguration.fromJson(json.getBytes(StandardCharsets.UTF_8), LOADER));

        assertThat(error.key()).isEqualTo("valueType");
        assertThat(error.getMessage()).contains("com.example.Gone").contains("cannot be loaded");
    }

    @Test
    void aMissingLoaderClassIsRefusedNamingTheSetting() {
        String json = new String(toJson(full()), StandardCharsets.UTF_8)
                .replace(Fixtures.NamedLoader.class.getName(), "com.example.GoneLoader");

        InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class,
                () -> StoredConfiguration.fromJson(json.getBytes(StandardCharsets.UTF_8), LOADER));

        assertThat(error.key()).isEqualTo("loader.class");
    }

    @Test
    void aMissingRequiredFieldIsRefusedNamingIt() {
        String json = new String(toJson(full()), StandardCharsets.UTF_8).replace("\"codec\":\"kryo\",", "");

        InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class,
                () -> StoredConfiguration.fromJson(json.getBytes(StandardCharsets.UTF_8), LOADER));

        assertThat(error.key()).isEqualTo("codec");
        assertThat(error.reason()).isEqualTo("missing");
    }

    @Test
    void unknownFieldsOfTheSameVersionAreIgnored() {
        String json = new String(toJson(full()), StandardCharsets.UTF_8).replace("{\"version\":1,",
                "{\"version\":1,\"addedLater\":{\"x\":1},");

        assertThat(StoredConfiguration.fromJson(json.getBytes(StandardCharsets.UTF_8), LOADER).getCodec())
                .isEqualTo("kryo");
    }

    @Test
    void aCompatibleRequestHasNoDifferences() {
        byte[] stored = toJson(full());
        RedisCacheConfiguration<String, Long> requested = full();

        assertThat(StoredConfiguration.differences(stored, requested, ModifiedExpiryPolicy.factoryOf(TEN_MINUTES)
                .create())).isEmpty();
    }

    @Test
    void everyIncompatibleDifferenceIsListed() {
        byte[] stored = toJson(full());
        RedisCacheConfiguration<Long, String> requested = new RedisCacheConfiguration<Long, String>()
                .setCodec("json").setKeyPrefix("other");
        requested.setTypes(Long.class, String.class).setStoreByValue(true);

        List<String> differences = StoredConfiguration.differences(stored, requested,
                new CreatedExpiryPolicy(TEN_MINUTES));

        assertThat(differences).containsExactly(
                "keyType: stored java.lang.String, requested java.lang.Long",
                "valueType: stored java.lang.Long, requested java.lang.String",
                "storeByValue: stored false, requested true",
                "codec: stored kryo, requested json",
                "keyPrefix: stored app, requested other",
                "expiry: stored modified 600000ms, requested created 600000ms");
    }

    @Test
    void aDifferentDurationOrCustomClassIsADifference() {
        byte[] stored = toJson(full());

        assertThat(StoredConfiguration.differences(stored, full(),
                new ModifiedExpiryPolicy(new Duration(TimeUnit.MINUTES, 5))))
                .containsExactly("expiry: stored modified 600000ms, requested modified 300000ms");
        assertThat(StoredConfiguration.differences(stored, full(), new Fixtures.CustomExpiry()))
                .containsExactly("expiry: stored modified 600000ms, requested custom "
                        + Fixtures.CustomExpiry.class.getName());
        assertThat(StoredConfiguration.differences(stored, full(), new ModifiedExpiryPolicy(
                new Duration(TimeUnit.SECONDS, 600)))).as("same duration in other units").isEmpty();
    }

    @Test
    void thisJvmsOwnSettingsAreNeverDifferences() {
        byte[] stored = toJson(full());
        RedisCacheConfiguration<String, Long> requested = full();
        requested.setAllowedPackages(java.util.Set.of("org.other")).setCompressionThreshold(0);
        requested.setStatisticsEnabled(false).setManagementEnabled(false).setReadThrough(false)
                .setWriteThrough(false).setCacheLoaderFactory(null).setCacheWriterFactory(null);

        assertThat(StoredConfiguration.differences(stored, requested, ModifiedExpiryPolicy.factoryOf(TEN_MINUTES)
                .create())).isEmpty();
    }

    @Test
    void storedDocumentsHoldNoConnectionDetails() {
        String json = new String(toJson(full()), StandardCharsets.UTF_8);

        assertThat(json).doesNotContain("redis://").doesNotContain("password");
    }
}
