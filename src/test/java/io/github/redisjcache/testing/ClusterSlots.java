package io.github.redisjcache.testing;

import java.nio.charset.StandardCharsets;

/** Computes the Redis Cluster hash slot of a key exactly as Redis does: CRC16/XMODEM mod 16384, with hash tags. */
public final class ClusterSlots {

    /** Number of hash slots in a Redis Cluster. */
    public static final int SLOT_COUNT = 16384;

    private static final int[] TABLE = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int crc = i << 8;
            for (int bit = 0; bit < 8; bit++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
            TABLE[i] = crc & 0xFFFF;
        }
    }

    private ClusterSlots() {
    }

    /**
     * The slot of a key: if it contains {@code {...}} with at least one byte between the first {@code {} and the
     * first {@code }} after it, only those bytes are hashed.
     */
    public static int slotOf(byte[] key) {
        int start = -1;
        for (int i = 0; i < key.length; i++) {
            if (key[i] == '{') {
                start = i;
                break;
            }
        }
        if (start >= 0) {
            for (int end = start + 1; end < key.length; end++) {
                if (key[end] == '}') {
                    if (end > start + 1) {
                        return crc16(key, start + 1, end) & (SLOT_COUNT - 1);
                    }
                    break;
                }
            }
        }
        return crc16(key, 0, key.length) & (SLOT_COUNT - 1);
    }

    /** The slot of a key given as text (encoded as UTF-8, as clients send it). */
    public static int slotOf(String key) {
        return slotOf(key.getBytes(StandardCharsets.UTF_8));
    }

    /** CRC16/XMODEM (polynomial 0x1021, initial value 0) of {@code bytes[from, to)}. */
    public static int crc16(byte[] bytes, int from, int to) {
        int crc = 0;
        for (int i = from; i < to; i++) {
            crc = ((crc << 8) ^ TABLE[((crc >>> 8) ^ bytes[i]) & 0xFF]) & 0xFFFF;
        }
        return crc;
    }
}
