package io.github.redisjcache.integration;

import java.io.Closeable;
import java.io.IOException;
import java.util.Collection;

import javax.cache.Cache;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;

/**
 * A cache's {@link CacheWriter}, called on the caller's thread before Redis changes, with its failures turned into
 * {@link CacheWriterException} as the specification requires. Without write-through every call does nothing.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class Writer<K, V> {

    private final CacheWriter<? super K, ? super V> created;
    private final CacheWriter<? super K, ? super V> writer;

    /**
     * Wraps a writer.
     *
     * @param writer       the writer created from the configuration's factory, or null
     * @param writeThrough whether the cache writes through (otherwise the writer is only closed with the cache)
     */
    public Writer(CacheWriter<? super K, ? super V> writer, boolean writeThrough) {
        this.created = writer;
        this.writer = writeThrough ? writer : null;
    }

    /** @return whether writes go through to a writer */
    public boolean isActive() {
        return writer != null;
    }

    /**
     * Writes one entry.
     *
     * @param entry the entry
     */
    public void write(Cache.Entry<? extends K, ? extends V> entry) {
        if (writer == null) {
            return;
        }
        try {
            writer.write(entry);
        } catch (CacheWriterException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CacheWriterException("Exception in CacheWriter", e);
        }
    }

    /**
     * Writes entries; those written are removed from the collection, those left failed.
     *
     * @param entries the entries
     * @return the failure, or null when all were written
     */
    public CacheWriterException writeAll(Collection<Cache.Entry<? extends K, ? extends V>> entries) {
        if (writer == null || entries.isEmpty()) {
            return null;
        }
        try {
            writeAllUnchecked(entries);
            return null;
        } catch (CacheWriterException e) {
            return e;
        } catch (RuntimeException e) {
            return new CacheWriterException("Exception in CacheWriter", e);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void writeAllUnchecked(Collection<Cache.Entry<? extends K, ? extends V>> entries) {
        // The writer accepts supertypes of K and V, which the entries are; Java's wildcards cannot say so.
        ((CacheWriter) writer).writeAll((Collection) entries);
    }

    /**
     * Deletes one key.
     *
     * @param key the key
     */
    public void delete(K key) {
        if (writer == null) {
            return;
        }
        try {
            writer.delete(key);
        } catch (CacheWriterException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CacheWriterException("Exception in CacheWriter", e);
        }
    }

    /**
     * Deletes keys; those deleted are removed from the collection, those left failed.
     *
     * @param keys the keys
     * @return the failure, or null when all were deleted
     */
    public CacheWriterException deleteAll(Collection<?> keys) {
        if (writer == null || keys.isEmpty()) {
            return null;
        }
        try {
            writer.deleteAll(keys);
            return null;
        } catch (CacheWriterException e) {
            return e;
        } catch (RuntimeException e) {
            return new CacheWriterException("Exception in CacheWriter", e);
        }
    }

    /**
     * Closes the writer if it is {@link Closeable}.
     *
     * @throws IOException when closing fails
     */
    public void close() throws IOException {
        if (created instanceof Closeable) {
            ((Closeable) created).close();
        }
    }
}
