package io.github.redisjcache.benchmarks;

import java.net.URI;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;

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

import io.github.redisjcache.testing.RedisCluster;

/**
 * get and put on a Redis Cluster of 3 masters, started by this fork on loopback ports: what the cluster's default
 * pool of 10 connections per server costs against a pipelining pool of 2 (which Redisson can lose connections of
 * while it follows redirections; BENCHMARKS.md). Not part of the run's phases:
 * {@code java -jar benchmarks.jar jmh ClusterPoolBench -p pool=2,10 -t 16 -f 1 -wi 3 -w 2s -i 4 -r 2s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ClusterPoolBench {

    /** Connections per server, or {@code default} (ours: 10 on a cluster). */
    @Param(Contenders.DEFAULT)
    public String pool;

    /** {@code json} or {@code kryo}. */
    @Param("json")
    public String codec;

    private RedisCluster cluster;
    private CacheManager manager;
    Cache<String, Item> cache;
    private final AtomicInteger threadIds = new AtomicInteger();

    @Setup(Level.Trial)
    public void setUp() {
        cluster = RedisCluster.start(3, 0);
        String query = Contenders.DEFAULT.equals(pool) ? "" : "?pool-size=" + pool;
        manager = Contenders.oursManager(URI.create(cluster.uri() + query), codec);
        cache = manager.createCache("clustered", new MutableConfiguration<String, Item>()
                .setTypes(String.class, Item.class));
        Workload.populate(cache);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
        cluster.close();
    }

    /** A random key per thread. */
    @State(Scope.Thread)
    public static class Keys {
        SplittableRandom random;

        @Setup(Level.Trial)
        public void setUp(ClusterPoolBench bench) {
            random = new SplittableRandom(42 + bench.threadIds.getAndIncrement());
        }
    }

    @Benchmark
    public Item get(Keys keys) {
        return cache.get(Workload.KEY[keys.random.nextInt(Workload.KEYS)]);
    }

    @Benchmark
    public void put(Keys keys) {
        int k = keys.random.nextInt(Workload.KEYS);
        cache.put(Workload.KEY[k], Workload.VALUE[k]);
    }
}
