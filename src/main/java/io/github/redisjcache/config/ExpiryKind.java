package io.github.redisjcache.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.cache.configuration.Factory;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;

/** The five expiry policies JCache ships, by the names the configuration file and the stored format use. */
enum ExpiryKind {
    CREATED(CreatedExpiryPolicy.class),
    ACCESSED(AccessedExpiryPolicy.class),
    MODIFIED(ModifiedExpiryPolicy.class),
    TOUCHED(TouchedExpiryPolicy.class),
    ETERNAL(EternalExpiryPolicy.class);

    private final Class<? extends ExpiryPolicy> policyClass;

    ExpiryKind(Class<? extends ExpiryPolicy> policyClass) {
        this.policyClass = policyClass;
    }

    /** @return the name in configuration files, e.g. {@code created} */
    String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @return the accepted names, for error messages */
    static String ids() {
        return Arrays.stream(values()).map(ExpiryKind::id).collect(Collectors.joining(", "));
    }

    /**
     * Finds a kind by its name.
     *
     * @param id e.g. {@code modified}
     * @return the kind, or {@code null} when the name is unknown
     */
    static ExpiryKind byId(String id) {
        for (ExpiryKind kind : values()) {
            if (kind.id().equals(id)) {
                return kind;
            }
        }
        return null;
    }

    /**
     * Recognises a built-in policy; subclasses are not recognised because they may behave differently.
     *
     * @param policy a policy
     * @return its kind, or {@code null} for any other policy
     */
    static ExpiryKind of(ExpiryPolicy policy) {
        for (ExpiryKind kind : values()) {
            if (kind.policyClass == policy.getClass()) {
                return kind;
            }
        }
        return null;
    }

    /**
     * Builds a factory of this policy, the same way the policies' own {@code factoryOf} methods do.
     *
     * @param millis the duration in milliseconds; ignored for {@link #ETERNAL}
     * @return a serializable factory that compares equal to other factories of the same policy and duration
     */
    Factory<ExpiryPolicy> factory(long millis) {
        Duration duration = new Duration(TimeUnit.MILLISECONDS, millis);
        switch (this) {
            case CREATED:
                return CreatedExpiryPolicy.factoryOf(duration);
            case ACCESSED:
                return AccessedExpiryPolicy.factoryOf(duration);
            case MODIFIED:
                return ModifiedExpiryPolicy.factoryOf(duration);
            case TOUCHED:
                return TouchedExpiryPolicy.factoryOf(duration);
            default:
                return EternalExpiryPolicy.factoryOf();
        }
    }
}
