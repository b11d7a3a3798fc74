package io.github.redisjcache.config;

import java.time.Duration;
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

    private static final long MIN_INVOKE_LOCK_MILLIS = 100;
    private static final long MAX_INVOKE_LOCK_MILLIS = 3_600_000;

    private String codec = DEFAULT_CODEC;
    private Set<String> allowedPackages = new LinkedHashSet<>();
    private int compressionThreshold;
    private long invokeLockMillis;
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
            this.invokeLockMillis = redis.invokeLockMillis;
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

    /** @return how long {@code invoke} may hold its cluster-wide lock on a key; zero when it takes none */
    public Duration getInvokeLock() {
        return Duration.ofMillis(invokeLockMillis);
    }

    /**
     * Makes processors on the same key take turns across every JVM, not only within one: {@code invoke} holds a
     * lock on the key in Redis while its processor runs, for at most this long. The compare-and-set that commits a
     * processor's outcome stays, so a lock that lapses (a processor slower than the lease, a JVM that died) costs
     * a repeated processor run, never a lost update. With Spring's {@code @Cacheable(sync = true)} this makes the
     * loader run once in the whole deployment while other instances wait for its value.
     *
     * @param lease zero for no lock (the default), else from 100 ms to 1 h
     * @return this configuration
     */
    public RedisCacheConfiguration<K, V> setInvokeLock(Duration lease) {
        if (!isInvokeLock(Objects.requireNonNull(lease, "lease"))) {
            throw new IllegalArgumentException("invoke lock lease must be 0 or from 100ms to 1h, was " + lease);
        }
        this.invokeLockMillis = lease.toMillis();
        return this;
    }

    /** @return whether a lease is one {@link #setInvokeLock} accepts */
    static boolean isInvokeLock(Duration lease) {
        long millis = lease.toMillis();
        return millis == 0 && lease.isZero()
                || millis >= MIN_INVOKE_LOCK_MILLIS && millis <= MAX_INVOKE_LOCK_MILLIS;
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
                && compressionThreshold == other.compressionThreshold && invokeLockMillis == other.invokeLockMillis
                && keyPrefix.equals(other.keyPrefix);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
