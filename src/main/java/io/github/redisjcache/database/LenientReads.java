package io.github.redisjcache.database;

import java.util.Collection;
import java.util.Map;

/**
 * The seed's forgiving reads: a failure is logged once (by {@link Database}) and the read returns {@code null},
 * {@code false} or an empty map, as a cache miss would.
 */
public final class LenientReads {

    private final Database database;

    LenientReads(Database database) {
        this.database = database;
    }

    /**
     * Reads a string value.
     *
     * @param key the key
     * @return the value, or {@code null} when missing or when Redis failed
     */
    public String get(String key) {
        try {
            return database.get(key);
        } catch (DatabaseException e) {
            return null;
        }
    }

    /**
     * Reads a JSON value.
     *
     * @param key  the key
     * @param type the value's class
     * @param <T>  the value's type
     * @return the value, or {@code null} when missing, unreadable, or when Redis failed
     */
    public <T> T getJson(String key, Class<T> type) {
        try {
            return database.getJson(key, type);
        } catch (DatabaseException e) {
            return null;
        }
    }

    /**
     * Reads a JSON value of a generic type.
     *
     * @param key  the key
     * @param type the value's type
     * @param <T>  the value's type
     * @return the value, or {@code null} when missing, unreadable, or when Redis failed
     */
    public <T> T getJson(String key, TypeRef<T> type) {
        try {
            return database.getJson(key, type);
        } catch (DatabaseException e) {
            return null;
        }
    }

    /**
     * Tells whether a key exists.
     *
     * @param key the key
     * @return whether it exists; {@code false} when Redis failed
     */
    public boolean exists(String key) {
        try {
            return database.exists(key);
        } catch (DatabaseException e) {
            return false;
        }
    }

    /**
     * Reads several string values.
     *
     * @param keys the keys
     * @return the values of the keys that exist; empty when Redis failed
     */
    public Map<String, String> getAll(Collection<String> keys) {
        try {
            return database.getAll(keys);
        } catch (DatabaseException e) {
            return Map.of();
        }
    }
}
