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

    /** @return the key of the registry of this cache's event listeners across JVMs */
    public String listeners() {
        return meta("listeners");
    }

    /** @return the pub/sub channel of this cache's entry events (standalone and Sentinel) */
    public String events() {
        return meta("events");
    }

    /** @return the pub/sub channel on which JVMs announce changes to the listener registry */
    public String listenerChanges() {
        return meta("listener-changes");
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
