package io.github.redisjcache.processor;

import java.util.Objects;
import java.util.function.Function;

import javax.cache.processor.MutableEntry;

/**
 * The entry an {@link javax.cache.processor.EntryProcessor} works on: a snapshot of the entry read from Redis, and
 * a record of what the processor did to it, committed afterwards only if the entry did not change meanwhile.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class ProcessorEntry<K, V> implements MutableEntry<K, V> {

    /** What the processor did, in the terms that decide the commit, the expiry and the events. */
    public enum Operation {
        /** Nothing, or only looked at a missing entry. */
        NONE,
        /** Read the existing value. */
        ACCESS,
        /** Loaded a missing value through the cache loader. */
        LOAD,
        /** Set a value where there was none. */
        CREATE,
        /** Replaced the existing value. */
        UPDATE,
        /** Removed the existing entry. */
        REMOVE
    }

    private final K key;
    private final byte[] snapshot;
    private final Function<byte[], V> decoder;
    private final Function<K, V> loader;
    private Operation operation = Operation.NONE;
    private V value;
    private boolean decoded;

    /**
     * Creates the entry.
     *
     * @param key      the key
     * @param snapshot the stored bytes when the processor started, or null when there was no entry
     * @param decoder  decodes the snapshot
     * @param loader   loads a missing value (read-through), or null
     */
    public ProcessorEntry(K key, byte[] snapshot, Function<byte[], V> decoder, Function<K, V> loader) {
        this.key = key;
        this.snapshot = snapshot;
        this.decoder = decoder;
        this.loader = loader;
    }

    @Override
    public K getKey() {
        return key;
    }

    @Override
    public V getValue() {
        if (operation == Operation.NONE) {
            if (snapshot != null && !decoded) {
                value = decoder.apply(snapshot);
                decoded = true;
            }
        }
        if (value != null) {
            if (operation == Operation.NONE) {
                operation = Operation.ACCESS;
            }
        } else if (loader != null && operation == Operation.NONE) {
            value = loader.apply(key);
            if (value != null) {
                operation = Operation.LOAD;
            }
        }
        return value;
    }

    @Override
    public boolean exists() {
        return (operation == Operation.NONE && snapshot != null) || value != null;
    }

    @Override
    public void remove() {
        operation = operation == Operation.CREATE || operation == Operation.LOAD ? Operation.NONE : Operation.REMOVE;
        value = null;
        decoded = true;
    }

    @Override
    public void setValue(V newValue) {
        Objects.requireNonNull(newValue, "value");
        operation = snapshot == null ? Operation.CREATE : Operation.UPDATE;
        value = newValue;
        decoded = true;
    }

    @Override
    public <T> T unwrap(Class<T> clazz) {
        if (clazz.isInstance(this)) {
            return clazz.cast(this);
        }
        throw new IllegalArgumentException("Cannot unwrap an entry processor's entry to " + clazz.getName());
    }

    /** @return what the processor did */
    public Operation operation() {
        return operation;
    }

    /** @return the value the processor set or loaded */
    public V newValue() {
        return value;
    }

    /** @return the bytes the processor started from, or null */
    public byte[] snapshot() {
        return snapshot;
    }
}
