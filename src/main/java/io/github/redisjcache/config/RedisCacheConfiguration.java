package io.github.redisjcache.config;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;

import io.github.redisjcache.keys.KeyNames;

/**
 * A cache configuration with the settings that only a Redis cache has: codec, allowed packages, compression and
 * key prefix. Everything else is the standard {@link MutableConfiguration}.
 *
 * <p>A plain {@code MutableConfiguration} works too: the settings here then come from the defaults and templates of
 * the configuration file.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public class RedisCacheConfiguration<K, V> extends MutableConfiguration<K, V> {

    private static final long serialVersionUID = 1L;

    /** The codec used when none is configured. */
    public static final String DEFAULT_CODEC = "json";

    private String codec = DEFAULT_CODEC;
    private Set<String> allowedPackages = new LinkedHashSet<>();
    private int compressionThreshold;
    private String keyPrefix = KeyNames.DEFAULT_PREFIX;

    /** Creates a configuration with the defaults of {@link MutableConfiguration} and of this class. */
    public RedisCacheConfiguration() {
    }

    /**
     * Copies a configuration; a {@code RedisCacheConfiguration} is copied whole.
     *
     * @param configuration the configuration to copy
     */
    @SuppressWarnings("unchecked")
    public RedisCacheConfiguration(Configuration<K, V> configuration) {
        super(complete(configuration));
        if (configuration instanceof RedisCacheConfiguration) {
            RedisCacheConfiguration<K, V> redis = (RedisCacheConfiguration<K, V>) configuration;
            this.codec = redis.codec;
            this.allowedPackages = new LinkedHashSet<>(redis.allowedPackages);
            this.compressionThreshold = redis.compressionThreshold;
            this.keyPrefix = redis.keyPrefix;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <K, V> CompleteConfiguration<K, V> complete(Configuration<K, V> configuration) {
        Objects.requireNonNull(configuration, "configuration");
        if (configuration instanceof CompleteConfiguration) {
            return (CompleteConfiguration<K, V>) configuration;
        }
        MutableConfiguration basic = new MutableConfiguration();
        basic.setTypes(configuration.getKeyType(), configuration.getValueType());
        basic.setStoreByValue(configuration.isStoreByValue());
        return basic;
    }

    /** @return the codec's name: {@code json}, {@code kryo}, or a {@code CodecFactory} class name */
    public String getCodec() {
        return codec;
    }

    /**
     * Sets the codec.
     *
     * @param codec {@code json}, {@code kryo}, or the class name of a {@code CodecFactory}
     * @return this configuration
     */
    public RedisCacheConfiguration<K, V> setCodec(String codec) {
        this.codec = Objects.requireNonNull(codec, "codec");
        return this;
    }

    /** @return the packages whose classes the codec may create when decoding, besides JDK value types */
    public Set<String> getAllowedPackages() {
        return Collections.unmodifiableSet(allowedPackages);
    }

    /**
     * Sets the packages whose classes the codec may create when decoding.
     *
     * @param packages package names, e.g. {@code com.example.model}
     * @return this configuration
     */
    public RedisCacheConfiguration<K, V> setAllowedPackages(Set<String> packages) {
        this.allowedPackages = new LinkedHashSet<>(Objects.requireNonNull(packages, "packages"));
        return this;
    }

    /**
     * Adds packages whose classes the codec may create when decoding.
     *
     * @param packages package names
     * @return this configuration
     */
    public RedisCacheConfiguration<K, V> allowPackages(String... packages) {
        Collections.addAll(allowedPackages, packages);
        return this;
    }

    /** @return the encoded size from which values are compressed, 0 when compression is off */
    public int getCompressionThreshold() {
        return compressionThreshold;
    }

    /**
     * Compresses values from this encoded size on (LZ4); 0 turns compression off.
     *
     * @param bytes the threshold in bytes
     * @return this configuration
     */
    public RedisCacheConfiguration<K, V> setCompressionThreshold(int bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("compression threshold must not be negative, was " + bytes);
        }
        this.compressionThreshold = bytes;
        return this;
    }

    /** @return the prefix of the cache's Redis keys */
    public String getKeyPrefix() {
        return keyPrefix;
    }

    /**
     * Sets the prefix of the cache's Redis keys.
     *
     * @param keyPrefix letters, digits, {@code .}, {@code _} and {@code -}
     * @return this configuration
     */
    public RedisCacheConfiguration<K, V> setKeyPrefix(String keyPrefix) {
        KeyNames.withPrefix(keyPrefix);
        this.keyPrefix = keyPrefix;
        return this;
    }

    @Override
    public boolean equals(Object object) {
        if (!super.equals(object)) {
            return false;
        }
        if (!(object instanceof RedisCacheConfiguration)) {
            return true;
        }
        RedisCacheConfiguration<?, ?> other = (RedisCacheConfiguration<?, ?>) object;
        return codec.equals(other.codec) && allowedPackages.equals(other.allowedPackages)
                && compressionThreshold == other.compressionThreshold && keyPrefix.equals(other.keyPrefix);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
