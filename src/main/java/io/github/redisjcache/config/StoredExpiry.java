package io.github.redisjcache.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import javax.cache.configuration.Factory;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;

/** A cache's expiry policy as stored in Redis: a built-in policy with its duration, or a custom policy's class. */
final class StoredExpiry {

    static final String CUSTOM = "custom";

    private final String policy;
    private final long durationMillis;
    private final String className;

    private StoredExpiry(String policy, long durationMillis, String className) {
        this.policy = policy;
        this.durationMillis = durationMillis;
        this.className = className;
    }

    /**
     * Describes a policy the cache already created; built-in ones are recognised by their exact class.
     *
     * @param policy the cache's policy
     * @return its description
     */
    static StoredExpiry of(ExpiryPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        ExpiryKind kind = ExpiryKind.of(policy);
        if (kind == null) {
            return new StoredExpiry(CUSTOM, 0, policy.getClass().getName());
        }
        Duration duration = kind == ExpiryKind.ETERNAL ? null : policy.getExpiryForCreation();
        // Every built-in policy with an eternal duration never expires anything: it is the eternal policy.
        if (duration == null || duration.isEternal()) {
            return new StoredExpiry(ExpiryKind.ETERNAL.id(), 0, null);
        }
        return new StoredExpiry(kind.id(), duration.getTimeUnit().toMillis(duration.getDurationAmount()), null);
    }

    /**
     * Reads the stored description.
     *
     * @param fields the {@code expiry} object
     * @return the description
     */
    static StoredExpiry fromJson(StoredFields fields) {
        String policy = fields.text("policy");
        if (policy.equals(CUSTOM)) {
            return new StoredExpiry(CUSTOM, 0, fields.text("class"));
        }
        ExpiryKind kind = ExpiryKind.byId(policy);
        if (kind == null) {
            throw StoredFields.invalid(fields.key("policy"), "unknown policy '" + policy + "'; expected "
                    + ExpiryKind.ids() + " or " + CUSTOM);
        }
        if (kind == ExpiryKind.ETERNAL) {
            return new StoredExpiry(policy, 0, null);
        }
        if (!fields.has("durationMillis")) {
            throw StoredFields.invalid(fields.key("durationMillis"), "missing");
        }
        return new StoredExpiry(policy, fields.number("durationMillis", 0), null);
    }

    /** @return the JSON object, e.g. {@code {"policy":"created","durationMillis":600000}} */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("policy", policy);
        if (className != null) {
            json.put("class", className);
        } else if (!policy.equals(ExpiryKind.ETERNAL.id())) {
            json.put("durationMillis", durationMillis);
        }
        return json;
    }

    /**
     * Rebuilds the policy's factory.
     *
     * @param classLoader loads a custom policy's class
     * @return a factory of the same policy
     */
    Factory<ExpiryPolicy> factory(ClassLoader classLoader) {
        if (className != null) {
            return new ClassSetting(StoredFields.SOURCE, "expiry.class", className)
                    .classFactory(classLoader, ExpiryPolicy.class);
        }
        return ExpiryKind.byId(policy).factory(durationMillis);
    }

    /** @return e.g. {@code created 600000ms}, {@code eternal} or {@code custom com.example.MyPolicy} */
    String describe() {
        if (className != null) {
            return CUSTOM + " " + className;
        }
        return policy.equals(ExpiryKind.ETERNAL.id()) ? policy : policy + " " + durationMillis + "ms";
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof StoredExpiry)) {
            return false;
        }
        StoredExpiry that = (StoredExpiry) other;
        return policy.equals(that.policy) && durationMillis == that.durationMillis
                && Objects.equals(className, that.className);
    }

    @Override
    public int hashCode() {
        return Objects.hash(policy, durationMillis, className);
    }

    @Override
    public String toString() {
        return describe();
    }
}
