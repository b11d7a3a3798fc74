package io.github.redisjcache.integrationtests;

import java.util.concurrent.TimeUnit;

import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;

/** The configurations the round-trip tests cover: a plain one and each built-in policy with ten minutes. */
enum ExpiryPolicies {
    PLAIN(false, false, false),
    ETERNAL(false, false, false),
    CREATED(true, false, false),
    ACCESSED(true, false, true),
    MODIFIED(true, true, false),
    TOUCHED(true, true, true);

    private static final Duration TEN_MINUTES = new Duration(TimeUnit.MINUTES, 10);

    private final boolean expiresOnCreation;
    private final boolean expiresOnUpdate;
    private final boolean expiresOnAccess;

    ExpiryPolicies(boolean onCreation, boolean onUpdate, boolean onAccess) {
        this.expiresOnCreation = onCreation;
        this.expiresOnUpdate = onUpdate;
        this.expiresOnAccess = onAccess;
    }

    MutableConfiguration<String, Integer> configuration() {
        MutableConfiguration<String, Integer> configuration = new MutableConfiguration<String, Integer>()
                .setTypes(String.class, Integer.class);
        switch (this) {
            case ETERNAL -> configuration.setExpiryPolicyFactory(EternalExpiryPolicy.factoryOf());
            case CREATED -> configuration.setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(TEN_MINUTES));
            case ACCESSED -> configuration.setExpiryPolicyFactory(AccessedExpiryPolicy.factoryOf(TEN_MINUTES));
            case MODIFIED -> configuration.setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(TEN_MINUTES));
            case TOUCHED -> configuration.setExpiryPolicyFactory(TouchedExpiryPolicy.factoryOf(TEN_MINUTES));
            default -> { }
        }
        return configuration;
    }

    /** Whether a read sets a new time to live, which a plain GET cannot. */
    boolean expiresOnAccess() {
        return expiresOnAccess;
    }

    /**
     * Whether one SET can give both the creation and the update rule: the same time to live for both, or eternal on
     * creation and unchanged on update (KEEPTTL). Otherwise a write must learn whether the entry exists: a put tries
     * SET NX PX or SET XX KEEPTTL, then the other, and a putAll calls a script.
     */
    boolean expiresOnCreation() {
        return expiresOnCreation;
    }

    boolean putIsOneSet() {
        return expiresOnCreation == expiresOnUpdate;
    }

    /** @return a configuration whose policy is no built-in one, so it must be asked at each operation */
    static MutableConfiguration<String, Integer> custom() {
        return new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class)
                .setExpiryPolicyFactory(FactoryBuilder.factoryOf(CustomExpiry.class));
    }
}
