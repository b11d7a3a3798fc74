package io.github.redisjcache.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URL;
import java.net.URLClassLoader;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import javax.cache.configuration.Configuration;
import javax.cache.configuration.Factory;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;
import javax.cache.integration.CacheLoader;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.redisjcache.keys.KeyNames;

class ConfigurationMergerTests {

    private static final ClassLoader LOADER = ConfigurationMergerTests.class.getClassLoader();
    private static final String SOURCE = "file:/test.yaml";

    private static ClassSetting named(String key, Class<?> type) {
        return new ClassSetting(SOURCE, key, type.getName());
    }

    private static final CacheTemplate FULL = CacheTemplate.builder()
            .codec("kryo")
            .allowedPackages(Set.of("com.example"))
            .keyPrefix("app")
            .compressionThreshold(2048)
            .invokeLock(Duration.ofSeconds(30))
            .expiry(ExpirySetting.of(ExpiryKind.MODIFIED, Duration.ofMinutes(10)))
            .statistics(true)
            .management(true)
            .readThrough(true)
            .writeThrough(true)
            .loader(named("defaults.loader", Fixtures.NamedLoader.class))
            .writer(named("defaults.writer", Fixtures.CountingWriterFactory.class))
            .keyType(named("defaults.key-type", String.class))
            .valueType(named("defaults.value-type", Long.class))
            .build();

    private static javax.cache.expiry.Duration minutes(long minutes) {
        return new javax.cache.expiry.Duration(TimeUnit.MINUTES, minutes);
    }

    @BeforeEach
    void resetCounters() {
        Fixtures.CountingLoaderFactory.CREATED.set(0);
        Fixtures.CountingWriterFactory.CREATED.set(0);
    }

    @Test
    void aPlainMutableConfigurationTakesEverySettingOfTheTemplate() {
        RedisCacheConfiguration<Object, Object> merged =
                ConfigurationMerger.merge(new MutableConfiguration<>(), FULL, LOADER);

        assertThat(merged.getCodec()).isEqualTo("kryo");
        assertThat(merged.getAllowedPackages()).containsExactly("com.example");
        assertThat(merged.getKeyPrefix()).isEqualTo("app");
        assertThat(merged.getCompressionThreshold()).isEqualTo(2048);
        assertThat(merged.getExpiryPolicyFactory()).isEqualTo(ModifiedExpiryPolicy.factoryOf(minutes(10)));
        assertThat(merged.isStatisticsEnabled()).isTrue();
        assertThat(merged.isManagementEnabled()).isTrue();
        assertThat(merged.isReadThrough()).isTrue();
        assertThat(merged.isWriteThrough()).isTrue();
        assertThat(merged.getCacheLoaderFactory())
                .isEqualTo(FactoryBuilder.factoryOf(Fixtures.NamedLoader.class.getName()));
        assertThat(merged.getCacheWriterFactory()).isInstanceOf(Fixtures.CountingWriterFactory.class);
        assertThat(merged.getKeyType()).isEqualTo(String.class);
        assertThat(merged.getValueType()).isEqualTo(Long.class);
    }

    @Test
    void anEmptyTemplateChangesNothing() {
        MutableConfiguration<String, Long> requested = new MutableConfiguration<String, Long>()
                .setTypes(String.class, Long.class).setStatisticsEnabled(true);

        RedisCacheConfiguration<String, Long> merged =
                ConfigurationMerger.merge(requested, CacheTemplate.empty(), LOADER);

        assertThat(merged).isEqualTo(new RedisCacheConfiguration<>(requested));
        assertThat(merged.getCodec()).isEqualTo(RedisCacheConfiguration.DEFAULT_CODEC);
        assertThat(merged.getKeyPrefix()).isEqualTo(KeyNames.DEFAULT_PREFIX);
    }

    @Test
    void explicitStandardSettingsAreKept() {
        Factory<ExpiryPolicy> expiry = CreatedExpiryPolicy.factoryOf(minutes(1));
        Factory<CacheLoader<Object, Object>> loader = new Fixtures.CountingLoaderFactory();
        Factory<Fixtures.NamedWriter> writer = FactoryBuilder.factoryOf(Fixtures.NamedWriter.class);
        MutableConfiguration<Object, Object> requested = new MutableConfiguration<>()
                .setExpiryPolicyFactory(expiry)
                .setCacheLoaderFactory(loader)
                .setCacheWriterFactory(writer)
                .setStatisticsEnabled(true)
                .setManagementEnabled(true)
                .setReadThrough(true)
                .setWriteThrough(true);
        CacheTemplate disabling = CacheTemplate.builder().statistics(false).management(false)
                .readThrough(false).writeThrough(false).build();

        RedisCacheConfiguration<Object, Object> merged = ConfigurationMerger.merge(requested, FULL, LOADER);
        RedisCacheConfiguration<Object, Object> notDisabled =
                ConfigurationMerger.merge(requested, disabling, LOADER);

        assertThat(merged.getExpiryPolicyFactory()).isSameAs(expiry);
        assertThat(merged.getCacheLoaderFactory()).isSameAs(loader);
        assertThat(merged.getCacheWriterFactory()).isSameAs(writer);
        assertThat(notDisabled.isStatisticsEnabled()).isTrue();
        assertThat(notDisabled.isManagementEnabled()).isTrue();
        assertThat(notDisabled.isReadThrough()).isTrue();
        assertThat(notDisabled.isWriteThrough()).isTrue();
    }

    @Test
    void explicitTypesAreKept() {
        MutableConfiguration<String, Integer> requested = new MutableConfiguration<String, Integer>()
                .setTypes(String.class, Integer.class);
        CacheTemplate unloadable = CacheTemplate.builder()
                .keyType(new ClassSetting(SOURCE, "defaults.key-type", "com.example.Missing"))
                .valueType(new ClassSetting(SOURCE, "defaults.value-type", "com.example.Missing")).build();

        RedisCacheConfiguration<String, Integer> merged = ConfigurationMerger.merge(requested, FULL, LOADER);
        RedisCacheConfiguration<String, Integer> untouched = ConfigurationMerger.merge(requested, unloadable, LOADER);

        assertThat(merged.getKeyType()).isEqualTo(String.class);
        assertThat(merged.getValueType()).isEqualTo(Integer.class);
        assertThat(untouched.getKeyType()).isEqualTo(String.class);
    }

    @Test
    void anExplicitlyEternalExpiryIsIndistinguishableFromTheDefault() {
        MutableConfiguration<Object, Object> requested = new MutableConfiguration<>()
                .setExpiryPolicyFactory(EternalExpiryPolicy.factoryOf());

        RedisCacheConfiguration<Object, Object> merged = ConfigurationMerger.merge(requested, FULL, LOADER);

        assertThat(merged.getExpiryPolicyFactory()).isEqualTo(ModifiedExpiryPolicy.factoryOf(minutes(10)));
    }

    @Test
    void typesComeFromTheTemplateOnlyWhereTheRequestSaysObject() {
        MutableConfiguration<String, Object> requested = new MutableConfiguration<String, Object>()
                .setTypes(String.class, Object.class);
        CacheTemplate types = CacheTemplate.builder().keyType(named("defaults.key-type", Integer.class))
                .valueType(named("defaults.value-type", Long.class)).build();

        RedisCacheConfiguration<String, Object> merged = ConfigurationMerger.merge(requested, types, LOADER);

        assertThat(merged.getKeyType()).isEqualTo(String.class);
        assertThat(merged.getValueType()).isEqualTo(Long.class);
    }

    @Test
    void theRedisSettingsOfARedisCacheConfigurationWin() {
        RedisCacheConfiguration<Object, Object> requested = new RedisCacheConfiguration<>();

        RedisCacheConfiguration<Object, Object> merged = ConfigurationMerger.merge(requested, FULL, LOADER);

        assertThat(merged.getCodec()).isEqualTo(RedisCacheConfiguration.DEFAULT_CODEC);
        assertThat(merged.getAllowedPackages()).isEmpty();
        assertThat(merged.getKeyPrefix()).isEqualTo(KeyNames.DEFAULT_PREFIX);
        assertThat(merged.getCompressionThreshold()).isZero();
        assertThat(merged.getExpiryPolicyFactory()).as("standard settings still come from the template")
                .isEqualTo(ModifiedExpiryPolicy.factoryOf(minutes(10)));
        assertThat(merged.isStatisticsEnabled()).isTrue();
        assertThat(merged.getInvokeLock()).as("each JVM's own, like statistics").isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void anExplicitInvokeLockIsKeptAndTheTemplateSwitchesOnlyAMissingOneOn() {
        RedisCacheConfiguration<Object, Object> requested = new RedisCacheConfiguration<>()
                .setInvokeLock(Duration.ofMillis(500));

        assertThat(ConfigurationMerger.merge(requested, FULL, LOADER).getInvokeLock())
                .isEqualTo(Duration.ofMillis(500));
        assertThat(ConfigurationMerger.merge(new MutableConfiguration<>(), FULL, LOADER).getInvokeLock())
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(ConfigurationMerger.merge(new MutableConfiguration<>(), CacheTemplate.empty(), LOADER)
                .getInvokeLock()).isZero();
    }

    @Test
    void aRedisCacheConfigurationIsCopiedWhole() {
        RedisCacheConfiguration<String, Long> requested = new RedisCacheConfiguration<String, Long>()
                .setCodec("com.example.MyCodecFactory").allowPackages("com.mine").setKeyPrefix("mine")
                .setCompressionThreshold(64);
        requested.setTypes(String.class, Long.class);

        RedisCacheConfiguration<String, Long> merged = ConfigurationMerger.merge(requested, FULL, LOADER);

        assertThat(merged.getCodec()).isEqualTo("com.example.MyCodecFactory");
        assertThat(merged.getAllowedPackages()).containsExactly("com.mine");
        assertThat(merged.getKeyPrefix()).isEqualTo("mine");
        assertThat(merged.getCompressionThreshold()).isEqualTo(64);
        assertThat(merged).isNotSameAs(requested);
    }

    @Test
    void aBasicConfigurationKeepsItsTypesAndStoreByValue() {
        Configuration<String, Object> basic = new Configuration<>() {
            private static final long serialVersionUID = 1L;

            @Override
            public Class<String> getKeyType() {
                return String.class;
            }

            @Override
            public Class<Object> getValueType() {
                return Object.class;
            }

            @Override
            public boolean isStoreByValue() {
                return false;
            }
        };

        RedisCacheConfiguration<String, Object> merged = ConfigurationMerger.merge(basic, FULL, LOADER);

        assertThat(merged.getKeyType()).isEqualTo(String.class);
        assertThat(merged.getValueType()).isEqualTo(Long.class);
        assertThat(merged.isStoreByValue()).isFalse();
        assertThat(merged.getCodec()).isEqualTo("kryo");
        assertThat(merged.isStatisticsEnabled()).isTrue();
    }

    @Test
    void theRequestIsNotChanged() {
        MutableConfiguration<Object, Object> requested = new MutableConfiguration<>();
        MutableConfiguration<Object, Object> copy = new MutableConfiguration<>(requested);

        ConfigurationMerger.merge(requested, FULL, LOADER);

        assertThat(requested).isEqualTo(copy);
    }

    @Test
    void noFactoryIsAskedToCreateAnything() {
        MutableConfiguration<Object, Object> requested = new MutableConfiguration<>()
                .setCacheLoaderFactory(new Fixtures.CountingLoaderFactory());
        CacheTemplate factories = CacheTemplate.builder()
                .loader(named("defaults.loader", Fixtures.CountingLoaderFactory.class))
                .writer(named("defaults.writer", Fixtures.CountingWriterFactory.class)).build();

        RedisCacheConfiguration<Object, Object> merged = ConfigurationMerger.merge(requested, factories, LOADER);
        RedisCacheConfiguration<Object, Object> fromTemplate =
                ConfigurationMerger.merge(new MutableConfiguration<>(), factories, LOADER);

        assertThat(merged.getCacheLoaderFactory()).isInstanceOf(Fixtures.CountingLoaderFactory.class);
        assertThat(fromTemplate.getCacheLoaderFactory()).isInstanceOf(Fixtures.CountingLoaderFactory.class);
        assertThat(fromTemplate.getCacheWriterFactory()).isInstanceOf(Fixtures.CountingWriterFactory.class);
        assertThat(Fixtures.CountingLoaderFactory.CREATED).hasValue(0);
        assertThat(Fixtures.CountingWriterFactory.CREATED).hasValue(0);
    }

    @Test
    void everyBuiltInExpiryBecomesTheMatchingStandardFactory() {
        assertThat(expiryOf(ExpirySetting.of(ExpiryKind.CREATED, Duration.ofSeconds(90))))
                .isEqualTo(CreatedExpiryPolicy.factoryOf(new javax.cache.expiry.Duration(TimeUnit.SECONDS, 90)));
        assertThat(expiryOf(ExpirySetting.of(ExpiryKind.ACCESSED, Duration.ofMillis(1500))))
                .isEqualTo(AccessedExpiryPolicy.factoryOf(new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS,
                        1500)));
        assertThat(expiryOf(ExpirySetting.of(ExpiryKind.MODIFIED, Duration.ofHours(2))))
                .isEqualTo(ModifiedExpiryPolicy.factoryOf(new javax.cache.expiry.Duration(TimeUnit.HOURS, 2)));
        assertThat(expiryOf(ExpirySetting.of(ExpiryKind.TOUCHED, Duration.ofDays(1))))
                .isEqualTo(TouchedExpiryPolicy.factoryOf(javax.cache.expiry.Duration.ONE_DAY));
        assertThat(expiryOf(ExpirySetting.eternal())).isEqualTo(EternalExpiryPolicy.factoryOf());
    }

    private static Factory<? extends ExpiryPolicy> expiryOf(ExpirySetting expiry) {
        CacheTemplate template = CacheTemplate.builder().expiry(expiry).build();
        return ConfigurationMerger.merge(new MutableConfiguration<>(), template, LOADER).getExpiryPolicyFactory();
    }

    @Test
    void classesAreResolvedWithTheGivenClassLoader() throws Exception {
        try (URLClassLoader blind = new URLClassLoader(new URL[0], ClassLoader.getPlatformClassLoader())) {
            InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class,
                    () -> ConfigurationMerger.merge(new MutableConfiguration<>(), FULL, blind));

            assertThat(error.source()).isEqualTo(SOURCE);
            assertThat(error.key()).isEqualTo("defaults.loader");
            assertThat(error.reason()).contains("cannot be loaded");
        }
    }

    @Test
    void aTemplateLoaderIsNotEvenLoadedWhenTheRequestHasOne() {
        MutableConfiguration<Object, Object> requested = new MutableConfiguration<>()
                .setCacheLoaderFactory(new Fixtures.CountingLoaderFactory())
                .setCacheWriterFactory(new Fixtures.CountingWriterFactory());
        CacheTemplate unloadable = CacheTemplate.builder()
                .loader(new ClassSetting(SOURCE, "defaults.loader", "com.example.Missing"))
                .writer(new ClassSetting(SOURCE, "defaults.writer", "com.example.Missing")).build();

        RedisCacheConfiguration<Object, Object> merged = ConfigurationMerger.merge(requested, unloadable, LOADER);

        assertThat(merged.getCacheLoaderFactory()).isInstanceOf(Fixtures.CountingLoaderFactory.class);
        assertThat(merged.getCacheWriterFactory()).isInstanceOf(Fixtures.CountingWriterFactory.class);
    }

    @Test
    void aTemplateOfTheFileMergesIntoAPlainRequest() {
        ManagerConfiguration configuration = TestConfigurations.load(java.net.URI.create("classpath:config/full.yaml"));

        RedisCacheConfiguration<Object, Object> users = ConfigurationMerger.merge(new MutableConfiguration<>(),
                configuration.templateFor("users"), LOADER);
        RedisCacheConfiguration<Object, Object> region = ConfigurationMerger.merge(new MutableConfiguration<>(),
                configuration.templateFor("hibernate.region"), LOADER);

        assertThat(users.getExpiryPolicyFactory()).isEqualTo(ModifiedExpiryPolicy.factoryOf(minutes(10)));
        assertThat(users.getKeyPrefix()).isEqualTo("app-users");
        assertThat(users.getCompressionThreshold()).isEqualTo(1024);
        assertThat(users.getCacheLoaderFactory())
                .isEqualTo(FactoryBuilder.factoryOf(Fixtures.NamedLoader.class.getName()));
        assertThat(users.getCacheWriterFactory()).isInstanceOf(Fixtures.CountingWriterFactory.class);
        assertThat(users.isStatisticsEnabled()).isFalse();
        assertThat(region.getCodec()).isEqualTo("kryo");
        assertThat(region.getAllowedPackages()).containsExactly("org.hibernate.cache", "com.example.domain");
        assertThat(region.getKeyType()).isEqualTo(String.class);
        assertThat(region.getValueType()).isEqualTo(java.io.Serializable.class);
        assertThat(region.getKeyPrefix()).isEqualTo(KeyNames.DEFAULT_PREFIX);
    }
}
