package io.github.redisjcache.codec;

import java.util.Arrays;

/**
 * The classes one Kryo instance has resolved, found again by the bytes that spell their names in Kryo's string
 * encoding. Every value of an unregistered class carries its class name; reading those bytes into a {@code String}
 * and hashing it to look the class up again took about a fifth of a small value's decode (BENCHMARKS.md). Holds only
 * classes that were allowed and loaded before, at most {@link #MAX_ENTRIES}; not thread-safe (one per Kryo instance).
 */
final class ResolvedNames {

    static final int MAX_ENTRIES = 192;
    private static final int SLOTS = 256;

    private final byte[][] names = new byte[SLOTS][];
    private final Class<?>[] types = new Class<?>[SLOTS];
    private int size;

    /**
     * Finds where a string Kryo wrote ({@code Output.writeString}) ends, without decoding it.
     *
     * @param buffer the bytes
     * @param start  where the string starts
     * @param limit  where the readable bytes end
     * @return the index after the string's last byte, or -1 for null, the empty string, bytes that are not a
     *     well-formed string, or a string that runs past {@code limit}
     */
    static int end(byte[] buffer, int start, int limit) {
        if (start >= limit) {
            return -1;
        }
        if ((buffer[start] & 0x80) == 0) {
            // ASCII: the last character has its high bit set.
            for (int p = start; p < limit; p++) {
                if ((buffer[p] & 0x80) != 0) {
                    return p + 1;
                }
            }
            return -1;
        }
        // A length (characters + 1) in a varint whose first byte holds 6 bits, then UTF-8.
        int p = start;
        int b = buffer[p++];
        long count = b & 0x3F;
        if ((b & 0x40) != 0) {
            int shift = 6;
            do {
                if (p >= limit || shift > 27) {
                    return -1;
                }
                b = buffer[p++];
                count |= (long) (b & 0x7F) << shift;
                shift += 7;
            } while ((b & 0x80) != 0);
        }
        if (count < 2) {
            return -1;
        }
        for (long c = count - 1; c > 0; c--) {
            if (p >= limit) {
                return -1;
            }
            switch ((buffer[p] & 0xFF) >> 4) {
                case 0, 1, 2, 3, 4, 5, 6, 7 -> p += 1;
                case 12, 13 -> p += 2;
                case 14 -> p += 3;
                default -> {
                    return -1;
                }
            }
        }
        return p <= limit ? p : -1;
    }

    /**
     * @return the class whose name is spelled by {@code buffer[start, end)}, or null when none is held
     */
    Class<?> get(byte[] buffer, int start, int end) {
        int mask = SLOTS - 1;
        for (int slot = hash(buffer, start, end) & mask; names[slot] != null; slot = (slot + 1) & mask) {
            byte[] name = names[slot];
            if (Arrays.equals(name, 0, name.length, buffer, start, end)) {
                return types[slot];
            }
        }
        return null;
    }

    /** Holds a class that was allowed and loaded under the name spelled by {@code buffer[start, end)}. */
    void put(byte[] buffer, int start, int end, Class<?> type) {
        if (size >= MAX_ENTRIES || get(buffer, start, end) != null) {
            return;
        }
        int mask = SLOTS - 1;
        int slot = hash(buffer, start, end) & mask;
        while (names[slot] != null) {
            slot = (slot + 1) & mask;
        }
        names[slot] = Arrays.copyOfRange(buffer, start, end);
        types[slot] = type;
        size++;
    }

    private static int hash(byte[] buffer, int start, int end) {
        int h = 1;
        for (int p = start; p < end; p++) {
            h = 31 * h + buffer[p];
        }
        return h ^ (h >>> 16);
    }
}
