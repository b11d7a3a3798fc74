package io.github.redisjcache.expiry;

import java.util.concurrent.TimeUnit;

import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;

import io.github.redisjcache.store.TtlCode;

/**
 * Turns a cache's {@link ExpiryPolicy} into Redis times to live ({@link TtlCode}s) for created, updated and
 * accessed entries.
 *
 * <p>The built-in policies have no side effects, so their answers are read once and every operation can send its
 * time to live with its command in one round trip ({@link #isFixed()}). A custom policy is asked exactly when the
 * specification says, which may need the entry's state first.
 */
public abstract class ExpiryRules {

    /**
     * Builds the rules of a policy.
     *
     * @param policy the cache's policy
     * @return fixed rules for the built-in policies, asking rules otherwise
     */
    public static ExpiryRules of(ExpiryPolicy policy) {
        Class<?> type = policy.getClass();
        if (type == CreatedExpiryPolicy.class || type == AccessedExpiryPolicy.class
                || type == ModifiedExpiryPolicy.class || type == TouchedExpiryPolicy.class
                || type == EternalExpiryPolicy.class) {
            return new FixedExpiryRules(policy, creationCode(policy), code(policy.getExpiryForUpdate()),
                    code(policy.getExpiryForAccess()));
        }
        return new AskingExpiryRules(policy);
    }

    /** @return whether the answers never change, so they may be computed before knowing the entry's state */
    public abstract boolean isFixed();

    /** @return the time to live of a created entry; asks a custom policy */
    public abstract long creation();

    /** @return the time to live of an updated entry, or {@link TtlCode#UNCHANGED}; asks a custom policy */
    public abstract long update();

    /** @return the time to live of an accessed entry, or {@link TtlCode#UNCHANGED}; asks a custom policy */
    public abstract long access();

    /** @return the policy these rules come from */
    public abstract ExpiryPolicy policy();

    static long creationCode(ExpiryPolicy policy) {
        Duration duration;
        try {
            duration = policy.getExpiryForCreation();
        } catch (RuntimeException e) {
            // As the reference implementation: an entry whose expiry cannot be determined never expires.
            return TtlCode.ETERNAL;
        }
        return duration == null ? TtlCode.ETERNAL : code(duration);
    }

    /**
     * Converts a policy's duration to a time to live code.
     *
     * @param duration the duration, or {@code null} for "leave it as it is"
     * @return the code
     */
    public static long code(Duration duration) {
        if (duration == null) {
            return TtlCode.UNCHANGED;
        }
        if (duration.isEternal()) {
            return TtlCode.ETERNAL;
        }
        if (duration.isZero()) {
            return TtlCode.EXPIRE_NOW;
        }
        TimeUnit unit = duration.getTimeUnit();
        long millis = unit.toMillis(duration.getDurationAmount());
        if (millis == Long.MAX_VALUE) {
            return TtlCode.ETERNAL;
        }
        // Units below a millisecond still mean "a little while", never "now".
        return Math.max(1, millis);
    }
}
