package io.github.redisjcache.benchmarks;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

import javax.cache.Cache;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ModifiedExpiryPolicy;

import io.github.redisjcache.testing.RespClient;
import io.lettuce.core.KeyValue;
import io.lettuce.core.MapScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;

/**
 * What each operation costs Redis: CPU per operation from {@code INFO commandstats} (the usec_per_call of each
 * command the operation sends, times how many it sends, as counted with MONITOR; a script's time includes the
 * commands it runs) and from the server process's CPU time ({@code INFO cpu}, network I/O included), ours against
 * plain GET and SET of the same entries; and memory per entry, against a plain SET of the same key and value bytes.
 */
final class ServerCost {

    /** One operation's cost. */
    record Cost(String contender, String op, int entriesPerCall, double usecPerOp, double cpuUsecPerOp,
                String commands) {
    }

    /** Memory per entry of a contender, and of plain SETs of exactly its stored keys and values. */
    record Memory(String contender, int entries, double bytesPerEntry, double plainBytesPerEntry,
                  double keyBytes, double valueBytes, long sampleMemoryUsage) {
    }

    interface Op {
        void run(int i);
    }

    /**
     * Operations measured here only, not in the matrix, over entries present: put and putAll into a cache whose
     * entries expire an hour after their creation, so that each write is an update that must keep the entry's time
     * to live, and putAll into one whose entries expire an hour after their last change.
     */
    static final List<String> COST_ONLY_OPS = List.of("put (created)", "putAll (created)", "putAll (modified)");

    /** The contender name of the plain commands measured beside a contender's: {@code plain@ours-json}. */
    static final String PLAIN_BESIDE = "plain@";

    private static final int WARMUP = 2_000;
    private static final int MONITORED = 200;
    static final int MEMORY_ENTRIES = 100_000;

    private final int port;
    private final int n;

    ServerCost(int port, int n) {
        this.port = port;
        this.n = n;
    }

    /**
     * Measures every operation of each contender (ours beside the plain commands on the same entries), in turn,
     * {@code rounds} times over, every other pass in reverse order so that a machine speeding up or slowing down
     * favours no contender, and keeps the median of each figure: one pass alone moved by up to 2x on a small
     * machine, and not for every contender alike.
     */
    List<Cost> all(List<String> contenders, int rounds) throws Exception {
        List<Map<String, Cost>> passes = new ArrayList<>();
        List<String> inTurn = new ArrayList<>(contenders);
        for (int round = 0; round < rounds; round++) {
            // By contender and operation; the first pass, in the order given, orders the medians.
            Map<String, Cost> pass = new LinkedHashMap<>();
            for (String contender : inTurn) {
                jcache(contender).forEach(cost -> pass.put(cost.contender() + " " + cost.op(), cost));
            }
            passes.add(pass);
            Collections.reverse(inTurn);
        }
        List<Cost> medians = new ArrayList<>();
        for (String measure : passes.get(0).keySet()) {
            Cost first = passes.get(0).get(measure);
            double[] usec = new double[rounds];
            double[] cpu = new double[rounds];
            for (int round = 0; round < rounds; round++) {
                usec[round] = passes.get(round).get(measure).usecPerOp();
                cpu[round] = passes.get(round).get(measure).cpuUsecPerOp();
            }
            double median = Row.median(usec);
            // The commands and their times of the pass that gave the median, so that they add up to it.
            int closest = 0;
            for (int round = 1; round < rounds; round++) {
                if (Math.abs(usec[round] - median) < Math.abs(usec[closest] - median)) {
                    closest = round;
                }
            }
            medians.add(new Cost(first.contender(), first.op(), first.entriesPerCall(), median, Row.median(cpu),
                    passes.get(closest).get(measure).commands()));
        }
        return medians;
    }

    /**
     * One contender's operations. Ours are each preceded by the plain command on the very entries they touch (a
     * GET, a GET of a missing key, a SET of the bytes stored), measured just before, so that "÷ plain" compares two
     * figures taken seconds apart on the same keys and values: the plain commands measured once per pass, minutes
     * away from ours, moved by 2x between passes (see BENCHMARKS.md, Profile).
     */
    private List<Cost> jcache(String contender) throws Exception {
        BenchRedis.flushAll();
        try (Contenders.Opened opened = Contenders.open(contender, Contenders.DEFAULT, Contenders.DEFAULT, null)) {
            Cache<String, Item> cache = opened.cache("bench");
            Cache<String, Item> fresh = opened.cache("bench-fresh");
            Cache<String, Item> created = opened.cache("bench-created",
                    CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.HOURS, 1)));
            Cache<String, Item> modified = opened.cache("bench-modified",
                    ModifiedExpiryPolicy.factoryOf(new Duration(TimeUnit.HOURS, 1)));
            Workload.populate(cache);
            Workload.populate(created);
            Workload.populate(modified);
            SplittableRandom random = new SplittableRandom(7);
            Set<String>[] sets = Workload.keySets(random);
            Map<String, Item>[] maps = Workload.maps(random);
            int bulkCalls = Math.max(200, n / Workload.BULK * 5);
            List<Cost> costs = new ArrayList<>();
            try (PlainCommands plain = contender.startsWith("ours-") ? new PlainCommands("jcache:bench:") : null) {
                costs.addAll(besidePlain(plain, contender, "get", i -> cache.get(Workload.KEY[i % Workload.KEYS])));
                costs.addAll(besidePlain(plain, contender, "getMiss",
                        i -> cache.get(Workload.MISSING[i % Workload.KEYS])));
                costs.addAll(besidePlain(plain, contender, "put",
                        i -> cache.put(Workload.KEY[i % Workload.KEYS], Workload.VALUE[i % Workload.KEYS])));
            }
            costs.add(measure(contender, "putIfAbsent", 1,
                    i -> fresh.putIfAbsent("cost-" + i, Workload.VALUE[i % Workload.KEYS])));
            costs.add(measure(contender, "replace", 1,
                    i -> cache.replace(Workload.KEY[i % Workload.KEYS], Workload.VALUE[i % Workload.KEYS])));
            costs.add(measureN(contender, "getAll", Workload.BULK, bulkCalls,
                    i -> cache.getAll(sets[i % Workload.BULK_SETS])));
            costs.add(measureN(contender, "putAll", Workload.BULK, bulkCalls,
                    i -> cache.putAll(maps[i % Workload.BULK_SETS])));
            costs.add(measure(contender, "invoke", 1,
                    i -> cache.invoke(Workload.HOT[i % Workload.HOT_KEYS], Workload.Increment.INSTANCE)));
            costs.add(measure(contender, COST_ONLY_OPS.get(0), 1,
                    i -> created.put(Workload.KEY[i % Workload.KEYS], Workload.VALUE[i % Workload.KEYS])));
            costs.add(measureN(contender, COST_ONLY_OPS.get(1), Workload.BULK, bulkCalls,
                    i -> created.putAll(maps[i % Workload.BULK_SETS])));
            costs.add(measureN(contender, COST_ONLY_OPS.get(2), Workload.BULK, bulkCalls,
                    i -> modified.putAll(maps[i % Workload.BULK_SETS])));
            return costs;
        }
    }

    /** A contender's single-key operation, preceded by the plain command on the same entries when there is one. */
    private List<Cost> besidePlain(PlainCommands plain, String contender, String op, Op fn) throws Exception {
        List<Cost> costs = new ArrayList<>(2);
        if (plain != null) {
            costs.add(measure(PLAIN_BESIDE + contender, op, 1, plain.command(op)));
        }
        costs.add(measure(contender, op, 1, fn));
        return costs;
    }

    private Cost measure(String contender, String op, int entries, Op fn) throws Exception {
        return measureN(contender, op, entries, n, fn);
    }

    private Cost measureN(String contender, String op, int entries, int calls, Op fn) throws Exception {
        int warmup = Math.min(WARMUP, calls / 2);
        int offset = 0;
        for (int i = 0; i < warmup; i++) {
            fn.run(offset++);
        }
        Map<String, Long> sent;
        try (Monitor monitor = new Monitor(port)) {
            monitor.start();
            for (int i = 0; i < MONITORED; i++) {
                fn.run(offset++);
            }
            sent = monitor.stop();
        }
        Map<String, Double> usecPerCallByCommand;
        double cpu;
        try (RespClient redis = BenchRedis.client()) {
            redis.call("CONFIG", "RESETSTAT");
            double cpuBefore = cpuSeconds(redis);
            for (int i = 0; i < calls; i++) {
                fn.run(offset++);
            }
            cpu = cpuSeconds(redis) - cpuBefore;
            usecPerCallByCommand = redis.commandUsecPerCall();
        }
        double usecPerOp = 0;
        StringJoiner commands = new StringJoiner(" + ");
        for (Map.Entry<String, Long> entry : sent.entrySet()) {
            double perOp = entry.getValue() / (double) MONITORED;
            if (perOp < 0.05) {
                continue;
            }
            double usecPerCall = usecPerCallByCommand.getOrDefault(entry.getKey(), 0.0);
            usecPerOp += perOp * usecPerCall;
            commands.add((perOp == Math.rint(perOp) ? String.valueOf((long) perOp) : String.format("%.2f", perOp))
                    + "×" + entry.getKey().toUpperCase() + String.format(" (%.2f µs)", usecPerCall));
        }
        Cost cost = new Cost(contender, op, entries, usecPerOp, cpu * 1e6 / calls, commands.toString());
        System.out.printf("COST %-10s %-12s %8.2f µs/op (commandstats)  %8.2f µs/op (process CPU)  %s%n",
                contender, op, cost.usecPerOp(), cost.cpuUsecPerOp(), cost.commands());
        return cost;
    }

    /**
     * Plain GET and SET through Lettuce of a contender's own stored entries: the same keys and the same value bytes
     * as its get and put, in the order they take them.
     */
    private static final class PlainCommands implements AutoCloseable {

        private final RedisClient client = RedisClient.create(RedisURI.create(BenchRedis.uri()));
        private final StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
        private final RedisCommands<byte[], byte[]> sync = connection.sync();
        private final byte[][] keys = new byte[Workload.KEYS][];
        private final byte[][] values = new byte[Workload.KEYS][];
        private final byte[][] missing = new byte[Workload.KEYS][];

        /** @param prefix what the contender puts before a key of the cache measured */
        PlainCommands(String prefix) {
            try {
                for (int i = 0; i < Workload.KEYS; i++) {
                    keys[i] = (prefix + Workload.KEY[i]).getBytes(StandardCharsets.UTF_8);
                    missing[i] = (prefix + Workload.MISSING[i]).getBytes(StandardCharsets.UTF_8);
                    values[i] = sync.get(keys[i]);
                    if (values[i] == null) {
                        throw new IllegalStateException("No entry stored under " + prefix + Workload.KEY[i]);
                    }
                }
            } catch (RuntimeException e) {
                close();
                throw e;
            }
        }

        /** @return the plain command that stands beside an operation of ours: get, getMiss or put */
        Op command(String op) {
            return switch (op) {
                case "get" -> i -> sync.get(keys[i % Workload.KEYS]);
                case "getMiss" -> i -> sync.get(missing[i % Workload.KEYS]);
                case "put" -> i -> sync.set(keys[i % Workload.KEYS], values[i % Workload.KEYS]);
                default -> throw new IllegalArgumentException("No plain command for " + op);
            };
        }

        @Override
        public void close() {
            connection.close();
            client.shutdown();
        }
    }

    private static double cpuSeconds(RespClient redis) {
        Map<String, String> cpu = redis.info("cpu");
        return Double.parseDouble(cpu.get("used_cpu_sys")) + Double.parseDouble(cpu.get("used_cpu_user"));
    }

    // ------------------------------------------------------------------------------------------------ memory

    List<Memory> memory(List<String> contenders) throws Exception {
        List<Memory> result = new ArrayList<>();
        for (String contender : contenders) {
            result.add(memory(contender));
        }
        return result;
    }

    private Memory memory(String contender) throws Exception {
        BenchRedis.flushAll();
        RedisClient client = RedisClient.create(RedisURI.create(BenchRedis.uri()));
        try (StatefulRedisConnection<byte[], byte[]> connection = client.connect(ByteArrayCodec.INSTANCE);
             RespClient redis = BenchRedis.client()) {
            RedisCommands<byte[], byte[]> sync = connection.sync();
            long before;
            long after;
            try (Contenders.Opened opened = Contenders.open(contender, Contenders.DEFAULT, Contenders.DEFAULT, null)) {
                Cache<String, Item> cache = opened.cache("mem");
                before = usedMemory(redis);
                Map<String, Item> chunk = new LinkedHashMap<>();
                for (int i = 0; i < MEMORY_ENTRIES; i++) {
                    chunk.put("key-" + i, Item.sample(i));
                    if (chunk.size() == 1_000) {
                        cache.putAll(chunk);
                        chunk.clear();
                    }
                }
                after = usedMemory(redis);
            }
            // The exact bytes stored: our entries are plain keys; Redisson's are fields of one hash per cache.
            Map<byte[], byte[]> stored = new LinkedHashMap<>();
            long sample = 0;
            if (contender.startsWith("ours-")) {
                ScanCursor cursor = ScanCursor.INITIAL;
                do {
                    KeyScanCursor<byte[]> chunk = sync.scan(cursor, ScanArgs.Builder.matches("jcache:mem:*")
                            .limit(1000));
                    List<byte[]> keys = chunk.getKeys();
                    if (!keys.isEmpty()) {
                        List<KeyValue<byte[], byte[]>> values = sync.mget(keys.toArray(new byte[0][]));
                        for (KeyValue<byte[], byte[]> kv : values) {
                            stored.put(kv.getKey(), kv.getValue());
                        }
                    }
                    cursor = chunk;
                } while (!cursor.isFinished());
                Object usage = redis.call("MEMORY", "USAGE", "jcache:mem:key-1");
                sample = usage instanceof Long ? (Long) usage : 0;
            } else {
                ScanCursor cursor = ScanCursor.INITIAL;
                do {
                    MapScanCursor<byte[], byte[]> chunk = sync.hscan("mem".getBytes(StandardCharsets.UTF_8), cursor,
                            ScanArgs.Builder.limit(1000));
                    stored.putAll(chunk.getMap());
                    cursor = chunk;
                } while (!cursor.isFinished());
                Object usage = redis.call("MEMORY", "USAGE", "mem");
                sample = usage instanceof Long ? (Long) usage / Math.max(1, stored.size()) : 0;
            }
            long keyBytes = 0;
            long valueBytes = 0;
            for (Map.Entry<byte[], byte[]> entry : stored.entrySet()) {
                keyBytes += entry.getKey().length;
                valueBytes += entry.getValue().length;
            }
            BenchRedis.flushAll();
            long plainBefore = usedMemory(redis);
            Map<byte[], byte[]> chunk = new LinkedHashMap<>();
            for (Map.Entry<byte[], byte[]> entry : stored.entrySet()) {
                chunk.put(entry.getKey(), entry.getValue());
                if (chunk.size() == 1_000) {
                    sync.mset(chunk);
                    chunk.clear();
                }
            }
            if (!chunk.isEmpty()) {
                sync.mset(chunk);
            }
            long plainAfter = usedMemory(redis);
            int count = Math.max(1, stored.size());
            Memory memory = new Memory(contender, stored.size(), (after - before) / (double) MEMORY_ENTRIES,
                    (plainAfter - plainBefore) / (double) count, keyBytes / (double) count,
                    valueBytes / (double) count, sample);
            System.out.printf("MEMORY %-10s %d entries: %.1f B/entry, plain SET of the same bytes %.1f B/entry "
                            + "(key %.1f B, value %.1f B)%n", contender, memory.entries(), memory.bytesPerEntry(),
                    memory.plainBytesPerEntry(), memory.keyBytes(), memory.valueBytes());
            BenchRedis.flushAll();
            return memory;
        } finally {
            client.shutdown();
        }
    }

    private static long usedMemory(RespClient redis) throws InterruptedException {
        Thread.sleep(200);
        return Long.parseLong(redis.info("memory").get("used_memory"));
    }
}
