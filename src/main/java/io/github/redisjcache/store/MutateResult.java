package io.github.redisjcache.store;

/**
 * What {@code mutate.lua} did to an entry, and the value the entry held before.
 *
 * @param outcome      one of the outcome constants
 * @param oldValue     the value before the change, or {@code null} when the entry was absent
 * @param expiredValue the value of an expired entry whose expiry this change found unreported and reported, or null
 */
public record MutateResult(int outcome, byte[] oldValue, byte[] expiredValue) {

    /**
     * A result that found no unreported expiry.
     *
     * @param outcome  the outcome
     * @param oldValue the value before the change, or null
     */
    public MutateResult(int outcome, byte[] oldValue) {
        this(outcome, oldValue, null);
    }

    /** The condition did not hold; nothing changed but a possible access expiry. */
    public static final int CONDITION_FAILED = 0;
    /** The entry did not exist and was created. */
    public static final int CREATED = 1;
    /** The entry existed and was updated. */
    public static final int UPDATED = 2;
    /** The entry was deleted (or was already absent: then {@code oldValue} is null). */
    public static final int DELETED = 3;
    /** The entry was read and its access expiry applied (or was absent). */
    public static final int ACCESSED = 4;
    /** The entry would have been created with an expiry of zero, so it was not stored. */
    public static final int CREATED_EXPIRED = 5;
    /** The entry was updated with an expiry of zero, so it was deleted. */
    public static final int UPDATED_EXPIRED = 6;
    /** The entry was accessed with an expiry of zero, so it was deleted. */
    public static final int ACCESSED_EXPIRED = 7;
    /** A native command wrote the value: the entry was created or updated, and which is not known. */
    public static final int WRITTEN = 8;

    /** A native write whose outcome needs no more detail. */
    public static final MutateResult WRITTEN_UNKNOWN = new MutateResult(WRITTEN, null);

    /** @return whether the value was stored (created, updated or written) */
    public boolean stored() {
        return outcome == CREATED || outcome == UPDATED || outcome == WRITTEN;
    }

    /** @return whether the entry existed before the change */
    public boolean existed() {
        return oldValue != null;
    }
}
