package io.github.redisjcache.keys;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The Redis keys and channels of one cache; made only by {@link KeyNames#cache(String)}. */
public final class CacheKeys {

    private final String prefix;
    private final String escapedName;
    private final byte[] entryPrefix;

    CacheKeys(String prefix, String escapedName) {
        this.prefix = prefix;
        this.escapedName = escapedName;
        this.entryPrefix = (prefix + KeyNames.SEPARATOR + escapedName + KeyNames.SEPARATOR)
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Builds the key of one entry.
     *
     * @param encodedKey the cache key as its key codec encoded it
     * @return {@code prefix:cacheName:} followed by the encoded key
     */
    public byte[] entry(byte[] encodedKey) {
        byte[] key = Arrays.copyOf(entryPrefix, entryPrefix.length + encodedKey.length);
        System.arraycopy(encodedKey, 0, key, entryPrefix.length, encodedKey.length);
        return key;
    }

    /**
     * Builds the key of one entry whose key is stored as its text: the same bytes as {@code entry} of the text's
     * UTF-8 encoding, in one copy when the text is ASCII (keys are built for every operation).
     *
     * @param text the cache key's text
     * @return {@code prefix:cacheName:} followed by the text in UTF-8
     */
    public byte[] entryOfText(String text) {
        int length = text.length();
        int start = entryPrefix.length;
        byte[] key = Arrays.copyOf(entryPrefix, start + length);
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c >= 0x80) {
                return entry(text.getBytes(StandardCharsets.UTF_8));
            }
            key[start + i] = (byte) c;
        }
        return key;
    }

    /**
     * Recovers the encoded cache key from an entry key.
     *
     * @param entryKey a key this cache's {@link #entry(byte[])} built
     * @return the encoded cache key
     * @throws IllegalArgumentException when the key is not one of this cache's entries
     */
    public byte[] encodedKeyOf(byte[] entryKey) {
        if (!isEntry(entryKey)) {
            throw new IllegalArgumentException("Not an entry key of this cache");
        }
        return Arrays.copyOfRange(entryKey, entryPrefix.length, entryKey.length);
    }

    /**
     * Tells whether a Redis key is one of this cache's entries.
     *
     * @param key a Redis key
     * @return true when the key starts with this cache's entry prefix
     */
    public boolean isEntry(byte[] key) {
        if (key.length < entryPrefix.length) {
            return false;
        }
        for (int i = 0; i < entryPrefix.length; i++) {
            if (key[i] != entryPrefix[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Builds the key of an entry's shadow: a copy of its value kept a little longer than the entry, so that its
     * expiry can be reported with the old value. The shadow lives in the same hash slot as the entry (its hash tag
     * is whatever Redis hashes of the entry key), so one script can use both on Redis Cluster.
     *
     * @param entryKey the entry key
     * @return {@code {hashed part}#old:entryKey}, or null for the rare key whose hashed part cannot be tagged
     *         (a key with a '}' but no hash tag of its own)
     */
    public byte[] shadow(byte[] entryKey) {
        int open = indexOf(entryKey, (byte) '{', 0);
        int close = open < 0 ? -1 : indexOf(entryKey, (byte) '}', open + 1);
        int start;
        int end;
        if (open >= 0 && close > open + 1) {
            start = open + 1;
            end = close;
        } else if (indexOf(entryKey, (byte) '}', 0) < 0) {
            start = 0;
            end = entryKey.length;
        } else {
            return null;
        }
        byte[] marker = "}#old:".getBytes(StandardCharsets.UTF_8);
        byte[] shadow = new byte[1 + (end - start) + marker.length + entryKey.length];
        shadow[0] = '{';
        System.arraycopy(entryKey, start, shadow, 1, end - start);
        System.arraycopy(marker, 0, shadow, 1 + end - start, marker.length);
        System.arraycopy(entryKey, 0, shadow, 1 + end - start + marker.length, entryKey.length);
        return shadow;
    }

    /**
     * Recovers the entry key from a shadow key.
     *
     * @param shadowKey a key {@link #shadow(byte[])} built
     * @return the entry key, or null when the key is no shadow of this cache
     */
    public byte[] entryOfShadow(byte[] shadowKey) {
        byte[] marker = "}#old:".getBytes(StandardCharsets.UTF_8);
        int at = indexOf(shadowKey, marker, 0);
        if (at < 0) {
            return null;
        }
        byte[] entryKey = Arrays.copyOfRange(shadowKey, at + marker.length, shadowKey.length);
        return isEntry(entryKey) ? entryKey : null;
    }

    /**
     * Builds the key of an entry's invoke lock (cache setting {@code invoke-lock}). It starts with {@code #}, which
     * no key prefix does, so no SCAN of the cache's entries ever sees it.
     *
     * @param entryKey the entry key
     * @return {@code #lock:entryKey}
     */
    public byte[] invokeLock(byte[] entryKey) {
        byte[] marker = "#lock:".getBytes(StandardCharsets.UTF_8);
        byte[] lock = Arrays.copyOf(marker, marker.length + entryKey.length);
        System.arraycopy(entryKey, 0, lock, marker.length, entryKey.length);
        return lock;
    }

    /** @return the SCAN pattern matching the shadows of this cache's entries */
    public String shadowPattern() {
        return "*}#old:" + prefix + KeyNames.SEPARATOR + escapedName + KeyNames.SEPARATOR + "*";
    }

    /**
     * Builds the keyspace-notification pattern of this cache's entries.
     *
     * @param database the database index
     * @return {@code __keyspace@<db>__:prefix:cacheName:*}
     */
    public String keyspacePattern(int database) {
        return "__keyspace@" + database + "__:" + entryPattern();
    }

    private static int indexOf(byte[] bytes, byte wanted, int from) {
        for (int i = from; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(byte[] bytes, byte[] wanted, int from) {
        outer:
        for (int i = from; i <= bytes.length - wanted.length; i++) {
            for (int j = 0; j < wanted.length; j++) {
                if (bytes[i + j] != wanted[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** @return the SCAN pattern matching every entry of this cache and nothing else */
    public String entryPattern() {
        return prefix + KeyNames.SEPARATOR + escapedName + KeyNames.SEPARATOR + "*";
    }

    /** @return the byte prefix every entry key starts with */
    public byte[] entryPrefix() {
        return entryPrefix.clone();
    }

    /** @return the key of the cache's stored configuration */
    public String config() {
        return meta("config");
    }

    /**
     * @return the key that says, for a day after {@code destroyCache}, that the cache was destroyed: a cache manager
     *         that missed the news checks it when its subscription comes back
     */
    public String tombstone() {
        return meta("destroyed");
    }

    /** @return the key of the registry of this cache's event listeners across JVMs */
    public String listeners() {
        return meta("listeners");
    }

    /** @return the pub/sub channel of this cache's entry events (standalone and Sentinel) */
    public String events() {
        return meta("events");
    }

    /** @return the cache's name as the listener-change channel carries it */
    public String name() {
        return escapedName;
    }

    /**
     * Builds the name of a sharded event channel that lives in the given hash slot (Redis Cluster).
     *
     * @param slotTag a hash tag whose slot is the wanted slot
     * @return the channel name
     */
    public String shardedEvents(String slotTag) {
        return meta("events") + ":{" + slotTag + "}";
    }

    /** @return the cache's name as it appears in keys (escaped) */
    public String escapedName() {
        return escapedName;
    }

    private String meta(String kind) {
        return prefix + KeyNames.SEPARATOR + "#" + kind + KeyNames.SEPARATOR + escapedName;
    }
}
