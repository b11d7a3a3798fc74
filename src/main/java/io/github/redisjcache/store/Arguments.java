package io.github.redisjcache.store;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Command arguments as the bytes Redis reads. Redisson writes a {@code byte[]} argument as it is, but turns any other
 * (a {@code String}, a {@code Long}) into a pooled buffer on every call, encodes it and frees it again: measured on
 * Redisson's own encoder, a script call with eight such arguments cost 1.22 µs to encode, against 0.75 µs with the
 * same arguments as bytes. The arguments sent on every call (flags, times to live, channel names, origins) are few
 * distinct values, so their bytes are made once.
 */
final class Arguments {

    // Times to live in milliseconds and key counts: small numbers recur on every call.
    private static final int CACHED_NUMBERS = 1024;
    private static final int FIRST_CACHED_NUMBER = -2;
    private static final byte[][] NUMBERS = new byte[CACHED_NUMBERS][];
    // Texts are the caches' channel names and origins and the scripts' one-letter flags; the bound only guards
    // against a caller that passes ever new text.
    private static final int MAX_CACHED_TEXTS = 4096;
    private static final ConcurrentMap<String, byte[]> TEXTS = new ConcurrentHashMap<>();

    static {
        for (int i = 0; i < CACHED_NUMBERS; i++) {
            NUMBERS[i] = ascii(FIRST_CACHED_NUMBER + i);
        }
    }

    private Arguments() {
    }

    /**
     * @param number an integer argument
     * @return its decimal digits, as Redis parses integer arguments
     */
    static byte[] number(long number) {
        long index = number - FIRST_CACHED_NUMBER;
        return index >= 0 && index < CACHED_NUMBERS ? NUMBERS[(int) index] : ascii(number);
    }

    /**
     * @param text a text argument; the same text always gives the same array, which callers must not change
     * @return its UTF-8 bytes
     */
    static byte[] text(String text) {
        byte[] bytes = TEXTS.get(text);
        if (bytes == null) {
            bytes = text.getBytes(StandardCharsets.UTF_8);
            if (TEXTS.size() < MAX_CACHED_TEXTS) {
                byte[] earlier = TEXTS.putIfAbsent(text, bytes);
                if (earlier != null) {
                    bytes = earlier;
                }
            }
        }
        return bytes;
    }

    private static byte[] ascii(long number) {
        return Long.toString(number).getBytes(StandardCharsets.US_ASCII);
    }
}
