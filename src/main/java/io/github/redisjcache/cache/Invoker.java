package io.github.redisjcache.cache;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import javax.cache.CacheException;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.redisjcache.event.EventBatch;
import io.github.redisjcache.management.CacheStatistics;
import io.github.redisjcache.processor.ProcessorEntry;
import io.github.redisjcache.processor.ProcessorResult;
import io.github.redisjcache.store.MutateResult;
import io.github.redisjcache.store.Mutation;
import io.github.redisjcache.store.TtlCode;

/**
 * Runs entry processors atomically per key across JVMs: the processor works on a snapshot of the entry in the
 * caller's JVM, and its outcome is committed by {@code swap.lua} ({@code mutate.lua} while someone listens) only
 * if the entry still holds the snapshot's bytes (compare-and-set); otherwise the processor runs again on a fresh
 * snapshot, with backoff, a bounded number of times.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class Invoker<K, V> {

    /** Enough stripes that unrelated keys rarely wait for each other. */
    private static final int STRIPES = 256;

    private static final Logger LOG = LoggerFactory.getLogger(Invoker.class);

    private final CacheParts<K, V> parts;
    private final InvokeLock lock;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    /**
     * Creates the invoker of one cache instance.
     *
     * @param parts the cache's collaborators
     * @param lock  the cluster-wide lock that makes processors on one key take turns across JVMs, or null for none
     */
    Invoker(CacheParts<K, V> parts, InvokeLock lock) {
        this.parts = parts;
        this.lock = lock;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /**
     * Runs a processor on one key. Within this JVM, processors on the same key take turns: the compare-and-set
     * would serialise them anyway, and taking turns means a processor that loads a value (Spring's
     * {@code @Cacheable(sync = true)}) runs its loader once while other threads of this JVM wait for its result,
     * instead of each loading and all but one losing the race. With an invoke lock, they take turns across JVMs too.
     */
    <T> T invoke(K key, EntryProcessor<K, V, T> processor, Object... arguments) {
        byte[] entryKey = parts.codec.entryKey(key);
        ReentrantLock stripe = stripes[Math.floorMod(Arrays.hashCode(entryKey), STRIPES)];
        stripe.lock();
        try {
            byte[] token = lock == null ? null : lock.acquire(entryKey);
            try {
                return invokeLocked(key, entryKey, processor, arguments);
            } finally {
                if (token != null) {
                    release(entryKey, token);
                }
            }
        } finally {
            stripe.unlock();
        }
    }

    private void release(byte[] entryKey, byte[] token) {
        try {
            lock.release(entryKey, token);
        } catch (RuntimeException e) {
            // The outcome is committed or refused already; the lock lapses with its lease.
            LOG.warn("Cannot release an invoke lock of cache {} now; it lapses with its lease: {}",
                    parts.keys.name(), e.toString());
        }
    }

    private <T> T invokeLocked(K key, byte[] entryKey, EntryProcessor<K, V, T> processor, Object... arguments) {
        CacheStatistics statistics = parts.statistics;
        for (int attempt = 0; attempt < Writes.MAX_ATTEMPTS; attempt++) {
            long start = statistics.start();
            EventBatch<K, V> events = parts.events.batch();
            MutateResult read = parts.writes.read("invoke", entryKey);
            if (read.expiredValue() != null && events.isActive()) {
                events.expired(key, parts.codec.decodeValue(read.expiredValue()));
            }
            byte[] snapshot = read.oldValue();
            ProcessorEntry<K, V> entry = new ProcessorEntry<>(key, snapshot, parts.codec::decodeValue,
                    parts.reader == null ? null : parts.reader::load);
            T result;
            try {
                result = processor.process(entry, arguments);
            } catch (CacheException e) {
                throw e;
            } catch (RuntimeException e) {
                throw new EntryProcessorException(e);
            }
            long getTime = start;
            if (commit(key, entryKey, entry, events, start)) {
                if (snapshot == null) {
                    statistics.misses(1);
                } else {
                    statistics.hits(1);
                }
                statistics.getTime(getTime);
                parts.events.fire(events);
                return result;
            }
            Writes.backoff(attempt);
        }
        throw Writes.contention("invoke");
    }

    /** Commits what the processor did; returns false when the entry changed since the snapshot. */
    private boolean commit(K key, byte[] entryKey, ProcessorEntry<K, V> entry, EventBatch<K, V> events,
                           long start) {
        CacheStatistics statistics = parts.statistics;
        byte[] snapshot = entry.snapshot();
        switch (entry.operation()) {
            case NONE:
                return true;
            case ACCESS: {
                long access = parts.expiry.access();
                if (access == TtlCode.UNCHANGED) {
                    return true;
                }
                MutateResult result = parts.writes.mutate("invoke", entryKey,
                        Mutation.touchIfEquals(snapshot, access), parts.events.route(entryKey));
                if (result.outcome() == MutateResult.ACCESSED_EXPIRED && events.isActive()) {
                    events.expired(key, parts.codec.decodeValue(snapshot));
                }
                // An access needs no compare-and-set: had the entry changed, the read was still a valid read.
                return true;
            }
            case LOAD:
            case CREATE: {
                V value = entry.newValue();
                if (entry.operation() == ProcessorEntry.Operation.CREATE) {
                    parts.writer.write(new CacheEntry<>(key, value));
                }
                MutateResult result = parts.writes.mutate("invoke", entryKey,
                        Mutation.commit(snapshot, Mutation.CommitAction.SET, parts.codec.encodeValue(value),
                                parts.expiry.creation(), TtlCode.UNCHANGED), parts.events.route(entryKey));
                if (result.outcome() == MutateResult.CONDITION_FAILED) {
                    return false;
                }
                if (result.outcome() == MutateResult.CREATED) {
                    events.created(key, value);
                    if (entry.operation() == ProcessorEntry.Operation.CREATE) {
                        statistics.puts(1);
                        statistics.putTime(start);
                    }
                }
                return true;
            }
            case UPDATE: {
                V value = entry.newValue();
                parts.writer.write(new CacheEntry<>(key, value));
                MutateResult result = parts.writes.mutate("invoke", entryKey,
                        Mutation.commit(snapshot, Mutation.CommitAction.SET, parts.codec.encodeValue(value),
                                TtlCode.EXPIRE_NOW, parts.expiry.update()), parts.events.route(entryKey));
                if (result.outcome() == MutateResult.CONDITION_FAILED) {
                    return false;
                }
                if (events.isActive()) {
                    // Decoded afresh: the processor may have changed the object its entry gave it.
                    events.updated(key, value, parts.codec.decodeValue(snapshot));
                }
                if (result.outcome() == MutateResult.UPDATED_EXPIRED) {
                    events.expired(key, value);
                }
                statistics.puts(1);
                statistics.putTime(start);
                return true;
            }
            default: {
                parts.writer.delete(key);
                if (snapshot == null) {
                    return true;
                }
                MutateResult result = parts.writes.mutate("invoke", entryKey,
                        Mutation.commit(snapshot, Mutation.CommitAction.DELETE, null, TtlCode.EXPIRE_NOW,
                                TtlCode.UNCHANGED), parts.events.route(entryKey));
                if (result.outcome() == MutateResult.CONDITION_FAILED) {
                    return false;
                }
                if (events.isActive()) {
                    events.removed(key, parts.codec.decodeValue(snapshot));
                }
                statistics.removals(1);
                statistics.removeTime(start);
                return true;
            }
        }
    }

    <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keys, EntryProcessor<K, V, T> processor,
                                                  Object... arguments) {
        Map<K, EntryProcessorResult<T>> results = new HashMap<>();
        for (K key : keys) {
            if (key == null) {
                throw new NullPointerException("keys contains a null");
            }
        }
        for (K key : keys) {
            try {
                T result = invoke(key, processor, arguments);
                if (result != null) {
                    results.put(key, ProcessorResult.of(result));
                }
            } catch (Exception e) {
                results.put(key, ProcessorResult.failed(e));
            }
        }
        return results;
    }
}
