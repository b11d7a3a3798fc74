package io.github.redisjcache.expiry;

import javax.cache.expiry.ExpiryPolicy;

/** The answers of a built-in policy, read once. */
final class FixedExpiryRules extends ExpiryRules {

    private final ExpiryPolicy policy;
    private final long creation;
    private final long update;
    private final long access;

    FixedExpiryRules(ExpiryPolicy policy, long creation, long update, long access) {
        this.policy = policy;
        this.creation = creation;
        this.update = update;
        this.access = access;
    }

    @Override
    public boolean isFixed() {
        return true;
    }

    @Override
    public long creation() {
        return creation;
    }

    @Override
    public long update() {
        return update;
    }

    @Override
    public long access() {
        return access;
    }

    @Override
    public ExpiryPolicy policy() {
        return policy;
    }
}
