package io.github.redisjcache.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

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
import org.redisson.Redisson;
import org.redisson.api.RBatch;
import org.redisson.api.RBucket;
import org.redisson.api.RBuckets;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.ByteArrayCodec;

import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * The client floors: plain Redisson {@code RBucket} get/set (the client redis-jcache is built on) and Lettuce's
 * synchronous GET/SET (one shared connection, as Lettuce recommends), both storing the value as hand-serialized
 * bytes ({@link ItemBytes}) under the same keys. {@code getAll}/{@code putAll} are MGET/MSET of
 * {@link Workload#BULK} keys: Lettuce's, and Redisson's {@code RBuckets} (which, like a cache's getAll, returns a map
 * by key name), the floor of the client redis-jcache sends its MGET and MSET through.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ClientBench {

    /** {@code rbucket} or {@code lettuce}. */
    @Param("rbucket")
    public String client;

    /** Redisson's connections per server, or {@code default} (64); ignored by Lettuce. */
    @Param(Contenders.DEFAULT)
    public String pool;

    /**
     * Redisson's Netty threads, or {@code default} (32), optionally {@code :transport} ({@code nio}, the default,
     * {@code epoll}, {@code io-uring}); ignored by Lettuce, which takes a native transport when one loads.
     */
    @Param(Contenders.DEFAULT)
    public String netty;

    private RedissonClient redisson;
    private RBucket<byte[]>[] buckets;
    private RBuckets bulkBuckets;
    private RedisClient lettuce;
    private StatefulRedisConnection<byte[], byte[]> connection;
    private RedisCommands<byte[], byte[]> sync;
    private byte[][] keyBytes;
    private final AtomicInteger threadIds = new AtomicInteger();

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setUp() {
        BenchRedis.flushAll();
        keyBytes = new byte[Workload.KEYS][];
        for (int i = 0; i < Workload.KEYS; i++) {
            keyBytes[i] = ("plain:" + Workload.KEY[i]).getBytes(StandardCharsets.UTF_8);
        }
        if (client.equals("rbucket")) {
            redisson = Redisson.create(Contenders.redissonConfig(pool, netty));
            buckets = new RBucket[Workload.KEYS];
            bulkBuckets = redisson.getBuckets(ByteArrayCodec.INSTANCE);
            RBatch batch = redisson.createBatch();
            for (int i = 0; i < Workload.KEYS; i++) {
                buckets[i] = redisson.getBucket("plain:" + Workload.KEY[i], ByteArrayCodec.INSTANCE);
                batch.<byte[]>getBucket("plain:" + Workload.KEY[i], ByteArrayCodec.INSTANCE)
                        .setAsync(ItemBytes.encode(Workload.VALUE[i]));
            }
            batch.execute();
        } else if (client.equals("lettuce")) {
            lettuce = RedisClient.create(RedisURI.create(BenchRedis.uri()));
            connection = lettuce.connect(io.lettuce.core.codec.ByteArrayCodec.INSTANCE);
            sync = connection.sync();
            Map<byte[], byte[]> all = new HashMap<>();
            for (int i = 0; i < Workload.KEYS; i++) {
                all.put(keyBytes[i], ItemBytes.encode(Workload.VALUE[i]));
            }
            sync.mset(all);
        } else {
            throw new IllegalArgumentException("Unknown client " + client);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (redisson != null) {
            redisson.shutdown();
        }
        if (connection != null) {
            connection.close();
            lettuce.shutdown();
        }
    }

    /** Per-thread random keys and prebuilt bulk arguments. */
    @State(Scope.Thread)
    public static class Keys {
        SplittableRandom random;
        byte[][][] keySets;
        Map<byte[], byte[]>[] maps;
        String[][] nameSets;
        Map<String, byte[]>[] nameMaps;
        int bulk;

        @Setup(Level.Trial)
        @SuppressWarnings("unchecked")
        public void setUp(ClientBench bench) {
            random = new SplittableRandom(42 + bench.threadIds.getAndIncrement());
            keySets = new byte[Workload.BULK_SETS][][];
            maps = new Map[Workload.BULK_SETS];
            nameSets = new String[Workload.BULK_SETS][];
            nameMaps = new Map[Workload.BULK_SETS];
            for (int s = 0; s < Workload.BULK_SETS; s++) {
                keySets[s] = new byte[Workload.BULK][];
                maps[s] = new HashMap<>();
                nameSets[s] = new String[Workload.BULK];
                nameMaps[s] = new HashMap<>();
                for (int i = 0; i < Workload.BULK; i++) {
                    int k = random.nextInt(Workload.KEYS);
                    keySets[s][i] = bench.keyBytes[k];
                    maps[s].put(bench.keyBytes[k], ItemBytes.encode(Workload.VALUE[k]));
                    nameSets[s][i] = "plain:" + Workload.KEY[k];
                    nameMaps[s].put(nameSets[s][i], ItemBytes.encode(Workload.VALUE[k]));
                }
            }
        }

        int next() {
            return random.nextInt(Workload.KEYS);
        }
    }

    @Benchmark
    public Item get(Keys keys) {
        int k = keys.next();
        byte[] bytes = redisson != null ? buckets[k].get() : sync.get(keyBytes[k]);
        return ItemBytes.decode(bytes);
    }

    @Benchmark
    public void put(Keys keys) {
        int k = keys.next();
        byte[] bytes = ItemBytes.encode(Workload.VALUE[k]);
        if (redisson != null) {
            buckets[k].set(bytes);
        } else {
            sync.set(keyBytes[k], bytes);
        }
    }

    /** MGET of {@link Workload#BULK} keys, decoding each value. */
    @Benchmark
    public int getAll(Keys keys) {
        int set = keys.bulk++ & (Workload.BULK_SETS - 1);
        int found = 0;
        if (redisson != null) {
            Map<String, byte[]> values = bulkBuckets.get(keys.nameSets[set]);
            for (byte[] value : values.values()) {
                if (ItemBytes.decode(value) != null) {
                    found++;
                }
            }
            return found;
        }
        List<KeyValue<byte[], byte[]>> values = sync.mget(keys.keySets[set]);
        for (KeyValue<byte[], byte[]> value : values) {
            if (value.hasValue() && ItemBytes.decode(value.getValue()) != null) {
                found++;
            }
        }
        return found;
    }

    /** MSET of {@link Workload#BULK} entries (values encoded once, ahead). */
    @Benchmark
    public String putAll(Keys keys) {
        int set = keys.bulk++ & (Workload.BULK_SETS - 1);
        if (redisson != null) {
            bulkBuckets.set(keys.nameMaps[set]);
            return "OK";
        }
        return sync.mset(keys.maps[set]);
    }

    /**
     * Each thread's own {@link Workload#BULK} keys, set again by MSET before every removeAll, outside the timed call.
     */
    @State(Scope.Thread)
    public static class Removals {
        String[] names;
        byte[][] keys;
        Map<String, byte[]> nameMap;
        Map<byte[], byte[]> map;
        private long calls;

        @Setup(Level.Trial)
        public void setUp(ClientBench bench) {
            int id = bench.threadIds.getAndIncrement();
            names = new String[Workload.BULK];
            keys = new byte[Workload.BULK][];
            nameMap = new HashMap<>();
            map = new HashMap<>();
            for (int i = 0; i < Workload.BULK; i++) {
                names[i] = "plain:removed-" + id + "-" + i;
                keys[i] = names[i].getBytes(StandardCharsets.UTF_8);
                nameMap.put(names[i], ItemBytes.encode(Workload.VALUE[i]));
                map.put(keys[i], nameMap.get(names[i]));
            }
        }

        /** Sets the keys again; every 64th time, first checks that the previous call deleted them. */
        @Setup(Level.Invocation)
        public void setBack(ClientBench bench) {
            if ((calls++ & 63) == 1 && (bench.redisson != null ? bench.redisson.getBucket(names[0]).isExists()
                    : bench.sync.exists(keys[0]) > 0)) {
                throw new IllegalStateException("UNLINK left " + names[0]);
            }
            if (bench.redisson != null) {
                bench.bulkBuckets.set(nameMap);
            } else {
                bench.sync.mset(map);
            }
        }
    }

    /**
     * UNLINK of {@link Workload#BULK} present keys, the command a cache's removeAll sends (its floor; not one of the
     * run's phases).
     */
    @Benchmark
    public long removeAll(Removals removals) {
        return redisson != null ? redisson.getKeys().unlink(removals.names) : sync.unlink(removals.keys);
    }
}
