package io.github.redisjcache.management;

import java.util.concurrent.atomic.LongAdder;

import javax.cache.management.CacheStatisticsMXBean;

/**
 * The statistics of one cache in this JVM, as the specification defines them; counting is skipped entirely while
 * statistics are disabled.
 */
public final class CacheStatistics implements CacheStatisticsMXBean {

    private static final float NANOS_PER_MICRO = 1000f;

    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder puts = new LongAdder();
    private final LongAdder removals = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder getNanos = new LongAdder();
    private final LongAdder putNanos = new LongAdder();
    private final LongAdder removeNanos = new LongAdder();
    private volatile boolean enabled;

    /**
     * Creates statistics.
     *
     * @param enabled whether counting starts enabled
     */
    public CacheStatistics(boolean enabled) {
        this.enabled = enabled;
    }

    /** @return whether counting is on */
    public boolean isEnabled() {
        return enabled;
    }

    /**
     * Turns counting on or off; counts are kept.
     *
     * @param enabled whether to count
     */
    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    /** @return the current time for a timed operation, or 0 when not counting */
    public long start() {
        return enabled ? System.nanoTime() : 0;
    }

    /**
     * Counts hits.
     *
     * @param count how many
     */
    public void hits(long count) {
        if (enabled && count > 0) {
            hits.add(count);
        }
    }

    /**
     * Counts misses.
     *
     * @param count how many
     */
    public void misses(long count) {
        if (enabled && count > 0) {
            misses.add(count);
        }
    }

    /**
     * Counts puts.
     *
     * @param count how many
     */
    public void puts(long count) {
        if (enabled && count > 0) {
            puts.add(count);
        }
    }

    /**
     * Counts removals.
     *
     * @param count how many
     */
    public void removals(long count) {
        if (enabled && count > 0) {
            removals.add(count);
        }
    }

    /**
     * Counts one entry Redis evicted ({@code maxmemory}), as its keyspace notification reported it.
     */
    public void evicted() {
        if (enabled) {
            evictions.increment();
        }
    }

    /**
     * Records the time of a get.
     *
     * @param start the value {@link #start()} returned
     */
    public void getTime(long start) {
        if (enabled && start != 0) {
            getNanos.add(System.nanoTime() - start);
        }
    }

    /**
     * Records the time of a put.
     *
     * @param start the value {@link #start()} returned
     */
    public void putTime(long start) {
        if (enabled && start != 0) {
            putNanos.add(System.nanoTime() - start);
        }
    }

    /**
     * Records the time of a removal.
     *
     * @param start the value {@link #start()} returned
     */
    public void removeTime(long start) {
        if (enabled && start != 0) {
            removeNanos.add(System.nanoTime() - start);
        }
    }

    @Override
    public void clear() {
        hits.reset();
        misses.reset();
        puts.reset();
        removals.reset();
        evictions.reset();
        getNanos.reset();
        putNanos.reset();
        removeNanos.reset();
    }

    @Override
    public long getCacheHits() {
        return hits.sum();
    }

    @Override
    public float getCacheHitPercentage() {
        long gets = getCacheGets();
        return gets == 0 ? 0 : (float) getCacheHits() / gets * 100.0f;
    }

    @Override
    public long getCacheMisses() {
        return misses.sum();
    }

    @Override
    public float getCacheMissPercentage() {
        long gets = getCacheGets();
        return gets == 0 ? 0 : (float) getCacheMisses() / gets * 100.0f;
    }

    @Override
    public long getCacheGets() {
        return hits.sum() + misses.sum();
    }

    @Override
    public long getCachePuts() {
        return puts.sum();
    }

    @Override
    public long getCacheRemovals() {
        return removals.sum();
    }

    @Override
    public long getCacheEvictions() {
        // Every JVM counting statistics hears every eviction of the cache: Redis evicts, no JVM does.
        return evictions.sum();
    }

    @Override
    public float getAverageGetTime() {
        return average(getNanos.sum(), getCacheGets());
    }

    @Override
    public float getAveragePutTime() {
        return average(putNanos.sum(), getCachePuts());
    }

    @Override
    public float getAverageRemoveTime() {
        return average(removeNanos.sum(), getCacheRemovals());
    }

    private static float average(long nanos, long count) {
        return count <= 0 || nanos <= 0 ? 0 : (nanos / (float) count) / NANOS_PER_MICRO;
    }
}
