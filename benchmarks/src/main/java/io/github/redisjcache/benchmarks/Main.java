package io.github.redisjcache.benchmarks;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import io.github.redisjcache.connection.ConnectionSettings;
import io.github.redisjcache.connection.Transport;
import io.github.redisjcache.testing.RedisServer;
import io.github.redisjcache.testing.RespClient;

/**
 * Runs the whole comparison against one redis-server it starts itself, and writes the results, the summary and the
 * chart:
 * <pre>
 *   java -jar benchmarks/target/benchmarks.jar [--quick] [--out DIR]
 *                                              [--phases sweep,matrix,listeners,cost,memory,redis-benchmark]
 *   java -jar benchmarks/target/benchmarks.jar report [DIR]          # summary.md and chart.png from the CSVs again
 *   java -jar benchmarks/target/benchmarks.jar history [DIR]         # adds the run's sweep to DIR/history.csv
 *   java -jar benchmarks/target/benchmarks.jar jmh [JMH options]     # JMH's own command line, with a Redis started
 * </pre>
 */
public final class Main {

    static final List<String> OPS = List.of("get", "getMiss", "put", "putIfAbsent", "replace", "getAll", "putAll",
            "invoke");
    /** Passes over our get and put at 1 thread and RBucket's in turn (see ourSingleKeyAgainstRBucket). */
    static final int SINGLE_KEY_PASSES = 3;
    static final List<String> ALL_PHASES = List.of("sweep", "matrix", "listeners", "cost", "memory",
            "redis-benchmark");

    /** Steal and I/O wait per JMH run (see {@link MachineTime}). */
    static final String MACHINE_TIME_FILE = "machine-time.csv";

    private final Path out;
    private final boolean quick;
    private final Set<String> phases;
    private final int port;
    private final List<String> jvmArgs;
    private int runCount;

    private Main(Path out, boolean quick, Set<String> phases, int port) {
        this.out = out;
        this.quick = quick;
        this.phases = phases;
        this.port = port;
        this.jvmArgs = List.of("-D" + BenchRedis.PORT_PROPERTY + "=" + port,
                "-D" + Workload.CHECKS_PROPERTY + "=" + out.resolve("checks.txt").toAbsolutePath(),
                "-Xms1g", "-Xmx2g", "-Djava.net.preferIPv4Stack=true");
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("jmh")) {
            jmh(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("report")) {
            Path dir = Paths.get(args.length > 1 ? args[1] : "benchmarks/results");
            Report.write(dir);
            return;
        }
        if (args.length > 0 && args[0].equals("history")) {
            SweepHistory.update(Paths.get(args.length > 1 ? args[1] : "benchmarks/results"));
            return;
        }
        Path out = Paths.get("benchmarks/results");
        boolean quick = false;
        Set<String> phases = new LinkedHashSet<>(ALL_PHASES);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick":
                    quick = true;
                    break;
                case "--out":
                    out = Paths.get(args[++i]);
                    break;
                case "--phases":
                    phases = new LinkedHashSet<>(Arrays.asList(args[++i].split(",")));
                    break;
                default:
                    System.err.println("Unknown argument " + args[i] + "\nUsage: java -jar benchmarks.jar "
                            + "[--quick] [--out DIR] [--phases " + String.join(",", ALL_PHASES) + "] | report [DIR]"
                            + " | history [DIR] | jmh [JMH options]");
                    System.exit(2);
            }
        }
        Files.createDirectories(out);
        try (RedisServer server = BenchRedis.start()) {
            System.setProperty(BenchRedis.PORT_PROPERTY, Integer.toString(server.port()));
            System.out.println("redis-server " + server.version() + " at " + server.address());
            new Main(out, quick, phases, server.port()).run(server);
        }
        Report.write(out);
    }

    /** JMH's own command line, with a Redis started for the run (e.g. {@code jmh JCacheBench.get -prof jfr}). */
    private static void jmh(String[] args) throws Exception {
        CommandLineOptions options = new CommandLineOptions(args);
        try (RedisServer server = BenchRedis.start()) {
            Options withRedis = new OptionsBuilder().parent(options)
                    .jvmArgsAppend("-D" + BenchRedis.PORT_PROPERTY + "=" + server.port(), "-Xms1g", "-Xmx2g",
                            "-Djava.net.preferIPv4Stack=true")
                    .build();
            new Runner(withRedis).run();
        }
    }

    private void run(RedisServer server) throws Exception {
        long started = System.nanoTime();
        writeMachine(server);
        Files.deleteIfExists(out.resolve("checks.txt"));
        Files.deleteIfExists(out.resolve(MACHINE_TIME_FILE));
        ConnectionSettings ours = ConnectionSettings.fromUri(BenchRedis.uri());
        String oursPool = Integer.toString(ours.poolSize());
        // RBucket "at our settings" takes the transport ours resolves to here as well.
        String oursNetty = ours.effectiveNettyThreads() + ":" + ours.transport().resolve().settingName();
        Properties settings = new Properties();
        settings.setProperty("ours.pool", oursPool);
        settings.setProperty("ours.netty", oursNetty);

        if (phases.contains("sweep")) {
            List<Row> sweep = new ArrayList<>();
            // Redisson's plain RBucket and its JCache: defaults, then pools of 1-4 (its 32 Netty threads) on its
            // default NIO and on the native transport ours takes here. Ours: pools of 1-8 with our default Netty
            // threads and transport, and our default pool on NIO.
            String nativeTransport = "default:" + ours.transport().resolve().settingName();
            List<String> pools = quick ? List.of("2", "4") : List.of("1", "2", "4");
            List<String[]> redissonGrid = new ArrayList<>();
            redissonGrid.add(new String[]{"default", "default"});
            pools.forEach(pool -> redissonGrid.add(new String[]{pool, "default"}));
            if (ours.transport().resolve() != Transport.NIO) {
                pools.forEach(pool -> redissonGrid.add(new String[]{pool, nativeTransport}));
            }
            List<String[]> oursGrid = new ArrayList<>();
            (quick ? List.of("1", "2", "4") : List.of("1", "2", "4", "8"))
                    .forEach(pool -> oursGrid.add(new String[]{pool, "default"}));
            if (ours.transport().resolve() != Transport.NIO) {
                oursGrid.add(new String[]{oursPool, "default:nio"});
            }
            for (String op : List.of("get", "put")) {
                for (String[] g : redissonGrid) {
                    client("sweep", op, "rbucket", g[0], g[1], 16, sweep);
                    jcache("sweep", op, "redisson", g[0], g[1], false, 16, sweep);
                }
                for (String[] g : oursGrid) {
                    jcache("sweep", op, "ours-json", g[0], g[1], false, 16, sweep);
                }
            }
            writeRows(out.resolve("sweep.csv"), sweep);
        }
        List<Row> sweep = readRows(out.resolve("sweep.csv"));
        String[] redissonBest = best(sweep, "redisson");
        String[] rbucketBest = best(sweep, "rbucket");
        settings.setProperty("redisson.best.pool", redissonBest[0]);
        settings.setProperty("redisson.best.netty", redissonBest[1]);
        settings.setProperty("rbucket.best.pool", rbucketBest[0]);
        settings.setProperty("rbucket.best.netty", rbucketBest[1]);
        try (var writer = Files.newBufferedWriter(out.resolve("settings.properties"))) {
            settings.store(writer, "Settings of the matrix: our defaults, and the best settings the sweep found");
        }
        System.out.println("Best Redisson JCache settings: pool=" + redissonBest[0] + " netty=" + redissonBest[1]
                + "; best RBucket: pool=" + rbucketBest[0] + " netty=" + rbucketBest[1] + "; ours: pool="
                + oursPool + " netty=" + oursNetty);

        if (phases.contains("matrix")) {
            List<Row> matrix = new ArrayList<>();
            List<Integer> threads = List.of(1, 16);
            for (int t : threads) {
                for (String op : OPS) {
                    // Every contender of an operation in turn, so a ratio compares figures taken minutes apart at
                    // most: this machine's speed drifts by up to 2x over a run.
                    boolean alternating = t == 1 && (op.equals("get") || op.equals("put"));
                    if (alternating) {
                        ourSingleKeyAgainstRBucket(op, oursPool, oursNetty, matrix);
                    } else {
                        jcache("matrix", op, "ours-json", "default", "default", false, t, matrix);
                        jcache("matrix", op, "ours-kryo", "default", "default", false, t, matrix);
                    }
                    jcache("matrix", op, "redisson", redissonBest[0], redissonBest[1], false, t, matrix);
                    if (t == 16 || op.equals("get") || op.equals("put")) {
                        // Redisson's JCache at its own defaults too (all operations at 16 threads).
                        if (!redissonBest[0].equals("default") || !redissonBest[1].equals("default")) {
                            jcache("matrix", op, "redisson", "default", "default", false, t, matrix);
                        }
                    }
                    if (op.equals("get") || op.equals("put")) {
                        if (!alternating) {
                            client("matrix", op, "rbucket", oursPool, oursNetty, t, matrix);
                        }
                        if (!(rbucketBest[0].equals(oursPool) && rbucketBest[1].equals(oursNetty))) {
                            client("matrix", op, "rbucket", rbucketBest[0], rbucketBest[1], t, matrix);
                        }
                        if (t == 16) {
                            client("matrix", op, "rbucket", "default", "default", t, matrix);
                        }
                    }
                    if (op.equals("getAll") || op.equals("putAll")) {
                        // Redisson's own MGET and MSET (RBuckets): the floor of the client we send ours through.
                        client("matrix", op, "rbucket", oursPool, oursNetty, t, matrix);
                    }
                    if (List.of("get", "put", "getAll", "putAll").contains(op)) {
                        client("matrix", op, "lettuce", "default", "default", t, matrix);
                    }
                }
            }
            writeRows(out.resolve("matrix.csv"), matrix);
        }

        if (phases.contains("listeners")) {
            // put without and with a listener in another JVM, both warmed up long enough for that JVM's JIT too.
            List<Row> listened = new ArrayList<>();
            for (int t : List.of(1, 16)) {
                for (String codec : List.of("ours-json", "ours-kryo")) {
                    jcache("listeners", "put", codec, "default", "default", false, t, listened);
                    jcache("listeners", "put", codec, "default", "default", true, t, listened);
                }
            }
            writeRows(out.resolve("listeners.csv"), listened);
        }

        if (phases.contains("redis-benchmark")) {
            redisBenchmark(server);
        }
        ServerCost cost = new ServerCost(port, quick ? 3_000 : 10_000);
        if (phases.contains("cost")) {
            List<ServerCost.Cost> costs = cost.all(List.of("ours-json", "ours-kryo", "redisson"), quick ? 1 : 3);
            List<String> lines = new ArrayList<>();
            lines.add("contender,op,entries_per_call,usec_per_op,cpu_usec_per_op,commands");
            for (ServerCost.Cost c : costs) {
                lines.add(String.join(",", c.contender(), c.op(), Integer.toString(c.entriesPerCall()),
                        f2(c.usecPerOp()), f2(c.cpuUsecPerOp()), c.commands().replace(',', ';')));
            }
            Files.write(out.resolve("costs.csv"), lines);
        }
        if (phases.contains("memory")) {
            List<ServerCost.Memory> memory = cost.memory(List.of("ours-json", "ours-kryo", "redisson"));
            List<String> lines = new ArrayList<>();
            lines.add("contender,entries,bytes_per_entry,plain_set_bytes_per_entry,key_bytes,value_bytes,"
                    + "memory_usage_sample");
            for (ServerCost.Memory m : memory) {
                lines.add(String.join(",", m.contender(), Integer.toString(m.entries()), f2(m.bytesPerEntry()),
                        f2(m.plainBytesPerEntry()), f2(m.keyBytes()), f2(m.valueBytes()),
                        Long.toString(m.sampleMemoryUsage())));
            }
            Files.write(out.resolve("memory.csv"), lines);
        }
        System.out.printf("Done in %.1f minutes%n", (System.nanoTime() - started) / 60e9);
    }

    // ------------------------------------------------------------------------------------------------ JMH runs

    /**
     * get or put at 1 thread of both codecs and of RBucket at our settings, in turn, {@link #SINGLE_KEY_PASSES}
     * times; each figure is the median of all its rounds. Their ratios sit near the 0.95x goal, and one pass of each
     * moved by 10-20 % from run to run here, more than the calls differ (the same single command). Every other pass
     * runs them in reverse order, so that a machine speeding up or slowing down over the passes favours none of them
     * (it did: put at 1 thread made 5.9k, 6.9k and 8.7k/s in the three passes of one run, RBucket always last).
     */
    private void ourSingleKeyAgainstRBucket(String op, String oursPool, String oursNetty, List<Row> rows) {
        List<Row> passes = new ArrayList<>();
        List<Runnable> inTurn = new ArrayList<>(List.of(
                () -> jcache("matrix", op, "ours-json", "default", "default", false, 1, passes),
                () -> jcache("matrix", op, "ours-kryo", "default", "default", false, 1, passes),
                () -> client("matrix", op, "rbucket", oursPool, oursNetty, 1, passes)));
        for (int pass = 0; pass < (quick ? 1 : SINGLE_KEY_PASSES); pass++) {
            inTurn.forEach(Runnable::run);
            Collections.reverse(inTurn);
        }
        rows.addAll(Row.pooled(passes));
    }

    private void jcache(String phase, String op, String contender, String pool, String netty, boolean listeners,
                        int threads, List<Row> rows) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("contender", contender);
        params.put("pool", pool);
        params.put("netty", netty);
        params.put("listeners", Boolean.toString(listeners));
        jmhRun(phase, "JCacheBench", op, params, threads).ifPresent(scores -> rows.add(new Row(phase, "JCacheBench",
                op, contender, pool, netty, listeners, threads, scores)));
    }

    private void client(String phase, String op, String client, String pool, String netty, int threads,
                        List<Row> rows) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("client", client);
        params.put("pool", pool);
        params.put("netty", netty);
        jmhRun(phase, "ClientBench", op, params, threads).ifPresent(scores -> rows.add(new Row(phase, "ClientBench",
                op, client, pool, netty, false, threads, scores)));
    }

    private Optional<double[]> jmhRun(String phase, String bench, String op, Map<String, String> params,
                                      int threads) {
        boolean sweep = phase.equals("sweep");
        boolean listening = phase.equals("listeners");
        // JIT warm-up takes 10-15 s with 16 busy threads on 2 cores, more where system calls are dear (a machine
        // where 6 s of warm-up measured put at 0.5-0.7x of its rate after 24 s): six warm-up rounds before
        // measuring. The listening JVM's event path only gets hot once events flow, while it shares the cores: 24 s.
        int warmups = quick ? 1 : sweep ? 2 : listening ? 8 : 6;
        int rounds = quick ? 2 : sweep ? 3 : 4;
        int seconds = quick ? 1 : listening ? 3 : 2;
        ChainedOptionsBuilder builder = new OptionsBuilder()
                .include("\\." + bench + "\\." + op + "$")
                .forks(1)
                .threads(threads)
                .warmupIterations(warmups)
                .warmupTime(TimeValue.seconds(seconds))
                .measurementIterations(rounds)
                .measurementTime(TimeValue.seconds(seconds))
                .timeUnit(TimeUnit.SECONDS)
                .jvmArgsAppend(jvmArgs.toArray(new String[0]))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT);
        params.forEach(builder::param);
        String label = String.format(Locale.ROOT, "[%d] %s %s.%s %s threads=%d", ++runCount, phase, bench, op,
                params, threads);
        long start = System.nanoTime();
        MachineTime before = MachineTime.now();
        try {
            RunResult result = new Runner(builder.build()).runSingle();
            List<Double> scores = new ArrayList<>();
            for (BenchmarkResult benchmark : result.getBenchmarkResults()) {
                for (IterationResult iteration : benchmark.getIterationResults()) {
                    scores.add(iteration.getPrimaryResult().getScore());
                }
            }
            double[] array = scores.stream().mapToDouble(Double::doubleValue).toArray();
            double[] shares = before == null ? null : before.sharesUntil(MachineTime.now());
            System.out.printf(Locale.ROOT, "%s: %.0f ops/s (median of %d; %.0f-%.0f) in %.0fs%s%n", label,
                    Row.median(array), array.length, Arrays.stream(array).min().orElse(0),
                    Arrays.stream(array).max().orElse(0), (System.nanoTime() - start) / 1e9,
                    shares == null ? "" : String.format(Locale.ROOT, "; steal %.1f %%, I/O wait %.1f %%",
                            shares[0], shares[1]));
            recordMachineTime(label, shares);
            return Optional.of(array);
        } catch (Exception e) {
            System.out.println(label + ": FAILED " + e);
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            System.out.println("  cause: " + cause);
            return Optional.empty();
        }
    }

    /** Appends a JMH run's steal and I/O wait to machine-time.csv, so that a run cut short keeps them too. */
    private void recordMachineTime(String label, double[] shares) {
        if (shares == null) {
            return;
        }
        Path file = out.resolve(MACHINE_TIME_FILE);
        try {
            if (!Files.exists(file)) {
                Files.write(file, List.of("run,steal_percent,io_wait_percent"));
            }
            Files.write(file, List.of(String.format(Locale.ROOT, "\"%s\",%.2f,%.2f", label.replace("\"", "'"),
                    shares[0], shares[1])), StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.out.println("Cannot record the machine's time: " + e);
        }
    }

    /** The settings with the best geometric mean of get and put at 16 threads in the sweep. */
    private static String[] best(List<Row> sweep, String contender) {
        String best = "default/default";
        double bestScore = -1;
        for (Map.Entry<String, double[]> entry : Row.getAndPut(sweep).entrySet()) {
            String[] setting = entry.getKey().split("\\|");
            double score = Row.geometricMean(entry.getValue());
            if (setting[0].equals(contender) && score > bestScore) {
                bestScore = score;
                best = setting[1] + "/" + setting[2];
            }
        }
        return best.split("/");
    }

    // ------------------------------------------------------------------------------------------------ the rest

    private void redisBenchmark(RedisServer server) throws IOException, InterruptedException {
        List<String> lines = new ArrayList<>();
        lines.add("test,clients,rps");
        Optional<Path> tool = findOnPath("redis-benchmark");
        if (tool.isEmpty()) {
            System.out.println("redis-benchmark is not on PATH: skipped");
            lines.add("missing,0,0");
        } else {
            BenchRedis.flushAll();
            for (int clients : List.of(1, 16)) {
                int requests = quick ? 20_000 : clients == 1 ? 150_000 : 500_000;
                List<String> command = List.of(tool.get().toString(), "-h", RedisServer.HOST, "-p",
                        Integer.toString(server.port()), "-c", Integer.toString(clients), "-n",
                        Integer.toString(requests), "-r", Integer.toString(Workload.KEYS), "-d", "200", "-t",
                        "set,get", "--csv");
                Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
                try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        String[] fields = line.replace("\"", "").split(",");
                        if (fields.length >= 2 && (fields[0].equals("SET") || fields[0].equals("GET"))) {
                            lines.add(fields[0].toLowerCase(Locale.ROOT) + "," + clients + "," + fields[1]);
                            System.out.println("redis-benchmark -c " + clients + " " + fields[0] + ": " + fields[1]
                                    + " requests/s");
                        }
                    }
                }
                process.waitFor();
            }
            BenchRedis.flushAll();
        }
        Files.write(out.resolve("redis-benchmark.csv"), lines);
    }

    static Optional<Path> findOnPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Paths.get(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    private void writeMachine(RedisServer server) throws IOException {
        String cpu = "unknown";
        Path cpuinfo = Paths.get("/proc/cpuinfo");
        if (Files.exists(cpuinfo)) {
            cpu = Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        }
        String redisVersion;
        try (RespClient client = BenchRedis.client()) {
            Map<String, String> info = client.info("server");
            // Valkey keeps redis_version at the Redis it forked from and gives its own beside it.
            redisVersion = info.containsKey("valkey_version") ? "Valkey " + info.get("valkey_version")
                    : info.get("redis_version");
        }
        Properties machine = new Properties();
        machine.setProperty("date", Instant.now().toString());
        machine.setProperty("nproc", Integer.toString(Runtime.getRuntime().availableProcessors()));
        machine.setProperty("cpu", cpu);
        machine.setProperty("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        machine.setProperty("redis", redisVersion + " (" + server.binary().path() + ")");
        machine.setProperty("redis-benchmark", findOnPath("redis-benchmark").map(Path::toString).orElse("missing"));
        machine.setProperty("profile", quick ? "quick: JMH -f 1 -wi 1 -w 1s -i 2 -r 1s"
                : "full: JMH -f 1 -wi 6 -w 2s -i 4 -r 2s (sweep: -wi 2 -i 3; listeners: -wi 8 -w 3s -i 4 -r 3s)");
        try (var writer = Files.newBufferedWriter(out.resolve("machine.properties"))) {
            machine.store(writer, "The machine of the run");
        }
    }

    private static void writeRows(Path file, List<Row> rows) throws IOException {
        List<String> lines = new ArrayList<>();
        lines.add(Row.HEADER);
        rows.forEach(row -> lines.add(row.csv()));
        Files.write(file, lines);
    }

    static List<Row> readRows(Path file) throws IOException {
        return Files.exists(file) ? Row.parseAll(Files.readAllLines(file)) : List.of();
    }

    private static String f2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
