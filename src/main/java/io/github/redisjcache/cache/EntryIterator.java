package io.github.redisjcache.cache;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

import javax.cache.Cache;

import org.redisson.connection.MasterSlaveEntry;

import io.github.redisjcache.event.EventBatch;
import io.github.redisjcache.management.CacheStatistics;
import io.github.redisjcache.store.MutateResult;
import io.github.redisjcache.store.RedisStore;

/**
 * Iterates a cache's entries chunk by chunk (SCAN on each master, then one batch of reads per chunk), applying the
 * access expiry to each entry returned. Entries that expire or vanish meanwhile are skipped, never returned; an
 * entry is returned once even if Redis rehashes during the scan.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class EntryIterator<K, V> implements Iterator<Cache.Entry<K, V>> {

    private final RedisCache<K, V> cache;
    private final CacheParts<K, V> parts;
    private final Bulk<K, V> reads;
    private final Iterator<MasterSlaveEntry> masters;
    private final Deque<Found<K, V>> buffer = new ArrayDeque<>();
    private final Set<ByteBuffer> seen = new HashSet<>();
    private MasterSlaveEntry master;
    private String cursor = "0";
    private Found<K, V> last;

    EntryIterator(RedisCache<K, V> cache, CacheParts<K, V> parts) {
        this.cache = cache;
        this.parts = parts;
        this.reads = new Bulk<>(cache, parts);
        this.masters = new ArrayList<>(parts.store.masters()).iterator();
    }

    @Override
    public boolean hasNext() {
        while (buffer.isEmpty()) {
            if (master == null) {
                if (!masters.hasNext()) {
                    return false;
                }
                master = masters.next();
                cursor = "0";
            }
            fetch();
        }
        return true;
    }

    private void fetch() {
        CacheStatistics statistics = parts.statistics;
        long start = statistics.start();
        RedisStore.ScanChunk chunk = parts.store.scan(master, cursor, parts.keys.entryPattern(),
                RedisStore.SCAN_COUNT);
        cursor = chunk.cursor();
        if (chunk.isLast()) {
            master = null;
        }
        List<byte[]> fresh = new ArrayList<>(chunk.keys().size());
        for (byte[] entryKey : chunk.keys()) {
            if (seen.add(ByteBuffer.wrap(entryKey))) {
                fresh.add(entryKey);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        List<K> keys = new ArrayList<>(fresh.size());
        for (byte[] entryKey : fresh) {
            keys.add(parts.codec.keyOf(entryKey));
        }
        EventBatch<K, V> events = parts.events.batch();
        List<byte[]> values = reads.readAll(fresh, keys, events);
        if (parts.expiry.isFixed()) {
            reads.accessAll(fresh, values, keys, events);
        }
        int found = 0;
        for (int i = 0; i < fresh.size(); i++) {
            if (values.get(i) != null) {
                buffer.add(new Found<>(keys.get(i), fresh.get(i), values.get(i),
                        parts.codec.decodeValue(values.get(i))));
                found++;
            }
        }
        statistics.hits(found);
        if (found > 0) {
            statistics.getTime(start);
        }
        parts.events.fire(events);
    }

    @Override
    public Cache.Entry<K, V> next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        last = buffer.poll();
        if (!parts.expiry.isFixed()) {
            // A custom policy is told about each access as the entry is handed out, not when its chunk was read.
            EventBatch<K, V> events = parts.events.batch();
            reads.accessAll(List.of(last.entryKey), java.util.Collections.singletonList(last.bytes),
                    List.of(last.key), events);
            parts.events.fire(events);
        }
        return new CacheEntry<>(last.key, last.value);
    }

    @Override
    public void remove() {
        if (last == null) {
            throw new IllegalStateException("next() must be called before remove()");
        }
        cache.requireOpen();
        Found<K, V> removing = last;
        last = null;
        CacheStatistics statistics = parts.statistics;
        long start = statistics.start();
        parts.writer.delete(removing.key);
        EventBatch<K, V> events = parts.events.batch();
        MutateResult result = parts.writes.remove(removing.entryKey, events.isActive());
        cache.noteExpired(removing.key, result, events);
        if (result.outcome() == MutateResult.DELETED) {
            if (result.oldValue() != null && events.isActive()) {
                events.removed(removing.key, parts.codec.decodeValue(result.oldValue()));
            }
            statistics.removals(1);
            statistics.removeTime(start);
        }
        parts.events.fire(events);
    }

    private static final class Found<K, V> {
        private final K key;
        private final byte[] entryKey;
        private final byte[] bytes;
        private final V value;

        private Found(K key, byte[] entryKey, byte[] bytes, V value) {
            this.key = key;
            this.entryKey = entryKey;
            this.bytes = bytes;
            this.value = value;
        }
    }
}
