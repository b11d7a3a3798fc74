package io.github.redisjcache.event;

/**
 * Turns the bytes of a published event back into a cache's keys and values.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public interface EventDecoder<K, V> {

    /**
     * Decodes the key of an entry.
     *
     * @param entryKey the entry's Redis key
     * @return the cache key
     */
    K key(byte[] entryKey);

    /**
     * Decodes a value.
     *
     * @param bytes the stored bytes
     * @return the value
     */
    V value(byte[] bytes);
}
