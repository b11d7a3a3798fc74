package io.github.redisjcache.benchmarks;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Writes {@code summary.md} (tables of ops/s, the goals' ratios, CPU and memory per entry) and {@code chart.png}
 * from the CSVs of a run, so that they can be made again without measuring again.
 */
final class Report {

    /** A column of the throughput tables: a contender at given settings. */
    record Column(String name, String bench, String contender, String pool, String netty, boolean listeners) {
    }

    private final Path dir;
    private final List<Row> matrix;
    private final List<Row> sweep;
    private final List<Row> listened;
    private final Properties settings;
    private final Properties machine;
    private final Map<String, Double> redisBenchmark = new LinkedHashMap<>();
    private final List<String[]> costs;
    private final List<String[]> memory;
    private final List<String> checks;
    private final List<String[]> machineTime;
    private final StringBuilder md = new StringBuilder();
    private final List<String[]> goals = new ArrayList<>();

    private Report(Path dir) throws IOException {
        this.dir = dir;
        this.matrix = Main.readRows(dir.resolve("matrix.csv"));
        this.sweep = Main.readRows(dir.resolve("sweep.csv"));
        this.listened = Main.readRows(dir.resolve("listeners.csv"));
        this.settings = properties(dir.resolve("settings.properties"));
        this.machine = properties(dir.resolve("machine.properties"));
        for (String[] line : csv(dir.resolve("redis-benchmark.csv"))) {
            redisBenchmark.put(line[0] + "/" + line[1], Double.parseDouble(line[2]));
        }
        this.costs = csv(dir.resolve("costs.csv"));
        this.memory = csv(dir.resolve("memory.csv"));
        Path checkFile = dir.resolve("checks.txt");
        this.checks = Files.exists(checkFile) ? Files.readAllLines(checkFile) : List.of();
        this.machineTime = csv(dir.resolve(Main.MACHINE_TIME_FILE));
    }

    static void write(Path dir) throws Exception {
        Report report = new Report(dir);
        report.build();
        Files.writeString(dir.resolve("summary.md"), report.md.toString());
        Chart.draw(report, dir.resolve("chart.png"));
        System.out.println("Wrote " + dir.resolve("summary.md") + " and " + dir.resolve("chart.png"));
    }

    // ------------------------------------------------------------------------------------------------ columns

    String oursPool() {
        return settings.getProperty("ours.pool", "?");
    }

    String oursNetty() {
        return settings.getProperty("ours.netty", "?");
    }

    Column oursJson() {
        return new Column("redis-jcache json", "JCacheBench", "ours-json", "default", "default", false);
    }

    Column oursKryo() {
        return new Column("redis-jcache kryo", "JCacheBench", "ours-kryo", "default", "default", false);
    }

    Column redissonBest() {
        String pool = settings.getProperty("redisson.best.pool", "default");
        String netty = settings.getProperty("redisson.best.netty", "default");
        return new Column("Redisson JCache best (pool " + pool + ", netty " + nettyLabel(netty) + ")", "JCacheBench",
                "redisson", pool, netty, false);
    }

    Column redissonDefaults() {
        return new Column("Redisson JCache defaults (pool 64, netty 32, nio)", "JCacheBench", "redisson", "default",
                "default", false);
    }

    Column rbucketOurs() {
        return new Column("RBucket (pool " + oursPool() + ", netty " + nettyLabel(oursNetty()) + ")", "ClientBench",
                "rbucket", oursPool(), oursNetty(), false);
    }

    Column rbucketBest() {
        String pool = settings.getProperty("rbucket.best.pool", "default");
        String netty = settings.getProperty("rbucket.best.netty", "default");
        if (pool.equals(oursPool()) && netty.equals(oursNetty())) {
            return rbucketOurs();
        }
        return new Column("RBucket best (pool " + pool + ", netty " + nettyLabel(netty) + ")", "ClientBench",
                "rbucket", pool, netty, false);
    }

    Column rbucketDefaults() {
        return new Column("RBucket defaults (pool 64, netty 32, nio)", "ClientBench", "rbucket", "default",
                "default", false);
    }

    /** A netty parameter as a label: {@code 2:io-uring} as {@code 2, io-uring}. */
    static String nettyLabel(String netty) {
        String transport = Contenders.transport(netty);
        return Contenders.nettyThreads(netty) + (transport == null ? "" : ", " + transport);
    }

    Column lettuce() {
        return new Column("Lettuce (1 connection)", "ClientBench", "lettuce", "default", "default", false);
    }

    List<Column> chartColumns() {
        return List.of(oursJson(), oursKryo(), redissonBest(), redissonDefaults(), rbucketOurs(), lettuce());
    }

    double value(Column column, String op, int threads) {
        return value(matrix, column, op, threads);
    }

    private static double value(List<Row> rows, Column column, String op, int threads) {
        for (Row row : rows) {
            if (row.bench.equals(column.bench()) && row.contender.equals(column.contender())
                    && row.pool.equals(column.pool()) && row.netty.equals(column.netty())
                    && row.listeners == column.listeners() && row.op.equals(op) && row.threads == threads) {
                return row.median;
            }
        }
        return Double.NaN;
    }

    double redisBenchmark(String op, int threads) {
        Double rps = redisBenchmark.get((op.equals("put") ? "set" : op) + "/" + threads);
        return rps == null ? Double.NaN : rps;
    }

    // ------------------------------------------------------------------------------------------------ summary

    private void build() {
        md.append("# Benchmark results\n\n");
        md.append("Generated by `java -jar benchmarks/target/benchmarks.jar` (see BENCHMARKS.md). Throughput is "
                + "the median of the JMH measurement rounds, in calls per second (a getAll or putAll call covers "
                + Workload.BULK + " entries). At 1 thread, our get and put and RBucket's at our settings ran "
                + Main.SINGLE_KEY_PASSES + " times in turn (once with --quick), and their figures are the median "
                + "of all those rounds.\n\n");
        md.append("| | |\n|---|---|\n");
        for (String key : List.of("date", "nproc", "cpu", "java", "redis", "redis-benchmark", "profile")) {
            md.append("| ").append(key).append(" | ").append(machine.getProperty(key, "?")).append(" |\n");
        }
        md.append("| our defaults | pool-size ").append(oursPool()).append(", netty-threads ")
                .append(Contenders.nettyThreads(oursNetty())).append(", transport ")
                .append(Objects.requireNonNullElse(Contenders.transport(oursNetty()), "?")).append(" |\n");
        machineTimeRow();
        md.append('\n');
        for (int threads : List.of(1, 16)) {
            throughputTable(threads);
        }
        goalsSection();
        bulkFloorsSection();
        listenersSection();
        sweepSection();
        costSection();
        memorySection();
        checksSection();
    }

    private void throughputTable(int threads) {
        List<Column> columns = List.of(oursJson(), oursKryo(), redissonBest(), redissonDefaults(), rbucketOurs(),
                rbucketBest(), rbucketDefaults(), lettuce());
        List<Column> distinct = new ArrayList<>();
        for (Column c : columns) {
            if (!distinct.contains(c)) {
                distinct.add(c);
            }
        }
        md.append("## Throughput, ").append(threads).append(threads == 1 ? " thread" : " threads")
                .append(" (ops/s)\n\n| operation |");
        for (Column c : distinct) {
            md.append(' ').append(c.name()).append(" |");
        }
        md.append(" redis-benchmark -c ").append(threads).append(" | json ÷ Redisson best | kryo ÷ Redisson best |\n|---|");
        md.append("---:|".repeat(distinct.size() + 3)).append('\n');
        for (String op : Main.OPS) {
            md.append("| ").append(op).append(" |");
            for (Column c : distinct) {
                md.append(' ').append(ops(value(c, op, threads))).append(" |");
            }
            md.append(' ').append(ops(redisBenchmark(op, threads))).append(" |");
            double best = value(redissonBest(), op, threads);
            md.append(' ').append(ratio(value(oursJson(), op, threads), best)).append(" |");
            md.append(' ').append(ratio(value(oursKryo(), op, threads), best)).append(" |\n");
        }
        md.append('\n');
    }

    private void goalsSection() {
        for (Column ours : List.of(oursJson(), oursKryo())) {
            for (String op : List.of("get", "put")) {
                goal(ours.name() + " " + op + ", 1 thread ÷ " + rbucketOurs().name(),
                        value(ours, op, 1), value(rbucketOurs(), op, 1), 0.95);
                goal(ours.name() + " " + op + ", 16 threads ÷ best RBucket (" + rbucketBest().name() + ")",
                        value(ours, op, 16), value(rbucketBest(), op, 16), 0.9);
                goal(ours.name() + " " + op + ", 16 threads ÷ " + redissonBest().name(),
                        value(ours, op, 16), value(redissonBest(), op, 16), 1.3);
                goal(ours.name() + " " + op + ", 16 threads ÷ " + redissonDefaults().name(),
                        value(ours, op, 16), value(redissonDefaults(), op, 16), 3.0);
            }
            for (String op : List.of("getAll", "putAll")) {
                for (int threads : List.of(1, 16)) {
                    goal(ours.name() + " " + op + "(100), " + threads + " thread(s) ÷ Redisson JCache best",
                            value(ours, op, threads), value(redissonBest(), op, threads), 3.0);
                }
            }
            for (int threads : List.of(1, 16)) {
                goal(ours.name() + " invoke, " + threads + " thread(s) ÷ Redisson JCache best",
                        value(ours, "invoke", threads), value(redissonBest(), "invoke", threads), 2.0);
            }
            for (int threads : List.of(1, 16)) {
                Column listening = new Column(ours.name() + " listened", ours.bench(), ours.contender(), ours.pool(),
                        ours.netty(), true);
                goal(ours.name() + " put with a listener in another JVM, " + threads
                        + " thread(s) ÷ without", value(listened, listening, "put", threads),
                        value(listened, ours, "put", threads), 0.8);
            }
        }
        md.append("## Goals (throughput ratios, same run)\n\n| goal | ratio | target | met |\n|---|---:|---:|---|\n");
        for (String[] g : goals) {
            md.append("| ").append(g[0]).append(" | ").append(g[1]).append(" | ≥ ").append(g[2]).append(" | ")
                    .append(g[3]).append(" |\n");
        }
        md.append('\n');
    }

    private void goal(String name, double ours, double other, double target) {
        if (Double.isNaN(ours) || Double.isNaN(other) || other == 0) {
            goals.add(new String[]{name, "n/a", fmt2(target), "not measured"});
            return;
        }
        double ratio = ours / other;
        goals.add(new String[]{name, fmt2(ratio), fmt2(target), ratio >= target ? "yes" : "**no**"});
    }

    /**
     * getAll and putAll against the MGET and MSET of the client we send them through: Redisson's own bulk calls bound
     * how far any provider built on it can lead Redisson's JCache.
     */
    private void bulkFloorsSection() {
        Column buckets = new Column("RBuckets", "ClientBench", "rbucket", oursPool(), oursNetty(), false);
        md.append("## getAll and putAll against the clients' own MGET and MSET (calls/s)\n\n")
                .append("RBuckets: Redisson's `RBuckets` get and set of the same ").append(Workload.BULK)
                .append(" keys (one MGET, one MSET) at our connection settings (pool ").append(oursPool())
                .append(", netty ").append(nettyLabel(oursNetty())).append("), values serialized by hand like ")
                .append("Lettuce's. The last column is as far as a provider sending one MGET or MSET through ")
                .append("Redisson could lead Redisson's JCache.\n\n")
                .append("| operation | threads | redis-jcache json | redis-jcache kryo | RBuckets | Lettuce | ")
                .append("json ÷ RBuckets | kryo ÷ RBuckets | RBuckets ÷ Redisson JCache best |\n")
                .append("|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (String op : List.of("getAll", "putAll")) {
            for (int threads : List.of(1, 16)) {
                double floor = value(buckets, op, threads);
                md.append("| ").append(op).append(" | ").append(threads).append(" | ")
                        .append(ops(value(oursJson(), op, threads))).append(" | ")
                        .append(ops(value(oursKryo(), op, threads))).append(" | ").append(ops(floor)).append(" | ")
                        .append(ops(value(lettuce(), op, threads))).append(" | ")
                        .append(ratio(value(oursJson(), op, threads), floor)).append(" | ")
                        .append(ratio(value(oursKryo(), op, threads), floor)).append(" | ")
                        .append(ratio(floor, value(redissonBest(), op, threads))).append(" |\n");
            }
        }
        md.append('\n');
    }

    private void listenersSection() {
        md.append("## put with listeners registered elsewhere (ops/s)\n\n"
                + "Both columns from the listeners phase (8 warm-up rounds of 3 s, then 4 of 3 s). The last column is "
                + "the listening JVM's process CPU time per event it heard during the measured rounds (it shares "
                + "the machine's cores with the writer and Redis).\n\n"
                + "| codec | threads | put | put, listener in another JVM | ratio | listening JVM CPU per event |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        for (Column ours : List.of(oursJson(), oursKryo())) {
            for (int threads : List.of(1, 16)) {
                Column listening = new Column(ours.name(), ours.bench(), ours.contender(), ours.pool(),
                        ours.netty(), true);
                double plain = value(listened, ours, "put", threads);
                double with = value(listened, listening, "put", threads);
                md.append("| ").append(ours.contender().substring(5)).append(" | ").append(threads).append(" | ")
                        .append(ops(plain)).append(" | ").append(ops(with)).append(" | ").append(ratio(with, plain))
                        .append(" | ").append(listeningCpu(ours.contender(), threads)).append(" |\n");
            }
        }
        md.append('\n');
    }

    /** The listening JVM's CPU per event, from the check line its run wrote. */
    private String listeningCpu(String contender, int threads) {
        java.util.regex.Pattern cpu = java.util.regex.Pattern.compile("listening-jvm-cpu-us-per-event=([0-9.]+)");
        for (String line : checks) {
            if (line.startsWith("listeners put " + contender + " ") && line.contains(" threads=" + threads + " ")) {
                java.util.regex.Matcher matcher = cpu.matcher(line);
                if (matcher.find()) {
                    return matcher.group(1) + " µs";
                }
            }
        }
        return "";
    }

    private void sweepSection() {
        if (sweep.isEmpty()) {
            return;
        }
        md.append("## Connection settings sweep (16 threads, ops/s)\n\n"
                + "| contender | pool | netty threads | transport | get | put | geometric mean |\n"
                + "|---|---:|---:|---|---:|---:|---:|\n");
        Row.getAndPut(sweep).forEach((key, pair) -> {
            String[] k = key.split("\\|");
            String name = k[0].equals("rbucket") ? "Redisson RBucket" : k[0].equals("redisson") ? "Redisson JCache"
                    : "redis-jcache json";
            String pool = k[1].equals("default") ? (k[0].startsWith("ours") ? "default" : "64 (default)") : k[1];
            boolean ours = k[0].startsWith("ours");
            String threads = Contenders.nettyThreads(k[2]);
            String netty = threads.equals("default")
                    ? (ours ? Contenders.nettyThreads(oursNetty()) + " (default)" : "32 (default)") : threads;
            String transport = Contenders.transport(k[2]) != null ? Contenders.transport(k[2])
                    : ours ? Contenders.transport(oursNetty()) + " (auto)" : "nio (default)";
            md.append("| ").append(name).append(" | ").append(pool).append(" | ").append(netty).append(" | ")
                    .append(transport).append(" | ")
                    .append(ops(pair[0])).append(" | ").append(ops(pair[1])).append(" | ")
                    .append(ops(Row.geometricMean(pair))).append(" |\n");
        });
        md.append('\n');
    }

    private void costSection() {
        if (costs.isEmpty()) {
            return;
        }
        Map<String, String[]> byKey = new LinkedHashMap<>();
        for (String[] c : costs) {
            byKey.put(c[0] + "/" + c[1], c);
        }
        // Results of runs before 2026-11-28 07:21 hold one plain figure per operation and pass, named "plain".
        boolean besideOurs = byKey.containsKey(ServerCost.PLAIN_BESIDE + "ours-json/get");
        md.append("## Redis CPU per operation (µs)\n\n"
                + "`INFO commandstats`: usec_per_call of each command the operation sends × how many it sends "
                + "(counted with MONITOR; a script's time includes the commands it runs). In brackets: the server "
                + "process's CPU time per operation (`INFO cpu`, network I/O included). getAll/putAll: per call of "
                + Workload.BULK + " entries. put (created), putAll (created): over present entries of a cache whose "
                + "entries expire an hour after their creation, so that each write must keep the entry's time to live; "
                + "putAll (modified): over present entries of a cache whose entries expire an hour after their last "
                + "change. Each figure is the median of 3 passes over every contender in turn "
                + "(1 with --quick). " + (besideOurs
                        ? "Plain: Lettuce's GET or SET of the same entries as ours (the same keys and value bytes), "
                        + "measured just before ours in each pass."
                        : "Plain: Lettuce's GET or SET of 200 random bytes, measured once at the start of each pass.")
                + "\n\n"
                + "| operation | redis-jcache json | " + (besideOurs ? "plain, json's entries" : "plain GET/SET")
                + " | redis-jcache kryo | " + (besideOurs ? "plain, kryo's entries" : "plain GET/SET") + " "
                + "| Redisson JCache | json ÷ Redisson | kryo ÷ Redisson | json ÷ plain | kryo ÷ plain "
                + "| commands (json) | commands (Redisson) |\n"
                + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|\n");
        List<String> ops = new ArrayList<>(Main.OPS);
        ops.addAll(ServerCost.COST_ONLY_OPS);
        for (String op : ops) {
            String[] json = byKey.get("ours-json/" + op);
            String[] kryo = byKey.get("ours-kryo/" + op);
            String[] redisson = byKey.get("redisson/" + op);
            String[] jsonPlain = plainBeside(byKey, "ours-json", op);
            String[] kryoPlain = plainBeside(byKey, "ours-kryo", op);
            md.append("| ").append(op).append(" | ").append(cost(json)).append(" | ").append(cost(jsonPlain))
                    .append(" | ").append(cost(kryo)).append(" | ").append(cost(kryoPlain)).append(" | ")
                    .append(cost(redisson)).append(" | ").append(costRatio(json, redisson)).append(" | ")
                    .append(costRatio(kryo, redisson)).append(" | ").append(costRatio(json, jsonPlain)).append(" | ")
                    .append(costRatio(kryo, kryoPlain)).append(" | ").append(json == null ? "" : json[5])
                    .append(" | ").append(redisson == null ? "" : redisson[5]).append(" |\n");
        }
        md.append('\n');
    }

    /** The plain command measured beside a contender's operation, or an older run's one plain figure for it. */
    private static String[] plainBeside(Map<String, String[]> byKey, String contender, String op) {
        return byKey.getOrDefault(ServerCost.PLAIN_BESIDE + contender + "/" + op, byKey.get("plain/" + op));
    }

    private static String cost(String[] c) {
        return c == null ? "" : c[3] + " (" + c[4] + ")";
    }

    private static String costRatio(String[] a, String[] b) {
        if (a == null || b == null) {
            return "";
        }
        return ratio(Double.parseDouble(a[3]), Double.parseDouble(b[3]));
    }

    private void memorySection() {
        if (memory.isEmpty()) {
            return;
        }
        md.append("## Redis memory per entry (bytes, `INFO memory` used_memory delta over "
                + ServerCost.MEMORY_ENTRIES + " entries)\n\n"
                + "| contender | per entry | plain SET of the same key and value bytes | ratio | key bytes | value bytes |"
                + " MEMORY USAGE (one entry) |\n|---|---:|---:|---:|---:|---:|---:|\n");
        for (String[] m : memory) {
            double bytes = Double.parseDouble(m[2]);
            double plain = Double.parseDouble(m[3]);
            md.append("| ").append(name(m[0])).append(" | ").append(String.format(Locale.ROOT, "%.0f", bytes))
                    .append(" | ").append(String.format(Locale.ROOT, "%.0f", plain)).append(" | ")
                    .append(ratio(bytes, plain)).append(" | ").append(m[4]).append(" | ").append(m[5]).append(" | ")
                    .append(m[6]).append(" |\n");
        }
        md.append('\n');
    }

    private void checksSection() {
        if (checks.isEmpty()) {
            return;
        }
        md.append("## Checks\n\nEntry-processor increments counted back after each invoke run, and events heard "
                + "by the listener of the listener runs:\n\n```\n");
        checks.forEach(line -> md.append(line).append('\n'));
        md.append("```\n");
    }

    static String name(String contender) {
        switch (contender) {
            case "ours-json":
                return "redis-jcache json";
            case "ours-kryo":
                return "redis-jcache kryo";
            case "redisson":
                return "Redisson JCache";
            default:
                return contender;
        }
    }

    static String ops(double value) {
        return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%,.0f", value);
    }

    static String ratio(double a, double b) {
        return Double.isNaN(a) || Double.isNaN(b) || b == 0 ? "" : String.format(Locale.ROOT, "%.2f×", a / b);
    }

    private static String fmt2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            }
        }
        return properties;
    }

    /** The CPU time the hypervisor took and the cores spent waiting for I/O, over the JMH runs. */
    private void machineTimeRow() {
        if (machineTime.isEmpty()) {
            return;
        }
        // The run's label holds commas: the two figures are the last fields.
        double[] steal = machineTime.stream().mapToDouble(f -> Double.parseDouble(f[f.length - 2])).toArray();
        double[] ioWait = machineTime.stream().mapToDouble(f -> Double.parseDouble(f[f.length - 1])).toArray();
        md.append(String.format(Locale.ROOT, "| CPU time taken by the hypervisor (steal), per JMH run | median %.1f %%,"
                        + " max %.1f %% (I/O wait: median %.1f %%, max %.1f %%; %s) |\n", Row.median(steal),
                Arrays.stream(steal).max().orElse(0), Row.median(ioWait), Arrays.stream(ioWait).max().orElse(0),
                Main.MACHINE_TIME_FILE));
    }

    private static List<String[]> csv(Path file) throws IOException {
        List<String[]> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return rows;
        }
        List<String> lines = Files.readAllLines(file);
        for (int i = 1; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                rows.add(lines.get(i).split(",", -1));
            }
        }
        return rows;
    }
}
