package io.github.redisjcache.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The cache settings of the configuration file for one cache: the {@code defaults} overlaid with the best matching
 * template. Immutable; every setting is optional, and an absent one leaves the requested configuration alone.
 */
public final class CacheTemplate {

    private static final CacheTemplate EMPTY = new Builder().build();

    private final String codec;
    private final Set<String> allowedPackages;
    private final String keyPrefix;
    private final Integer compressionThreshold;
    private final Duration invokeLock;
    private final ExpirySetting expiry;
    private final Boolean statistics;
    private final Boolean management;
    private final Boolean readThrough;
    private final Boolean writeThrough;
    private final ClassSetting loader;
    private final ClassSetting writer;
    private final ClassSetting keyType;
    private final ClassSetting valueType;

    private CacheTemplate(Builder builder) {
        this.codec = builder.codec;
        this.allowedPackages = builder.allowedPackages == null ? null
                : Collections.unmodifiableSet(new LinkedHashSet<>(builder.allowedPackages));
        this.keyPrefix = builder.keyPrefix;
        this.compressionThreshold = builder.compressionThreshold;
        this.invokeLock = builder.invokeLock;
        this.expiry = builder.expiry;
        this.statistics = builder.statistics;
        this.management = builder.management;
        this.readThrough = builder.readThrough;
        this.writeThrough = builder.writeThrough;
        this.loader = builder.loader;
        this.writer = builder.writer;
        this.keyType = builder.keyType;
        this.valueType = builder.valueType;
    }

    /** @return the template that sets nothing */
    static CacheTemplate empty() {
        return EMPTY;
    }

    /** @return a builder of a template that sets nothing yet */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Overlays another template on this one: each setting of {@code over} replaces this one's.
     *
     * @param over the more specific template
     * @return the combined template
     */
    CacheTemplate overlaidWith(CacheTemplate over) {
        Builder combined = new Builder();
        combined.codec = pick(over.codec, codec);
        combined.allowedPackages = pick(over.allowedPackages, allowedPackages);
        combined.keyPrefix = pick(over.keyPrefix, keyPrefix);
        combined.compressionThreshold = pick(over.compressionThreshold, compressionThreshold);
        combined.invokeLock = pick(over.invokeLock, invokeLock);
        combined.expiry = pick(over.expiry, expiry);
        combined.statistics = pick(over.statistics, statistics);
        combined.management = pick(over.management, management);
        combined.readThrough = pick(over.readThrough, readThrough);
        combined.writeThrough = pick(over.writeThrough, writeThrough);
        combined.loader = pick(over.loader, loader);
        combined.writer = pick(over.writer, writer);
        combined.keyType = pick(over.keyType, keyType);
        combined.valueType = pick(over.valueType, valueType);
        return combined.build();
    }

    private static <T> T pick(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }

    Optional<String> codec() {
        return Optional.ofNullable(codec);
    }

    Optional<Set<String>> allowedPackages() {
        return Optional.ofNullable(allowedPackages);
    }

    Optional<String> keyPrefix() {
        return Optional.ofNullable(keyPrefix);
    }

    Optional<Integer> compressionThreshold() {
        return Optional.ofNullable(compressionThreshold);
    }

    /** @return how long {@code invoke} may hold its cluster-wide lock on a key; zero for no lock */
    Optional<Duration> invokeLock() {
        return Optional.ofNullable(invokeLock);
    }

    Optional<ExpirySetting> expiry() {
        return Optional.ofNullable(expiry);
    }

    Optional<Boolean> statistics() {
        return Optional.ofNullable(statistics);
    }

    Optional<Boolean> management() {
        return Optional.ofNullable(management);
    }

    Optional<Boolean> readThrough() {
        return Optional.ofNullable(readThrough);
    }

    Optional<Boolean> writeThrough() {
        return Optional.ofNullable(writeThrough);
    }

    Optional<ClassSetting> loader() {
        return Optional.ofNullable(loader);
    }

    Optional<ClassSetting> writer() {
        return Optional.ofNullable(writer);
    }

    Optional<ClassSetting> keyType() {
        return Optional.ofNullable(keyType);
    }

    Optional<ClassSetting> valueType() {
        return Optional.ofNullable(valueType);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof CacheTemplate)) {
            return false;
        }
        CacheTemplate that = (CacheTemplate) other;
        return Objects.equals(codec, that.codec) && Objects.equals(allowedPackages, that.allowedPackages)
                && Objects.equals(keyPrefix, that.keyPrefix)
                && Objects.equals(compressionThreshold, that.compressionThreshold)
                && Objects.equals(invokeLock, that.invokeLock)
                && Objects.equals(expiry, that.expiry) && Objects.equals(statistics, that.statistics)
                && Objects.equals(management, that.management) && Objects.equals(readThrough, that.readThrough)
                && Objects.equals(writeThrough, that.writeThrough) && Objects.equals(loader, that.loader)
                && Objects.equals(writer, that.writer) && Objects.equals(keyType, that.keyType)
                && Objects.equals(valueType, that.valueType);
    }

    @Override
    public int hashCode() {
        return Objects.hash(codec, allowedPackages, keyPrefix, compressionThreshold, expiry, loader, writer);
    }

    /** @return the settings this template sets, in the configuration file's names */
    @Override
    public String toString() {
        StringJoiner set = new StringJoiner(", ", "CacheTemplate{", "}");
        add(set, "codec", codec);
        add(set, "allowed-packages", allowedPackages);
        add(set, "key-prefix", keyPrefix);
        add(set, "compression-threshold", compressionThreshold);
        add(set, "invoke-lock", invokeLock);
        add(set, "expiry", expiry);
        add(set, "statistics", statistics);
        add(set, "management", management);
        add(set, "read-through", readThrough);
        add(set, "write-through", writeThrough);
        add(set, "loader", loader);
        add(set, "writer", writer);
        add(set, "key-type", keyType);
        add(set, "value-type", valueType);
        return set.toString();
    }

    private static void add(StringJoiner joiner, String name, Object value) {
        if (value != null) {
            joiner.add(name + "=" + value);
        }
    }

    /** Collects the settings of one template; unset ones stay {@code null}. */
    static final class Builder {

        private String codec;
        private Set<String> allowedPackages;
        private String keyPrefix;
        private Integer compressionThreshold;
        private Duration invokeLock;
        private ExpirySetting expiry;
        private Boolean statistics;
        private Boolean management;
        private Boolean readThrough;
        private Boolean writeThrough;
        private ClassSetting loader;
        private ClassSetting writer;
        private ClassSetting keyType;
        private ClassSetting valueType;

        private Builder() {
        }

        Builder codec(String value) {
            this.codec = value;
            return this;
        }

        Builder allowedPackages(Set<String> value) {
            this.allowedPackages = value;
            return this;
        }

        Builder keyPrefix(String value) {
            this.keyPrefix = value;
            return this;
        }

        Builder compressionThreshold(Integer value) {
            this.compressionThreshold = value;
            return this;
        }

        Builder invokeLock(Duration value) {
            this.invokeLock = value;
            return this;
        }

        Builder expiry(ExpirySetting value) {
            this.expiry = value;
            return this;
        }

        Builder statistics(Boolean value) {
            this.statistics = value;
            return this;
        }

        Builder management(Boolean value) {
            this.management = value;
            return this;
        }

        Builder readThrough(Boolean value) {
            this.readThrough = value;
            return this;
        }

        Builder writeThrough(Boolean value) {
            this.writeThrough = value;
            return this;
        }

        Builder loader(ClassSetting value) {
            this.loader = value;
            return this;
        }

        Builder writer(ClassSetting value) {
            this.writer = value;
            return this;
        }

        Builder keyType(ClassSetting value) {
            this.keyType = value;
            return this;
        }

        Builder valueType(ClassSetting value) {
            this.valueType = value;
            return this;
        }

        CacheTemplate build() {
            return new CacheTemplate(this);
        }
    }
}
