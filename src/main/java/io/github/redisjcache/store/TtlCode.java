package io.github.redisjcache.store;

/**
 * How the store encodes a time to live in one {@code long}: positive values are milliseconds, and three negative or
 * zero values say what no number of milliseconds can.
 */
public final class TtlCode {

    /** Never expires (Redis PERSIST, or a SET without PX). */
    public static final long ETERNAL = 0;

    /** Keeps whatever time to live the entry had (Redis KEEPTTL). */
    public static final long UNCHANGED = -1;

    /** Expires at once: a created entry is not stored, an existing one is deleted. */
    public static final long EXPIRE_NOW = -2;

    private TtlCode() {
    }

    /**
     * Tells whether a code is a plain positive number of milliseconds.
     *
     * @param code a time to live code
     * @return true for milliseconds
     */
    public static boolean isMillis(long code) {
        return code > 0;
    }

    /**
     * Tells whether a created entry takes a number of milliseconds and an updated one keeps its time to live (the
     * Created and Accessed policies): what no single SET gives, and a SET NX PX or a SET XX KEEPTTL does, whichever
     * finds the entry in its state.
     *
     * @param create the time to live of a created entry
     * @param update the time to live of an updated entry
     * @return true for milliseconds on creation and {@link #UNCHANGED} on update
     */
    public static boolean keptFromCreation(long create, long update) {
        return isMillis(create) && update == UNCHANGED;
    }

    /**
     * Finds the one time to live a single SET can give an entry so that it gets the creation rule when it is created
     * and the update rule when it is updated: a number of milliseconds (PX), {@link #ETERNAL} (no option) or
     * {@link #UNCHANGED} (KEEPTTL, which leaves a created entry without expiry).
     *
     * @param create the time to live of a created entry
     * @param update the time to live of an updated entry
     * @return the SET's time to live, or {@code Long.MIN_VALUE} when no single SET gives both
     */
    public static long singleSet(long create, long update) {
        if (create == update && create >= 0) {
            return create;
        }
        if (create == ETERNAL && update == UNCHANGED) {
            // KEEPTTL on a new key leaves it without expiry: exactly "eternal on creation, unchanged on update".
            return UNCHANGED;
        }
        return Long.MIN_VALUE;
    }
}
