package io.github.redisjcache.cache;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.integration.CacheWriterException;
import javax.cache.integration.CompletionListener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.redisjcache.event.EventBatch;
import io.github.redisjcache.management.CacheStatistics;
import io.github.redisjcache.store.Commands;
import io.github.redisjcache.store.EventRoute;
import io.github.redisjcache.store.MutateResult;
import io.github.redisjcache.store.Mutation;
import io.github.redisjcache.store.RedisFailures;
import io.github.redisjcache.store.RedisStore;
import io.github.redisjcache.store.TtlCode;

/**
 * The operations of a cache on many entries: each sends its commands as batches, one round trip per Redis node,
 * and enumerates the whole cache with chunked SCANs so that Redis is never blocked for long.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class Bulk<K, V> {

    private static final Logger LOG = LoggerFactory.getLogger(Bulk.class);

    private final RedisCache<K, V> cache;
    private final CacheParts<K, V> parts;
    private final BatchWrites batchWrites;

    Bulk(RedisCache<K, V> cache, CacheParts<K, V> parts) {
        this.cache = cache;
        this.parts = parts;
        this.batchWrites = new BatchWrites(parts.store, parts.expiry, parts.events, parts.awaiter, parts.writes,
                parts.committed);
    }

    Map<K, V> getAll(Set<? extends K> keys) {
        List<K> ordered = checkKeys(keys);
        CacheStatistics statistics = parts.statistics;
        long start = statistics.start();
        EventBatch<K, V> events = parts.events.batch();
        List<byte[]> entryKeys = entryKeys(ordered);
        List<byte[]> values = readAll(entryKeys, ordered, events);
        Map<K, V> result = new HashMap<>(ordered.size() * 4 / 3 + 1);
        List<K> missing = new ArrayList<>();
        for (int i = 0; i < ordered.size(); i++) {
            byte[] bytes = values.get(i);
            if (bytes == null) {
                missing.add(ordered.get(i));
            } else {
                result.put(ordered.get(i), parts.codec.decodeValue(bytes));
            }
        }
        accessAll(entryKeys, values, ordered, events);
        statistics.hits(result.size());
        statistics.misses(missing.size());
        if (parts.reader != null && !missing.isEmpty()) {
            result.putAll(loadAndStore(missing, false, events));
        }
        statistics.getTime(start);
        parts.events.fire(events);
        return result;
    }

    /**
     * Reads entries in one batch; with a built-in policy the access expiry goes with each read. While expiries are
     * reported, an expired entry found here is reported at once (and recorded in {@code events}).
     */
    List<byte[]> readAll(List<byte[]> entryKeys, List<K> keys, EventBatch<K, V> events) {
        if (entryKeys.isEmpty()) {
            return List.of();
        }
        long access = parts.expiry.isFixed() ? parts.expiry.access() : TtlCode.UNCHANGED;
        if (access == TtlCode.UNCHANGED && !parts.events.tracksExpiry()) {
            return readPlain(entryKeys);
        }
        RedisStore.Batch batch = parts.store.batch();
        Commands commands = batch.commands();
        List<CompletableFuture<MutateResult>> futures = new ArrayList<>(entryKeys.size());
        for (byte[] entryKey : entryKeys) {
            if (access == TtlCode.EXPIRE_NOW) {
                parts.committed.forget(entryKey);
            }
            EventRoute route = parts.events.route(entryKey);
            if (route != null && route.tracksExpiry()) {
                futures.add(commands.readTracked(entryKey, access, route));
            } else if (access == TtlCode.EXPIRE_NOW && route != null) {
                futures.add(commands.mutate(entryKey, Mutation.touch(access), route));
            } else {
                futures.add(commands.getAndTouch(entryKey, access)
                        .thenApply(value -> new MutateResult(MutateResult.ACCESSED, value)));
            }
        }
        List<MutateResult> results = batch.await(parts.awaiter, futures);
        List<byte[]> values = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            cache.noteExpired(keys.get(i), results.get(i), events);
            values.add(results.get(i).oldValue());
        }
        return values;
    }

    /** Plain reads: one MGET per hash slot (one in all on a standalone server), one round trip per node. */
    @SuppressWarnings("unchecked")
    private List<byte[]> readPlain(List<byte[]> entryKeys) {
        if (!parts.store.isCluster()) {
            // One server holds them all: one MGET on its own, its reply in the keys' order.
            return (List<byte[]>) (List<?>) parts.awaiter.await("getAll", parts.store.single().getMany(entryKeys));
        }
        Collection<List<Integer>> groups = parts.store.bySlot(entryKeys);
        List<List<Object>> replies;
        if (groups.size() == 1) {
            // One node holds them all: one MGET on its own, without a batch's bookkeeping.
            replies = List.of(parts.awaiter.await("getAll",
                    parts.store.single().getMany(keysAt(entryKeys, groups.iterator().next()))));
        } else {
            RedisStore.Batch batch = parts.store.readBatch();
            List<CompletableFuture<List<Object>>> futures = new ArrayList<>(groups.size());
            for (List<Integer> group : groups) {
                futures.add(batch.commands().getMany(keysAt(entryKeys, group)));
            }
            replies = batch.await(parts.awaiter, futures);
        }
        byte[][] values = new byte[entryKeys.size()][];
        int g = 0;
        for (List<Integer> group : groups) {
            List<Object> reply = replies.get(g++);
            for (int i = 0; i < group.size(); i++) {
                values[group.get(i)] = (byte[]) reply.get(i);
            }
        }
        return java.util.Arrays.asList(values);
    }

    private static List<byte[]> keysAt(List<byte[]> entryKeys, List<Integer> indexes) {
        List<byte[]> keys = new ArrayList<>(indexes.size());
        for (int index : indexes) {
            keys.add(entryKeys.get(index));
        }
        return keys;
    }

    /** Applies a custom policy's access expiry to the entries that were read, in a second batch. */
    void accessAll(List<byte[]> entryKeys, List<byte[]> values, List<K> keys, EventBatch<K, V> events) {
        if (parts.expiry.isFixed()) {
            if (parts.expiry.access() == TtlCode.EXPIRE_NOW && events.isActive() && !parts.events.tracksExpiry()) {
                for (int i = 0; i < values.size(); i++) {
                    if (values.get(i) != null) {
                        events.expired(keys.get(i), parts.codec.decodeValue(values.get(i)));
                    }
                }
            }
            return;
        }
        RedisStore.Batch batch = parts.store.batch();
        List<CompletableFuture<MutateResult>> futures = new ArrayList<>();
        List<Integer> touched = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                continue;
            }
            long access = parts.expiry.access();
            if (access != TtlCode.UNCHANGED) {
                byte[] entryKey = entryKeys.get(i);
                if (access == TtlCode.EXPIRE_NOW) {
                    parts.committed.forget(entryKey);
                }
                futures.add(batch.commands().mutate(entryKey, Mutation.touchIfEquals(values.get(i), access),
                        parts.events.route(entryKey)));
                touched.add(i);
            }
        }
        if (futures.isEmpty()) {
            return;
        }
        List<MutateResult> results = batch.await(parts.awaiter, futures);
        for (int j = 0; j < results.size(); j++) {
            if (results.get(j).outcome() == MutateResult.ACCESSED_EXPIRED && events.isActive()) {
                int i = touched.get(j);
                events.expired(keys.get(i), parts.codec.decodeValue(values.get(i)));
            }
        }
    }

    /**
     * Loads keys through the loader and stores what it returns.
     *
     * @param replace whether loaded values replace existing entries (loadAll) or only fill absent ones
     * @return the loaded values that were stored or kept
     */
    Map<K, V> loadAndStore(List<K> keys, boolean replace, EventBatch<K, V> events) {
        Map<K, V> loaded = parts.loader.loadAll(keys);
        List<K> storedKeys = new ArrayList<>();
        List<V> storedValues = new ArrayList<>();
        for (K key : keys) {
            V value = loaded.get(key);
            if (value != null) {
                storedKeys.add(key);
                storedValues.add(value);
            }
        }
        List<MutateResult> results = batchWrites.write(entryKeys(storedKeys), encode(storedValues), !replace,
                events.isActive());
        Map<K, V> kept = new HashMap<>();
        for (int i = 0; i < results.size(); i++) {
            MutateResult result = results.get(i);
            K key = storedKeys.get(i);
            V value = storedValues.get(i);
            if (result.outcome() == MutateResult.CREATED_EXPIRED) {
                continue;
            }
            cache.noteExpired(key, result, events);
            kept.put(key, value);
            recordWrite(key, value, result, events);
        }
        return kept;
    }

    void putAll(Map<? extends K, ? extends V> map) {
        Objects.requireNonNull(map, "map");
        CacheStatistics statistics = parts.statistics;
        long start = statistics.start();
        Map<K, V> entries = new LinkedHashMap<>();
        for (Map.Entry<? extends K, ? extends V> entry : map.entrySet()) {
            K key = Objects.requireNonNull(entry.getKey(), "a key in the map is null");
            V value = Objects.requireNonNull(entry.getValue(), "a value in the map is null");
            cache.checkKeyAndValue(key, value);
            entries.put(key, value);
        }
        CacheWriterException writeFailure = null;
        if (parts.writer.isActive() && !entries.isEmpty()) {
            List<Cache.Entry<? extends K, ? extends V>> toWrite = new ArrayList<>();
            entries.forEach((key, value) -> toWrite.add(new CacheEntry<>(key, value)));
            writeFailure = parts.writer.writeAll(toWrite);
            // What the writer left in the collection was not written: only the rest reaches the cache.
            for (Cache.Entry<? extends K, ? extends V> unwritten : toWrite) {
                entries.remove(unwritten.getKey());
            }
        }
        List<K> keys = new ArrayList<>(entries.keySet());
        List<V> values = new ArrayList<>(entries.values());
        EventBatch<K, V> events = parts.events.batch();
        List<MutateResult> results = batchWrites.write(entryKeys(keys), encode(values), false, events.isActive());
        long puts = 0;
        for (int i = 0; i < results.size(); i++) {
            MutateResult result = results.get(i);
            cache.noteExpired(keys.get(i), result, events);
            recordWrite(keys.get(i), values.get(i), result, events);
            if (RedisCache.countsAsPut(result)) {
                puts++;
            }
        }
        if (puts > 0) {
            statistics.puts(puts);
            statistics.putTime(start);
        }
        parts.events.fire(events);
        if (writeFailure != null) {
            throw writeFailure;
        }
    }

    void removeAll(Set<? extends K> keys) {
        List<K> ordered = checkKeys(keys);
        removeKeys(ordered, entryKeys(ordered));
    }

    void removeAll() {
        parts.store.forEachChunk(parts.keys.entryPattern(), entryKeys -> {
            List<K> keys = new ArrayList<>(entryKeys.size());
            for (byte[] entryKey : entryKeys) {
                keys.add(parts.codec.keyOf(entryKey));
            }
            removeKeys(keys, entryKeys);
        });
    }

    /** Removes entries, through the writer first; only the keys the writer deleted leave the cache. */
    private void removeKeys(List<K> keys, List<byte[]> entryKeys) {
        if (keys.isEmpty()) {
            return;
        }
        CacheStatistics statistics = parts.statistics;
        long start = statistics.start();
        CacheWriterException writeFailure = null;
        List<K> toRemove = keys;
        List<byte[]> toRemoveKeys = entryKeys;
        if (parts.writer.isActive()) {
            Collection<K> undeleted = new LinkedHashSet<>(keys);
            writeFailure = parts.writer.deleteAll(undeleted);
            toRemove = new ArrayList<>();
            toRemoveKeys = new ArrayList<>();
            for (int i = 0; i < keys.size(); i++) {
                if (!undeleted.contains(keys.get(i))) {
                    toRemove.add(keys.get(i));
                    toRemoveKeys.add(entryKeys.get(i));
                }
            }
        }
        EventBatch<K, V> events = parts.events.batch();
        long removed = parts.events.publishing() ? removeHeard(toRemove, toRemoveKeys, events)
                : batchWrites.deleteUnheard(toRemoveKeys);
        if (removed > 0) {
            statistics.removals(removed);
            statistics.removeTime(start);
        }
        parts.events.fire(events);
        if (writeFailure != null) {
            throw writeFailure;
        }
    }

    /** Removes entries someone listens to, one {@code mutate.lua} call each: the events need each old value. */
    private long removeHeard(List<K> keys, List<byte[]> entryKeys, EventBatch<K, V> events) {
        RedisStore.Batch batch = parts.store.batch();
        List<CompletableFuture<MutateResult>> futures = new ArrayList<>(entryKeys.size());
        for (byte[] entryKey : entryKeys) {
            parts.committed.forget(entryKey);
            EventRoute route = parts.events.route(entryKey);
            if (route != null) {
                futures.add(batch.commands().mutate(entryKey, Mutation.remove(), route).thenApply(result ->
                        result.oldValue() == null ? new MutateResult(MutateResult.CONDITION_FAILED, null,
                                result.expiredValue()) : result));
            } else {
                futures.add(batch.commands().delete(entryKey).thenApply(existed -> new MutateResult(
                        existed ? MutateResult.DELETED : MutateResult.CONDITION_FAILED, null)));
            }
        }
        List<MutateResult> results = batch.await(parts.awaiter, futures);
        long removed = 0;
        for (int i = 0; i < results.size(); i++) {
            MutateResult result = results.get(i);
            cache.noteExpired(keys.get(i), result, events);
            if (result.outcome() != MutateResult.DELETED) {
                continue;
            }
            removed++;
            if (result.oldValue() != null && events.isActive()) {
                events.removed(keys.get(i), parts.codec.decodeValue(result.oldValue()));
            }
        }
        return removed;
    }

    /** Deletes every entry, chunk by chunk, without listeners, writer or statistics, as the specification says. */
    void clear() {
        parts.committed.forgetAll();
        try {
            parts.store.deleteMatching(parts.keys.entryPattern(), parts.awaiter);
        } catch (CacheException e) {
            throw e;
        } catch (RuntimeException e) {
            // A SCAN that failed: Redisson's own exception.
            throw new CacheException("Redis failed during clear on " + parts.keys.name() + ": "
                    + RedisFailures.describe(e), RedisFailures.scrub(e));
        }
    }

    void loadAll(Set<? extends K> keys, boolean replaceExistingValues, CompletionListener listener) {
        Objects.requireNonNull(keys, "keys");
        List<K> ordered = new ArrayList<>(keys.size());
        for (K key : keys) {
            ordered.add(Objects.requireNonNull(key, "keys contains a null"));
        }
        if (parts.loader == null) {
            if (listener != null) {
                listener.onCompletion();
            }
            return;
        }
        parts.background.execute(() -> {
            try {
                List<K> toLoad = replaceExistingValues ? ordered : absent(ordered);
                EventBatch<K, V> events = parts.events.batch();
                if (!toLoad.isEmpty()) {
                    loadAndStore(toLoad, replaceExistingValues, events);
                }
                parts.events.fire(events);
                if (listener != null) {
                    listener.onCompletion();
                }
            } catch (Exception e) {
                if (listener != null) {
                    listener.onException(e);
                } else {
                    // Nobody else would ever hear of it.
                    LOG.warn("loadAll of {} keys into cache {} failed, with no CompletionListener to tell: {}",
                            ordered.size(), parts.keys.name(), e.toString());
                }
            }
        });
    }

    private List<K> absent(List<K> keys) {
        RedisStore.Batch batch = parts.store.readBatch();
        List<CompletableFuture<Boolean>> futures = new ArrayList<>(keys.size());
        for (byte[] entryKey : entryKeys(keys)) {
            futures.add(batch.commands().exists(entryKey));
        }
        List<Boolean> exists = batch.await(parts.awaiter, futures);
        List<K> absent = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            if (!exists.get(i)) {
                absent.add(keys.get(i));
            }
        }
        return absent;
    }

    private void recordWrite(K key, V value, MutateResult result, EventBatch<K, V> events) {
        if (!events.isActive()) {
            return;
        }
        switch (result.outcome()) {
            case MutateResult.CREATED:
                events.created(key, value);
                break;
            case MutateResult.UPDATED:
                events.updated(key, value, parts.codec.decodeValue(result.oldValue()));
                break;
            case MutateResult.UPDATED_EXPIRED:
                events.updated(key, value, parts.codec.decodeValue(result.oldValue()));
                events.expired(key, value);
                break;
            default:
                break;
        }
    }

    private List<K> checkKeys(Set<? extends K> keys) {
        Objects.requireNonNull(keys, "keys");
        List<K> ordered = new ArrayList<>(keys.size());
        for (K key : keys) {
            ordered.add(Objects.requireNonNull(key, "keys contains a null"));
        }
        return ordered;
    }

    private List<byte[]> entryKeys(List<K> keys) {
        List<byte[]> entryKeys = new ArrayList<>(keys.size());
        for (K key : keys) {
            entryKeys.add(parts.codec.entryKey(key));
        }
        return entryKeys;
    }

    private List<byte[]> encode(List<V> values) {
        List<byte[]> encoded = new ArrayList<>(values.size());
        for (V value : values) {
            encoded.add(parts.codec.encodeValue(value));
        }
        return encoded;
    }
}
