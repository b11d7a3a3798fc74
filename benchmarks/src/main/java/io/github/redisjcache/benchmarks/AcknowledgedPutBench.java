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

import io.github.redisjcache.testing.RedisServer;

/**
 * put with {@code wait-replicas=1}: every write waits for a replica's acknowledgement (Redis WAIT, which holds its
 * connection until the replica answers). Measures what the pool size is worth then; this fork starts its own master
 * and replica on loopback ports. Not part of the run's phases (BENCHMARKS.md gives its figures):
 * {@code java -jar benchmarks.jar jmh AcknowledgedPutBench -p pool=1,4 -t 16 -f 1 -wi 6 -w 2s -i 5 -r 2s}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AcknowledgedPutBench {

    /** Connections per server, or {@code default} (ours: 4 with wait-replicas). */
    @Param(Contenders.DEFAULT)
    public String pool;

    /** {@code json} or {@code kryo}. */
    @Param("json")
    public String codec;

    private RedisServer master;
    private RedisServer replica;
    private CacheManager manager;
    Cache<String, Item> cache;
    private final AtomicInteger threadIds = new AtomicInteger();

    @Setup(Level.Trial)
    public void setUp() {
        master = BenchRedis.start();
        replica = RedisServer.startReplicaOf(master);
        StringBuilder query = new StringBuilder("?wait-replicas=1&wait-timeout=2s");
        if (!Contenders.DEFAULT.equals(pool)) {
            query.append("&pool-size=").append(pool);
        }
        manager = Contenders.oursManager(URI.create(master.uri() + query), codec);
        cache = manager.createCache("acknowledged", new MutableConfiguration<String, Item>()
                .setTypes(String.class, Item.class));
        Workload.populate(cache);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        manager.close();
        replica.close();
        master.close();
    }

    /** A random key per thread. */
    @State(Scope.Thread)
    public static class Keys {
        SplittableRandom random;

        @Setup(Level.Trial)
        public void setUp(AcknowledgedPutBench bench) {
            random = new SplittableRandom(42 + bench.threadIds.getAndIncrement());
        }
    }

    @Benchmark
    public void put(Keys keys) {
        int k = keys.random.nextInt(Workload.KEYS);
        cache.put(Workload.KEY[k], Workload.VALUE[k]);
    }
}
