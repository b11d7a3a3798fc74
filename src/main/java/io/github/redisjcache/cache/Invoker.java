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
import io.github.redisjcache.store.EventRoute;
import io.github.redisjcache.store.MutateResult;
import io.github.redisjcache.store.Mutation;
import io.github.redisjcache.store.TtlCode;

/**
 * Runs entry processors atomically per key across JVMs: the processor works on a snapshot of the entry in the
 * caller's JVM, and its outcome is committed by {@code swap.lua} ({@code mutate.lua} while someone listens) only
 * if the entry still holds the snapshot's bytes (compare-and-set); otherwise the processor runs again on a fresh
 * snapshot, with backoff, a bounded number of times.
 *
 * <p>A snapshot is read from Redis, except in two cases that spare that round trip. A refused commit brings back
 * what the entry holds, and the next run starts from that. And a processor that commits a value leaves its bytes
 * ({@link CommittedValues}): the next processor of the same key in this JVM, waiting already or coming later, starts
 * from them unread. Those bytes are only a guess (another JVM may have written since), so a run on them must prove
 * them: a change by its compare-and-set, a read-only run or a run that throws by reading the entry, which runs the
 * processor again when they differ.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class Invoker<K, V> {

    private static final Logger LOG = LoggerFactory.getLogger(Invoker.class);

    private final CacheParts<K, V> parts;
    private final InvokeLock lock;
    private final ReentrantLock[] stripes = new ReentrantLock[CommittedValues.STRIPES];

    /**
     * Creates the invoker of one cache instance.
     *
     * @param parts the cache's collaborators
     * @param lock  the cluster-wide lock that makes processors on one key take turns across JVMs, or null for none
     */
    Invoker(CacheParts<K, V> parts, InvokeLock lock) {
        this.parts = parts;
        this.lock = lock;
        for (int i = 0; i < stripes.length; i++) {
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
        int stripeIndex = CommittedValues.stripe(entryKey);
        ReentrantLock stripe = stripes[stripeIndex];
        CommittedValues committed = parts.committed;
        stripe.lock();
        try {
            byte[] kept = committed.take(stripeIndex, entryKey);
            Turn turn = new Turn();
            if (kept != null && readsPlainly(entryKey)) {
                turn.next = new Snapshot(kept, false);
            }
            byte[] token = lock == null ? null : lock.acquire(entryKey);
            T result;
            try {
                result = invokeLocked(key, entryKey, turn, processor, arguments);
            } finally {
                if (token != null) {
                    release(entryKey, token);
                }
            }
            if (turn.staleGuess) {
                committed.distrust(stripeIndex);
            }
            // Not under an invoke lock, whose turns go round the JVMs and would mostly leave a stale guess. Through a
            // writer, only to a thread already waiting: a stale guess would have the writer store what its run made.
            if (turn.committed != null && lock == null) {
                boolean awaited = stripe.hasQueuedThreads();
                if (awaited || !parts.writer.isActive()) {
                    committed.offer(stripeIndex, entryKey, turn.committed, awaited);
                }
            }
            return result;
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

    /**
     * Whether a snapshot may come from elsewhere than a read: a read is a plain {@code GET} unless expiries are
     * reported, when it also reports an expired entry it finds.
     */
    private boolean readsPlainly(byte[] entryKey) {
        EventRoute route = parts.events.route(entryKey);
        return route == null || !route.tracksExpiry();
    }

    private <T> T invokeLocked(K key, byte[] entryKey, Turn turn, EntryProcessor<K, V, T> processor,
                               Object... arguments) {
        CacheStatistics statistics = parts.statistics;
        for (int attempt = 0; attempt < Writes.MAX_ATTEMPTS; attempt++) {
            long start = statistics.start();
            EventBatch<K, V> events = parts.events.batch();
            Snapshot snapshot = turn.next;
            turn.next = null;
            if (snapshot == null) {
                MutateResult read = parts.writes.read("invoke", entryKey);
                if (read.expiredValue() != null && events.isActive()) {
                    events.expired(key, parts.codec.decodeValue(read.expiredValue()));
                }
                snapshot = new Snapshot(read.oldValue(), true);
            }
            ProcessorEntry<K, V> entry = new ProcessorEntry<>(key, snapshot.bytes(), parts.codec::decodeValue,
                    parts.reader == null ? null : parts.reader::load);
            T result;
            try {
                result = processor.process(entry, arguments);
            } catch (RuntimeException | Error e) {
                Snapshot current = snapshot.read() || e instanceof VirtualMachineError ? null
                        : unlessChanged(entryKey, snapshot.bytes(), e);
                if (current == null) {
                    if (e instanceof RuntimeException && !(e instanceof CacheException)) {
                        throw new EntryProcessorException(e);
                    }
                    throw e;
                }
                // It failed on a guess that another write had made stale: what it found says nothing.
                turn.staleGuess = true;
                if (readsPlainly(entryKey)) {
                    turn.next = current;
                }
                continue;
            }
            long getTime = start;
            Snapshot current = commit(key, entryKey, entry, snapshot.read(), turn, events, start);
            if (current == null) {
                if (snapshot.bytes() == null) {
                    statistics.misses(1);
                } else {
                    statistics.hits(1);
                }
                statistics.getTime(getTime);
                parts.events.fire(events);
                return result;
            }
            if (!snapshot.read()) {
                turn.staleGuess = true;
            }
            if (current.read() && readsPlainly(entryKey)) {
                turn.next = current;
            }
            Writes.backoff(attempt);
        }
        throw Writes.contention("invoke");
    }

    /**
     * Commits what the processor did.
     *
     * @param read whether the snapshot was read from Redis by this invocation (not left by a previous one)
     * @return null when committed; otherwise what the entry holds instead of the snapshot, as read when the commit
     *         was refused
     */
    private Snapshot commit(K key, byte[] entryKey, ProcessorEntry<K, V> entry, boolean read, Turn turn,
                            EventBatch<K, V> events, long start) {
        CacheStatistics statistics = parts.statistics;
        byte[] snapshot = entry.snapshot();
        switch (entry.operation()) {
            case NONE:
                return read ? null : unlessChanged(entryKey, snapshot);
            case ACCESS: {
                long access = parts.expiry.access();
                if (access == TtlCode.UNCHANGED) {
                    return read ? null : unlessChanged(entryKey, snapshot);
                }
                MutateResult result = parts.writes.mutate("invoke", entryKey,
                        Mutation.touchIfEquals(snapshot, access), parts.events.route(entryKey));
                if (result.outcome() == MutateResult.CONDITION_FAILED && !read) {
                    return refused(result);
                }
                if (result.outcome() == MutateResult.ACCESSED_EXPIRED && events.isActive()) {
                    events.expired(key, parts.codec.decodeValue(snapshot));
                }
                // A snapshot that was read needs no compare-and-set: had the entry changed, the read was still valid.
                return null;
            }
            case LOAD:
            case CREATE: {
                V value = entry.newValue();
                if (entry.operation() == ProcessorEntry.Operation.CREATE) {
                    parts.writer.write(new CacheEntry<>(key, value));
                }
                byte[] bytes = parts.codec.encodeValue(value);
                MutateResult result = parts.writes.mutate("invoke", entryKey,
                        Mutation.commit(snapshot, Mutation.CommitAction.SET, bytes, parts.expiry.creation(),
                                TtlCode.UNCHANGED), parts.events.route(entryKey));
                if (result.outcome() == MutateResult.CONDITION_FAILED) {
                    return refused(result);
                }
                if (result.outcome() == MutateResult.CREATED) {
                    turn.committed = bytes;
                    events.created(key, value);
                    if (entry.operation() == ProcessorEntry.Operation.CREATE) {
                        statistics.puts(1);
                        statistics.putTime(start);
                    }
                }
                return null;
            }
            case UPDATE: {
                V value = entry.newValue();
                parts.writer.write(new CacheEntry<>(key, value));
                byte[] bytes = parts.codec.encodeValue(value);
                MutateResult result = parts.writes.mutate("invoke", entryKey,
                        Mutation.commit(snapshot, Mutation.CommitAction.SET, bytes, TtlCode.EXPIRE_NOW,
                                parts.expiry.update()), parts.events.route(entryKey));
                if (result.outcome() == MutateResult.CONDITION_FAILED) {
                    return refused(result);
                }
                if (events.isActive()) {
                    // Decoded afresh: the processor may have changed the object its entry gave it.
                    events.updated(key, value, parts.codec.decodeValue(snapshot));
                }
                if (result.outcome() == MutateResult.UPDATED_EXPIRED) {
                    events.expired(key, value);
                } else {
                    turn.committed = bytes;
                }
                statistics.puts(1);
                statistics.putTime(start);
                return null;
            }
            default: {
                parts.writer.delete(key);
                if (snapshot == null) {
                    // Only ever a snapshot read from Redis: one left by a previous processor holds a value.
                    return null;
                }
                MutateResult result = parts.writes.mutate("invoke", entryKey,
                        Mutation.commit(snapshot, Mutation.CommitAction.DELETE, null, TtlCode.EXPIRE_NOW,
                                TtlCode.UNCHANGED), parts.events.route(entryKey));
                if (result.outcome() == MutateResult.CONDITION_FAILED) {
                    return refused(result);
                }
                if (events.isActive()) {
                    events.removed(key, parts.codec.decodeValue(snapshot));
                }
                statistics.removals(1);
                statistics.removeTime(start);
                return null;
            }
        }
    }

    /** Proves a snapshot a read-only processor ran on unread: null when the entry still holds it. */
    private Snapshot unlessChanged(byte[] entryKey, byte[] snapshot) {
        byte[] current = parts.writes.read("invoke", entryKey).oldValue();
        return Arrays.equals(current, snapshot) ? null : new Snapshot(current, true);
    }

    /** Proves a snapshot a processor failed on unread; a failure to read carries the processor's as suppressed. */
    private Snapshot unlessChanged(byte[] entryKey, byte[] snapshot, Throwable failure) {
        try {
            return unlessChanged(entryKey, snapshot);
        } catch (RuntimeException e) {
            e.addSuppressed(failure);
            throw e;
        }
    }

    /** What a refused commit found: a refused compare-and-set replies with the entry's current bytes. */
    private static Snapshot refused(MutateResult result) {
        return new Snapshot(result.oldValue(), true);
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

    /**
     * The entry as a processor run starts from.
     *
     * @param bytes the stored bytes, or null for no entry
     * @param read  whether they were read from Redis in this invocation, rather than left by a previous one
     */
    private record Snapshot(byte[] bytes, boolean read) {
    }

    /** One invocation's state between its attempts. */
    private static final class Turn {
        /** The snapshot the next attempt starts from, or null to read one. */
        Snapshot next;
        /** The bytes this invocation stored, or null. */
        byte[] committed;
        /** Whether a snapshot it did not read proved stale. */
        boolean staleGuess;
    }
}
