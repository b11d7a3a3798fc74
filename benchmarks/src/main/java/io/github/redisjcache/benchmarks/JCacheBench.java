package io.github.redisjcache.benchmarks;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import javax.cache.Cache;
import javax.cache.configuration.Factory;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

import io.github.redisjcache.testing.JvmProcess;

/**
 * The JCache operations, the same calls for every JCache contender (see {@link Contenders}): throughput in
 * operations (calls) per second; a getAll or putAll call covers {@link Workload#BULK} entries.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JCacheBench {

    /** {@code ours-json}, {@code ours-kryo} or {@code redisson}. */
    @Param("ours-json")
    public String contender;

    /** Connections per server, or {@code default}. */
    @Param(Contenders.DEFAULT)
    public String pool;

    /**
     * Netty threads, or {@code default}, optionally followed by {@code :transport} ({@code nio}, {@code epoll},
     * {@code io-uring}; without it, each contender's default).
     */
    @Param(Contenders.DEFAULT)
    public String netty;

    /** Whether a listener is registered on the cache in another JVM ({@link ListenerJvm}) while this one writes. */
    @Param("false")
    public boolean listeners;

    /**
     * The caches' expiry policy: {@code eternal} (the run's), or {@code created} or {@code modified}, an hour from
     * creation or from each write (not in the run's phases: for comparing the bulk paths a policy changes).
     */
    @Param("eternal")
    public String expiry;

    private Contenders.Opened opened;
    private JvmProcess listenerJvm;
    /** The listening JVM's count when measuring began and after the latest measured round. */
    private ListenerJvm.Count measuringFrom;
    private ListenerJvm.Count measuredTo;
    Cache<String, Item> cache;
    Cache<String, Item> fresh;
    private final LongAdder invocations = new LongAdder();
    private final AtomicInteger threadIds = new AtomicInteger();
    private String label;

    @Setup(Level.Trial)
    public void setUp(BenchmarkParams params) throws InterruptedException {
        BenchRedis.flushAll();
        label = params.getBenchmark().replaceAll(".*\\.", "") + " " + contender + " pool=" + pool + " netty="
                + netty + " listeners=" + listeners + " threads=" + params.getThreads()
                + (expiry.equals("eternal") ? "" : " expiry=" + expiry);
        if (listeners && !expiry.equals("eternal")) {
            // The listening JVM listens to the run's cache, which has no expiry policy.
            throw new IllegalArgumentException("listeners=true takes expiry=eternal only, not " + expiry);
        }
        opened = Contenders.open(contender, pool, netty, null);
        String suffix = expiry.equals("eternal") ? "" : "-" + expiry;
        cache = opened.cache("bench" + suffix, expiryPolicy(expiry));
        fresh = opened.cache("bench-fresh" + suffix, expiryPolicy(expiry));
        Workload.populate(cache);
        if (listeners) {
            listenerJvm = ListenerJvm.start(contender, pool, netty);
            // Let the writer's instance learn that someone listens before measuring.
            Thread.sleep(2_000);
        }
    }

    private static Factory<? extends ExpiryPolicy> expiryPolicy(String name) {
        Duration hour = new Duration(TimeUnit.HOURS, 1);
        return switch (name) {
            case "eternal" -> null;
            case "created" -> CreatedExpiryPolicy.factoryOf(hour);
            case "modified" -> ModifiedExpiryPolicy.factoryOf(hour);
            default -> throw new IllegalArgumentException("expiry " + name);
        };
    }

    @Setup(Level.Iteration)
    public void countFrom(IterationParams iteration) {
        if (listeners && measuringFrom == null && iteration.getType() == IterationType.MEASUREMENT) {
            measuringFrom = ListenerJvm.count(listenerJvm);
        }
    }

    @TearDown(Level.Iteration)
    public void emptyFresh(IterationParams iteration) {
        if (listeners && iteration.getType() == IterationType.MEASUREMENT) {
            measuredTo = ListenerJvm.count(listenerJvm);
        }
        if (fresh != null) {
            fresh.clear();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown(BenchmarkParams params) throws InterruptedException {
        long invoked = invocations.sum();
        if (invoked > 0) {
            Set<String> hot = new HashSet<>(java.util.Arrays.asList(Workload.HOT));
            long counted = 0;
            for (Item item : cache.getAll(hot).values()) {
                counted += item.getQuantity();
            }
            Workload.check("invoke " + label + " invocations=" + invoked + " counted=" + counted + " lost="
                    + (invoked - counted));
        }
        if (listeners) {
            Thread.sleep(1_000);
            ListenerJvm.Count end = ListenerJvm.count(listenerJvm);
            String cpu = "";
            if (measuringFrom != null && measuredTo != null && measuredTo.events() > measuringFrom.events()) {
                cpu = String.format(java.util.Locale.ROOT, " listening-jvm-cpu-us-per-event=%.1f",
                        (measuredTo.cpuNanos() - measuringFrom.cpuNanos()) / 1e3
                                / (measuredTo.events() - measuringFrom.events()));
            }
            Workload.check("listeners " + label + " events-heard-in-other-jvm=" + end.events() + cpu);
            listenerJvm.close();
        }
        opened.close();
    }

    /** Per-thread random keys and prebuilt bulk sets. */
    @State(Scope.Thread)
    public static class Keys {
        SplittableRandom random;
        Set<String>[] keySets;
        Map<String, Item>[] maps;
        int bulk;
        String freshPrefix;
        long freshCount;

        @Setup(Level.Trial)
        public void setUp(JCacheBench bench) {
            int id = bench.threadIds.getAndIncrement();
            random = new SplittableRandom(42 + id);
            keySets = Workload.keySets(random);
            maps = Workload.maps(random);
            freshPrefix = "fresh-" + id + "-";
        }

        int next() {
            return random.nextInt(Workload.KEYS);
        }

        Set<String> keySet() {
            return keySets[bulk++ & (Workload.BULK_SETS - 1)];
        }

        Map<String, Item> map() {
            return maps[bulk++ & (Workload.BULK_SETS - 1)];
        }
    }

    @Benchmark
    public Item get(Keys keys) {
        return cache.get(Workload.KEY[keys.next()]);
    }

    @Benchmark
    public Item getMiss(Keys keys) {
        return cache.get(Workload.MISSING[keys.next()]);
    }

    @Benchmark
    public void put(Keys keys) {
        int k = keys.next();
        cache.put(Workload.KEY[k], Workload.VALUE[k]);
    }

    /** Always on an absent key (the cache it fills is emptied after each iteration). */
    @Benchmark
    public boolean putIfAbsent(Keys keys) {
        int k = keys.next();
        return fresh.putIfAbsent(keys.freshPrefix + keys.freshCount++, Workload.VALUE[k]);
    }

    /** Always on a present key. */
    @Benchmark
    public boolean replace(Keys keys) {
        int k = keys.next();
        return cache.replace(Workload.KEY[k], Workload.VALUE[k]);
    }

    @Benchmark
    public Map<String, Item> getAll(Keys keys) {
        return cache.getAll(keys.keySet());
    }

    @Benchmark
    public void putAll(Keys keys) {
        cache.putAll(keys.map());
    }

    /**
     * Each thread's own {@link Workload#BULK} entries in the fresh cache, put back before every removeAll, outside
     * the timed call, so that each removeAll finds and removes all of them.
     */
    @State(Scope.Thread)
    public static class Removals {
        Map<String, Item> entries;
        Set<String> keys;
        private String probe;
        private long calls;

        @Setup(Level.Trial)
        public void setUp(JCacheBench bench) {
            int id = bench.threadIds.getAndIncrement();
            entries = new java.util.LinkedHashMap<>();
            for (int i = 0; i < Workload.BULK; i++) {
                entries.put("removed-" + id + "-" + i, Workload.VALUE[i]);
            }
            keys = entries.keySet();
            probe = keys.iterator().next();
        }

        /** Puts the entries back; every 64th time, first checks that the previous call removed them. */
        @Setup(Level.Invocation)
        public void putBack(JCacheBench bench) {
            if ((calls++ & 63) == 1 && bench.fresh.containsKey(probe)) {
                throw new IllegalStateException("removeAll left " + probe + " in the cache");
            }
            bench.fresh.putAll(entries);
        }
    }

    /**
     * removeAll of {@link Workload#BULK} present entries. Not one of the run's phases (its per-call setup puts the
     * entries back): {@code jmh 'JCacheBench.removeAll$'}, see BENCHMARKS.md.
     */
    @Benchmark
    public void removeAll(Removals removals) {
        fresh.removeAll(removals.keys);
    }

    /** Increments a hot entry; the trial's end checks that no increment was lost. */
    @Benchmark
    public Integer invoke(Keys keys) {
        Integer result = cache.invoke(Workload.HOT[keys.random.nextInt(Workload.HOT_KEYS)],
                Workload.Increment.INSTANCE);
        invocations.increment();
        return result;
    }
}
