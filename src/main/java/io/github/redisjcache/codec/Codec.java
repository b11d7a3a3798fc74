package io.github.redisjcache.codec;

import java.lang.reflect.Type;

/**
 * Turns objects into bytes and back, for storing keys and values in Redis.
 *
 * <p>Implementations are thread-safe and may be shared by any number of caches and threads.
 *
 * <p>Null rules: {@code encode} never receives {@code null} and never returns {@code null};
 * {@code decode} never receives {@code null} and never returns {@code null}. Absence is the caller's business
 * (a missing Redis key), never a codec's.
 *
 * <p>The declared type is the type the caller expects (a cache's configured key or value type, or
 * {@code Object.class} when it has none). A codec may use it to leave type metadata out of the bytes when the
 * declared type already says what the value is; it must then decode the same bytes with the same declared type to
 * an equal value. For a given declared type, equal values should encode to equal bytes wherever the codec can
 * guarantee it: keys are compared by their bytes.
 */
public interface Codec {

    /**
     * Returns the codec's short name, used in configuration and in error messages.
     *
     * @return a stable name such as {@code json} or {@code kryo}
     */
    String name();

    /**
     * Encodes a value.
     *
     * @param value        the value, never {@code null}
     * @param declaredType the type the value is stored as
     * @return the encoded bytes
     * @throws CodecException when the value cannot be encoded
     */
    byte[] encode(Object value, Type declaredType);

    /**
     * Decodes bytes that this codec produced.
     *
     * @param bytes        the stored bytes, never {@code null}
     * @param declaredType the type the value was stored as
     * @return the decoded value, an instance of the declared type
     * @throws CodecException when the bytes are corrupt, truncated, written by another codec, of another type, or
     *                        name a class that is not allowed
     */
    Object decode(byte[] bytes, Type declaredType);

    /**
     * Returns the bytes an earlier format of this codec wrote for a value, when they differ from what
     * {@link #encode} writes now. Entries written in that format stay in Redis until they are rewritten or expire;
     * a conditional operation ({@code replace(key, old, new)}, {@code remove(key, old)}) that compares stored bytes
     * also accepts these, so that it does not fail forever on an entry that holds the value it expects.
     *
     * @param value        the value, never {@code null}
     * @param declaredType the type the value is stored as
     * @return the former bytes, or {@code null} when they are the same as {@link #encode}'s (the default)
     * @throws CodecException when the value cannot be encoded
     */
    default byte[] formerEncoding(Object value, Type declaredType) {
        return null;
    }
}
