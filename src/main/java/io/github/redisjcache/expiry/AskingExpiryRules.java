package io.github.redisjcache.expiry;

import javax.cache.expiry.ExpiryPolicy;

import io.github.redisjcache.store.TtlCode;

/**
 * Asks a custom policy at each operation. A policy that throws is treated as the reference implementation does:
 * a created entry never expires, an updated or accessed one keeps its expiry.
 */
final class AskingExpiryRules extends ExpiryRules {

    private final ExpiryPolicy policy;

    AskingExpiryRules(ExpiryPolicy policy) {
        this.policy = policy;
    }

    @Override
    public boolean isFixed() {
        return false;
    }

    @Override
    public long creation() {
        return creationCode(policy);
    }

    @Override
    public long update() {
        try {
            return code(policy.getExpiryForUpdate());
        } catch (RuntimeException e) {
            return TtlCode.UNCHANGED;
        }
    }

    @Override
    public long access() {
        try {
            return code(policy.getExpiryForAccess());
        } catch (RuntimeException e) {
            return TtlCode.UNCHANGED;
        }
    }

    @Override
    public ExpiryPolicy policy() {
        return policy;
    }
}
