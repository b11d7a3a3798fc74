package io.github.redisjcache.database;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

import org.redisson.api.RBucket;
import org.redisson.api.RBucketAsync;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.client.codec.StringCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.redisjcache.connection.ConnectionRegistry;
import io.github.redisjcache.connection.ConnectionSettings;
import io.github.redisjcache.connection.SharedConnection;
import io.github.redisjcache.store.RedisFailures;

/**
 * A small, typed facade over Redis: the seed's {@code Database} module in Java.
 *
 * <p>{@link #getInstance()} is the seed's singleton, connected with the default settings on first use. Other
 * settings get their own instance from {@link #connect(ConnectionSettings)}; instances with equal settings share one
 * connection, which closes when the last of them is closed.
 *
 * <p>Every failure is logged once, with the operation and the key (never the value), and thrown as a
 * {@link DatabaseException}; do not log it again. {@link #lenient()} offers the seed's forgiving reads that return
 * {@code null} instead.
 *
 * <p>Build keys with {@link io.github.redisjcache.keys.KeyNames}, the seed's {@code keyPatterns}.
 */
public final class Database implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    private static final Object DEFAULT_LOCK = new Object();
    private static volatile Database defaultInstance;

    private final ConnectionRegistry.Lease lease;
    private final SharedConnection connection;
    private final RedissonClient client;
    private final PlainJson json = PlainJson.INSTANCE;
    private final long timeoutMillis;

    private Database(ConnectionRegistry.Lease lease) {
        this.lease = lease;
        this.connection = lease.connection();
        this.client = connection.client();
        this.timeoutMillis = connection.operationTimeout().toMillis();
    }

    /**
     * Returns the process-wide instance for the default connection settings (system property
     * {@code redisjcache.uri}, else environment variable {@code REDIS_URL}, else {@code redis://127.0.0.1:6379}),
     * connecting on the first call.
     *
     * @return the default instance
     */
    public static Database getInstance() {
        Database instance = defaultInstance;
        if (instance == null) {
            synchronized (DEFAULT_LOCK) {
                instance = defaultInstance;
                if (instance == null) {
                    instance = connect(ConnectionSettings.defaults());
                    defaultInstance = instance;
                }
            }
        }
        return instance;
    }

    /**
     * Returns an instance for the given settings, sharing the connection of other instances with equal settings.
     * Close it when done.
     *
     * @param settings the connection settings
     * @return a new instance
     */
    public static Database connect(ConnectionSettings settings) {
        return new Database(ConnectionRegistry.acquire(settings));
    }

    /**
     * Closes every connection of the process, including the default instance's; later calls connect anew.
     */
    public static void closeAll() {
        synchronized (DEFAULT_LOCK) {
            defaultInstance = null;
        }
        ConnectionRegistry.closeAll();
    }

    /**
     * Reads a string value.
     *
     * @param key the key
     * @return the value, or {@code null} when the key does not exist
     */
    public String get(String key) {
        return await("GET", key, bucket(key).getAsync());
    }

    /**
     * Writes a string value, replacing any value and expiry the key had.
     *
     * @param key   the key
     * @param value the value
     */
    public void set(String key, String value) {
        Objects.requireNonNull(value, "value");
        await("SET", key, bucket(key).setAsync(value));
    }

    /**
     * Deletes a key.
     *
     * @param key the key
     * @return whether the key existed
     */
    public boolean delete(String key) {
        return Boolean.TRUE.equals(await("DEL", key, bucket(key).deleteAsync()));
    }

    /**
     * Reads a JSON value.
     *
     * @param key  the key
     * @param type the value's class
     * @param <T>  the value's type
     * @return the value, or {@code null} when the key does not exist
     */
    public <T> T getJson(String key, Class<T> type) {
        Objects.requireNonNull(type, "type");
        return type.cast(decode(key, type, await("GET", key, bytes(key).getAsync())));
    }

    /**
     * Reads a JSON value of a generic type.
     *
     * @param key  the key
     * @param type the value's type, e.g. {@code new TypeRef<List<User>>() { }}
     * @param <T>  the value's type
     * @return the value, or {@code null} when the key does not exist
     */
    @SuppressWarnings("unchecked")
    public <T> T getJson(String key, TypeRef<T> type) {
        Objects.requireNonNull(type, "type");
        return (T) decode(key, type.type(), await("GET", key, bytes(key).getAsync()));
    }

    /**
     * Writes a value as plain JSON, replacing any value and expiry the key had.
     *
     * @param key   the key
     * @param value the value
     */
    public void setJson(String key, Object value) {
        byte[] encoded = encode("SET", key, value);
        await("SET", key, bytes(key).setAsync(encoded));
    }

    /**
     * Writes a string value that expires.
     *
     * @param key     the key
     * @param value   the value
     * @param seconds the time to live in seconds, at least 1
     */
    public void setWithExpiry(String key, String value, long seconds) {
        setWithExpiry(key, value, Duration.ofSeconds(seconds));
    }

    /**
     * Writes a string value that expires.
     *
     * @param key   the key
     * @param value the value
     * @param ttl   the time to live, at least one millisecond
     */
    public void setWithExpiry(String key, String value, Duration ttl) {
        Objects.requireNonNull(value, "value");
        await("SET", key, bucket(key).setAsync(value, positive(ttl)));
    }

    /**
     * Writes a JSON value that expires, like the seed's {@code setJsonEx}.
     *
     * @param key     the key
     * @param value   the value
     * @param seconds the time to live in seconds, at least 1
     */
    public void setJsonEx(String key, Object value, long seconds) {
        setJsonEx(key, value, Duration.ofSeconds(seconds));
    }

    /**
     * Writes a JSON value that expires.
     *
     * @param key   the key
     * @param value the value
     * @param ttl   the time to live, at least one millisecond
     */
    public void setJsonEx(String key, Object value, Duration ttl) {
        Duration checked = positive(ttl);
        byte[] encoded = encode("SET", key, value);
        await("SET", key, bytes(key).setAsync(encoded, checked));
    }

    /**
     * Tells whether a key exists.
     *
     * @param key the key
     * @return whether it exists
     */
    public boolean exists(String key) {
        return Boolean.TRUE.equals(await("EXISTS", key, bucket(key).isExistsAsync()));
    }

    /**
     * Sets a key's time to live.
     *
     * @param key the key
     * @param ttl the time to live, at least one millisecond
     * @return whether the key existed
     */
    public boolean expire(String key, Duration ttl) {
        Duration checked = positive(ttl);
        return Boolean.TRUE.equals(await("PEXPIRE", key, bucket(key).expireAsync(checked)));
    }

    /**
     * Reads a key's remaining time to live.
     *
     * @param key the key
     * @return whether it exists and how long it has left
     */
    public Ttl ttl(String key) {
        Long millis = await("PTTL", key, bucket(key).remainTimeToLiveAsync());
        if (millis == null || millis == -2) {
            return Ttl.MISSING;
        }
        return millis == -1 ? Ttl.PERSISTENT : new Ttl(true, Duration.ofMillis(millis));
    }

    /**
     * Reads several string values: one MGET per hash slot (one in all on a standalone or Sentinel server).
     *
     * @param keys the keys
     * @return the values of the keys that exist, in the order of {@code keys}
     */
    public Map<String, String> getAll(Collection<String> keys) {
        List<String> ordered = checkKeys(keys);
        Map<String, String> values = new LinkedHashMap<>();
        if (ordered.isEmpty()) {
            return values;
        }
        Map<String, String> found = await("MGET", null,
                client.getBuckets(StringCodec.INSTANCE).<String>getAsync(ordered.toArray(new String[0])));
        for (String key : ordered) {
            String value = found.get(key);
            if (value != null) {
                values.put(key, value);
            }
        }
        return values;
    }

    /**
     * Writes several string values, removing any time to live they had: one MSET per hash slot (one in all on a
     * standalone or Sentinel server), each atomic; the writes of different slots are not atomic together.
     *
     * @param entries the keys and values
     */
    public void setAll(Map<String, String> entries) {
        Objects.requireNonNull(entries, "entries");
        checkKeys(entries.keySet());
        entries.values().forEach(value -> Objects.requireNonNull(value, "value"));
        if (!entries.isEmpty()) {
            await("MSET", null, client.getBuckets(StringCodec.INSTANCE).setAsync(entries));
        }
    }

    /**
     * Deletes several keys: one DEL per hash slot (one in all on a standalone or Sentinel server).
     *
     * @param keys the keys
     * @return how many existed
     */
    public long deleteAll(Collection<String> keys) {
        List<String> ordered = checkKeys(keys);
        if (ordered.isEmpty()) {
            return 0;
        }
        return await("DEL", null, client.getKeys().deleteAsync(ordered.toArray(new String[0])));
    }

    /**
     * Returns a view whose reads log a failure and return {@code null} (or {@code false}, or nothing) instead of
     * throwing: the seed's lenient reads, for callers that prefer a cache miss to an error.
     *
     * @return the lenient view
     */
    public LenientReads lenient() {
        return new LenientReads(this);
    }

    /**
     * Returns the shared connection, for the cache layer built on this facade.
     *
     * @return the connection
     */
    public SharedConnection connection() {
        return connection;
    }

    /**
     * Releases this instance's claim on its connection. Closing the default instance does nothing: it lives until
     * {@link #closeAll()}.
     */
    @Override
    public void close() {
        if (this != defaultInstance) {
            lease.close();
        }
    }

    private RBucketAsync<String> bucket(String key) {
        return client.getBucket(checkKey(key), StringCodec.INSTANCE);
    }

    private RBucket<byte[]> bytes(String key) {
        return client.getBucket(checkKey(key), ByteArrayCodec.INSTANCE);
    }

    private Object decode(String key, Type type, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return json.decode(bytes, type);
        } catch (PlainJson.JsonFailure e) {
            throw fail("GET", key, e);
        }
    }

    private byte[] encode(String operation, String key, Object value) {
        Objects.requireNonNull(value, "value");
        checkKey(key);
        try {
            return json.encode(value);
        } catch (PlainJson.JsonFailure e) {
            throw fail(operation, key, e);
        }
    }

    private <T> T await(String operation, String key, CompletionStage<T> stage) {
        try {
            return connection.replyWatchdog().get(stage.toCompletableFuture(), timeoutMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(operation, key, e);
        } catch (ExecutionException e) {
            throw fail(operation, key, e.getCause() == null ? e : e.getCause());
        } catch (TimeoutException e) {
            stage.toCompletableFuture().cancel(false);
            throw fail(operation, key, new TimeoutException("no reply within " + timeoutMillis + " ms"));
        }
    }

    private static DatabaseException fail(String operation, String key, Throwable cause) {
        DatabaseException failure = new DatabaseException(operation, key, RedisFailures.scrub(cause));
        LOG.error("Database {} operation failed{}: {}", operation, key == null ? "" : " for key '" + key + "'",
                RedisFailures.describe(cause));
        return failure;
    }

    private static String checkKey(String key) {
        Objects.requireNonNull(key, "key");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("A key must not be empty");
        }
        return key;
    }

    private static List<String> checkKeys(Collection<String> keys) {
        Objects.requireNonNull(keys, "keys");
        List<String> ordered = new ArrayList<>(keys.size());
        for (String key : keys) {
            ordered.add(checkKey(key));
        }
        return ordered;
    }

    private static Duration positive(Duration ttl) {
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero() || ttl.toMillis() < 1) {
            throw new IllegalArgumentException("A time to live must be at least one millisecond, was " + ttl);
        }
        return ttl;
    }
}
