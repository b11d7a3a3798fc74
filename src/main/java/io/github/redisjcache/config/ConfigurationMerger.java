package io.github.redisjcache.config;

import javax.cache.configuration.Configuration;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;

/**
 * Combines the configuration an application asks for with the settings of the configuration file.
 *
 * <p>What the application set explicitly wins. A standard setting from the file applies only where the requested
 * configuration still holds the {@link MutableConfiguration} default, because Hibernate and Spring create their
 * caches with a plain {@code new MutableConfiguration<>()} and leave the rest to the provider. The Redis settings of
 * a requested {@link RedisCacheConfiguration} are all explicit, so the file only fills them in for other
 * configurations; except {@code invoke-lock}, which like statistics is each JVM's own and which the file switches on
 * wherever it is off.
 */
public final class ConfigurationMerger {

    private ConfigurationMerger() {
    }

    /**
     * Merges a requested configuration with a template. Pure: neither argument changes, and no factory of the
     * requested configuration is asked to create anything.
     *
     * @param requested   the configuration the application passed to {@code createCache}
     * @param template    the file's settings for the cache
     * @param classLoader the cache manager's class loader, resolving the classes the template names
     * @param <K>         the key type
     * @param <V>         the value type
     * @return a new configuration
     * @throws InvalidConfigurationException when a class the template names cannot be used
     */
    public static <K, V> RedisCacheConfiguration<K, V> merge(Configuration<K, V> requested, CacheTemplate template,
                                                            ClassLoader classLoader) {
        RedisCacheConfiguration<K, V> merged = new RedisCacheConfiguration<>(requested);
        if (!(requested instanceof RedisCacheConfiguration)) {
            applyRedisSettings(merged, template);
        }
        applyStandardSettings(merged, template);
        applyIntegration(merged, template, classLoader);
        applyTypes(merged, template, classLoader);
        return merged;
    }

    private static void applyRedisSettings(RedisCacheConfiguration<?, ?> merged, CacheTemplate template) {
        template.codec().ifPresent(merged::setCodec);
        template.allowedPackages().ifPresent(merged::setAllowedPackages);
        template.keyPrefix().ifPresent(merged::setKeyPrefix);
        template.compressionThreshold().ifPresent(merged::setCompressionThreshold);
    }

    private static void applyStandardSettings(RedisCacheConfiguration<?, ?> merged, CacheTemplate template) {
        // Factories compare by value, so this recognises the default without creating a policy.
        if (EternalExpiryPolicy.factoryOf().equals(merged.getExpiryPolicyFactory())) {
            template.expiry().ifPresent(expiry -> merged.setExpiryPolicyFactory(expiry.factory()));
        }
        if (!merged.isStatisticsEnabled()) {
            template.statistics().ifPresent(merged::setStatisticsEnabled);
        }
        // Each JVM's own, like statistics: it applies to caches opened from their stored configuration too.
        if (merged.getInvokeLock().isZero()) {
            template.invokeLock().ifPresent(merged::setInvokeLock);
        }
        if (!merged.isManagementEnabled()) {
            template.management().ifPresent(merged::setManagementEnabled);
        }
        if (!merged.isReadThrough()) {
            template.readThrough().ifPresent(merged::setReadThrough);
        }
        if (!merged.isWriteThrough()) {
            template.writeThrough().ifPresent(merged::setWriteThrough);
        }
    }

    private static <K, V> void applyIntegration(RedisCacheConfiguration<K, V> merged, CacheTemplate template,
                                                ClassLoader classLoader) {
        if (merged.getCacheLoaderFactory() == null && template.loader().isPresent()) {
            Factory<CacheLoader<K, V>> loader = template.loader().get()
                    .integrationFactory(classLoader, CacheLoader.class);
            merged.setCacheLoaderFactory(loader);
        }
        if (merged.getCacheWriterFactory() == null && template.writer().isPresent()) {
            Factory<CacheWriter<? super K, ? super V>> writer = template.writer().get()
                    .integrationFactory(classLoader, CacheWriter.class);
            merged.setCacheWriterFactory(writer);
        }
    }

    @SuppressWarnings("unchecked")
    private static <K, V> void applyTypes(RedisCacheConfiguration<K, V> merged, CacheTemplate template,
                                          ClassLoader classLoader) {
        Class<K> keyType = merged.getKeyType();
        Class<V> valueType = merged.getValueType();
        if (keyType == Object.class && template.keyType().isPresent()) {
            keyType = (Class<K>) template.keyType().get().load(classLoader);
        }
        if (valueType == Object.class && template.valueType().isPresent()) {
            valueType = (Class<V>) template.valueType().get().load(classLoader);
        }
        merged.setTypes(keyType, valueType);
    }
}
