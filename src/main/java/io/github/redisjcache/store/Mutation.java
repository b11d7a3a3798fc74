package io.github.redisjcache.store;

import java.util.Objects;

/**
 * One conditional change to an entry, as {@code mutate.lua} performs it atomically; built with the static
 * factories and the {@code with...} methods.
 */
public final class Mutation {

    /** The condition "only if the entry holds exactly the expected bytes". */
    static final String IF_EQUALS = "e";

    /** The condition "only if the entry is absent". */
    static final String IF_ABSENT = "n";

    private static final byte[] NONE = new byte[0];

    final String condition;
    final byte[] expected;
    final String action;
    final byte[] value;
    final long createTtl;
    final long updateTtl;
    final long missTtl;
    final boolean outcomeOnly;

    private Mutation(String condition, byte[] expected, String action, byte[] value, long createTtl,
                     long updateTtl, long missTtl) {
        this(condition, expected, action, value, createTtl, updateTtl, missTtl, false);
    }

    private Mutation(String condition, byte[] expected, String action, byte[] value, long createTtl,
                     long updateTtl, long missTtl, boolean outcomeOnly) {
        this.condition = condition;
        this.expected = expected;
        this.action = action;
        this.value = value;
        this.createTtl = createTtl;
        this.updateTtl = updateTtl;
        this.missTtl = missTtl;
        this.outcomeOnly = outcomeOnly;
    }

    /**
     * This change, or, when its values are not wanted, the same change answered by its outcome alone: the result
     * then carries neither the old value nor an expired one (events are published all the same). Spares Redis and
     * the client a value in the reply when nobody in this JVM needs it.
     *
     * @param wanted whether the caller needs the old value or an expired value the change found
     * @return the mutation
     */
    public Mutation withValues(boolean wanted) {
        return wanted ? this : new Mutation(condition, expected, action, value, createTtl, updateTtl, missTtl, true);
    }

    /** @return whether this change sets a value whatever the entry holds ({@link #put}) */
    boolean isPut() {
        return condition.equals("a") && action.equals("s");
    }

    /** @return whether the change deletes the entry when its condition holds */
    boolean isDelete() {
        return action.equals("d");
    }

    /**
     * Sets a value whatever the entry holds.
     *
     * @param value     the new value
     * @param createTtl the time to live if the entry is created
     * @param updateTtl the time to live if it is updated
     * @return the mutation
     */
    public static Mutation put(byte[] value, long createTtl, long updateTtl) {
        return new Mutation("a", NONE, "s", Objects.requireNonNull(value), createTtl, updateTtl, TtlCode.UNCHANGED);
    }

    /**
     * Sets a value only if the entry is absent.
     *
     * @param value     the new value
     * @param createTtl the time to live of the created entry
     * @return the mutation
     */
    public static Mutation putIfAbsent(byte[] value, long createTtl) {
        return new Mutation("n", NONE, "s", Objects.requireNonNull(value), createTtl, TtlCode.UNCHANGED,
                TtlCode.UNCHANGED);
    }

    /**
     * Sets a value only if the entry is present.
     *
     * @param value     the new value
     * @param updateTtl the time to live of the updated entry
     * @return the mutation
     */
    public static Mutation replace(byte[] value, long updateTtl) {
        return new Mutation("x", NONE, "s", Objects.requireNonNull(value), TtlCode.EXPIRE_NOW, updateTtl,
                TtlCode.UNCHANGED);
    }

    /**
     * Sets a value only if the entry holds exactly the expected bytes; otherwise applies the access expiry.
     *
     * @param expected  the bytes the entry must hold
     * @param value     the new value
     * @param updateTtl the time to live of the updated entry
     * @param missTtl   the time to live applied when the entry holds other bytes
     * @return the mutation
     */
    public static Mutation replaceIfEquals(byte[] expected, byte[] value, long updateTtl, long missTtl) {
        return new Mutation(IF_EQUALS, Objects.requireNonNull(expected), "s", Objects.requireNonNull(value),
                TtlCode.EXPIRE_NOW, updateTtl, missTtl);
    }

    /**
     * Deletes the entry if present.
     *
     * @return the mutation
     */
    public static Mutation remove() {
        return new Mutation("x", NONE, "d", NONE, TtlCode.EXPIRE_NOW, TtlCode.UNCHANGED, TtlCode.UNCHANGED);
    }

    /**
     * Deletes the entry only if it holds exactly the expected bytes; otherwise applies the access expiry.
     *
     * @param expected the bytes the entry must hold
     * @param missTtl  the time to live applied when the entry holds other bytes
     * @return the mutation
     */
    public static Mutation removeIfEquals(byte[] expected, long missTtl) {
        return new Mutation(IF_EQUALS, Objects.requireNonNull(expected), "d", NONE, TtlCode.EXPIRE_NOW,
                TtlCode.UNCHANGED, missTtl);
    }

    /**
     * Applies an access expiry only if the entry still holds exactly the bytes that were read.
     *
     * @param expected  the bytes read
     * @param accessTtl the access time to live
     * @return the mutation
     */
    public static Mutation touchIfEquals(byte[] expected, long accessTtl) {
        return new Mutation(IF_EQUALS, Objects.requireNonNull(expected), "g", NONE, TtlCode.EXPIRE_NOW, accessTtl,
                TtlCode.UNCHANGED);
    }

    /**
     * Reads the entry, applying an access expiry if present (the value comes back as the old value).
     *
     * @param accessTtl the access time to live
     * @return the mutation
     */
    public static Mutation read(long accessTtl) {
        return new Mutation("a", NONE, "g", NONE, TtlCode.EXPIRE_NOW, accessTtl, TtlCode.UNCHANGED);
    }

    /**
     * Applies an access expiry to the entry if present.
     *
     * @param accessTtl the access time to live
     * @return the mutation
     */
    public static Mutation touch(long accessTtl) {
        return new Mutation("x", NONE, "g", NONE, TtlCode.EXPIRE_NOW, accessTtl, TtlCode.UNCHANGED);
    }

    /**
     * Compare-and-set for entry processors: commits only if the entry still is what the processor saw.
     *
     * @param snapshot    the bytes the processor saw, or {@code null} when it saw no entry
     * @param action      what to commit
     * @param value       the new value for {@link CommitAction#SET}
     * @param createTtl   the time to live if the commit creates the entry
     * @param updateTtl   the time to live if the commit updates or accesses the entry
     * @return the mutation; when refused, its result carries the bytes the entry held instead (null for none),
     *         which entry processors run again on
     */
    public static Mutation commit(byte[] snapshot, CommitAction action, byte[] value, long createTtl,
                                  long updateTtl) {
        String condition = snapshot == null ? IF_ABSENT : IF_EQUALS;
        String code = action == CommitAction.SET ? "s" : action == CommitAction.DELETE ? "d" : "g";
        return new Mutation(condition, snapshot == null ? NONE : snapshot, code,
                value == null ? NONE : value, createTtl, updateTtl, TtlCode.UNCHANGED);
    }

    /** What an entry processor's commit does. */
    public enum CommitAction {
        /** Writes a new value. */
        SET,
        /** Deletes the entry. */
        DELETE,
        /** Keeps the value, applying the access expiry. */
        ACCESS
    }
}
