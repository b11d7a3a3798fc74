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
}
