package io.github.redisjcache.cache;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.cache.CacheException;

import io.github.redisjcache.codec.Codec;
import io.github.redisjcache.codec.CodecException;
import io.github.redisjcache.keys.CacheKeys;

/**
 * Turns one cache's keys into Redis entry keys and its values into stored bytes, and back.
 *
 * <p>Keys declared as {@code String}, {@code Long} or {@code Integer} are stored as their plain text (readable with
 * {@code redis-cli}, and writable by services in other languages, like the seed's {@code cache:42}); other keys use
 * the key codec, which always encodes a key to the same bytes.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class EntryCodec<K, V> {

    private final CacheKeys keys;
    private final Class<K> keyType;
    private final Class<V> valueType;
    private final Codec keyCodec;
    private final Codec valueCodec;
    private final KeyText keyText;

    /**
     * Creates the codec of one cache.
     *
     * @param keys       the cache's key names
     * @param keyType    the configured key type
     * @param valueType  the configured value type
     * @param keyCodec   encodes keys not stored as plain text
     * @param valueCodec encodes values
     */
    public EntryCodec(CacheKeys keys, Class<K> keyType, Class<V> valueType, Codec keyCodec, Codec valueCodec) {
        this.keys = keys;
        this.keyType = keyType;
        this.valueType = valueType;
        this.keyCodec = keyCodec;
        this.valueCodec = valueCodec;
        this.keyText = KeyText.of(keyType);
    }

    byte[] entryKey(K key) {
        if (keyText != KeyText.NONE) {
            return keys.entryOfText(key.toString());
        }
        return keys.entry(encodeKey(key));
    }

    byte[] encodeKey(K key) {
        if (keyText != KeyText.NONE) {
            return key.toString().getBytes(StandardCharsets.UTF_8);
        }
        try {
            return keyCodec.encode(key, keyType);
        } catch (CodecException e) {
            throw new CacheException("Cannot encode a key of " + key.getClass().getName() + ": " + e.getMessage(), e);
        }
    }

    K keyOf(byte[] entryKey) {
        byte[] encoded = keys.encodedKeyOf(entryKey);
        try {
            switch (keyText) {
                case STRING:
                    return keyType.cast(new String(encoded, StandardCharsets.UTF_8));
                case LONG:
                    return keyType.cast(Long.valueOf(new String(encoded, StandardCharsets.US_ASCII)));
                case INTEGER:
                    return keyType.cast(Integer.valueOf(new String(encoded, StandardCharsets.US_ASCII)));
                default:
                    return keyType.cast(keyCodec.decode(encoded, keyType));
            }
        } catch (CodecException | NumberFormatException e) {
            throw new CacheException("Cannot decode a stored key as " + keyType.getName() + ": " + e.getMessage(), e);
        }
    }

    byte[] encodeValue(V value) {
        try {
            return valueCodec.encode(value, valueType);
        } catch (CodecException e) {
            throw cannotEncode(value, e);
        }
    }

    /**
     * Returns the stored bytes when they are the value as an earlier format of the codec wrote it
     * ({@link Codec#formerEncoding}): a conditional operation then compares with those, so that it succeeds on an
     * entry written before the codec's current format that holds the value it expects.
     *
     * @param value  the expected value
     * @param stored the entry's bytes, or null when absent
     * @return {@code stored} when it is the value's former encoding, else null
     */
    byte[] formerEncodingMatching(V value, byte[] stored) {
        if (stored == null) {
            return null;
        }
        byte[] former;
        try {
            former = valueCodec.formerEncoding(value, valueType);
        } catch (CodecException e) {
            throw cannotEncode(value, e);
        }
        return former != null && Arrays.equals(former, stored) ? stored : null;
    }

    private static CacheException cannotEncode(Object value, CodecException e) {
        return new CacheException("Cannot encode a value of " + value.getClass().getName() + ": " + e.getMessage(), e);
    }

    V decodeValue(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return valueType.cast(valueCodec.decode(bytes, valueType));
        } catch (CodecException e) {
            throw new CacheException("Cannot decode a stored value as " + valueType.getName() + ": "
                    + e.getMessage(), e);
        } catch (ClassCastException e) {
            throw new CacheException("A stored value is not a " + valueType.getName() + ": " + e.getMessage(), e);
        }
    }

    /** Keys stored as plain text, by declared type. */
    private enum KeyText {
        STRING, LONG, INTEGER, NONE;

        static KeyText of(Class<?> type) {
            if (type == String.class) {
                return STRING;
            }
            if (type == Long.class) {
                return LONG;
            }
            if (type == Integer.class) {
                return INTEGER;
            }
            return NONE;
        }
    }
}
