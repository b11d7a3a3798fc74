package io.github.redisjcache.integration;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;

import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;

/**
 * A cache's {@link CacheLoader}, with its failures turned into {@link CacheLoaderException} as the specification
 * requires.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class Loader<K, V> {

    private final CacheLoader<K, V> loader;

    /**
     * Wraps a loader.
     *
     * @param loader the user's loader
     */
    public Loader(CacheLoader<K, V> loader) {
        this.loader = loader;
    }

    /**
     * Loads one value.
     *
     * @param key the key
     * @return the value, or null when there is none
     */
    public V load(K key) {
        try {
            return loader.load(key);
        } catch (CacheLoaderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CacheLoaderException("Exception in CacheLoader", e);
        }
    }

    /**
     * Loads several values.
     *
     * @param keys the keys
     * @return the values found; keys without one are absent or map to null
     */
    public Map<K, V> loadAll(Iterable<? extends K> keys) {
        try {
            Map<K, V> loaded = loader.loadAll(keys);
            return loaded == null ? Map.of() : loaded;
        } catch (CacheLoaderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CacheLoaderException("Exception in CacheLoader", e);
        }
    }

    /** @return the user's loader */
    public CacheLoader<K, V> unwrap() {
        return loader;
    }

    /**
     * Closes the loader if it is {@link Closeable}.
     *
     * @throws IOException when closing fails
     */
    public void close() throws IOException {
        if (loader instanceof Closeable) {
            ((Closeable) loader).close();
        }
    }
}
