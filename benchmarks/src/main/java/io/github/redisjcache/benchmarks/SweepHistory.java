package io.github.redisjcache.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * The connection settings sweep of every run, one line per run in {@code history.csv}: the machine was never the same
 * twice, so a default is judged by how the settings ranked in run after run, not by one run's figures. Each figure is
 * the geometric mean of get and put at 16 threads in that run's sweep. {@code java -jar benchmarks.jar history [DIR]}
 * adds the run whose results are in DIR (default {@code benchmarks/results}) to {@code DIR/history.csv} and prints the
 * table BENCHMARKS.md shows.
 */
final class SweepHistory {

    /** A column of the file: its name and the sweep configuration it holds. */
    private record Setting(String column, String contender, String pool, String netty) {
    }

    private static final List<Setting> SETTINGS = List.of(
            new Setting("rbucket_defaults", "rbucket", "default", "default"),
            new Setting("rbucket_pool1", "rbucket", "1", "default"),
            new Setting("rbucket_pool2", "rbucket", "2", "default"),
            new Setting("rbucket_pool4", "rbucket", "4", "default"),
            new Setting("rbucket_pool1_iouring", "rbucket", "1", "default:io-uring"),
            new Setting("rbucket_pool2_iouring", "rbucket", "2", "default:io-uring"),
            new Setting("rbucket_pool4_iouring", "rbucket", "4", "default:io-uring"),
            new Setting("jcache_defaults", "redisson", "default", "default"),
            new Setting("jcache_pool1", "redisson", "1", "default"),
            new Setting("jcache_pool2", "redisson", "2", "default"),
            new Setting("jcache_pool4", "redisson", "4", "default"),
            new Setting("jcache_pool1_iouring", "redisson", "1", "default:io-uring"),
            new Setting("jcache_pool2_iouring", "redisson", "2", "default:io-uring"),
            new Setting("jcache_pool4_iouring", "redisson", "4", "default:io-uring"),
            new Setting("ours_pool1", "ours-json", "1", "default"),
            new Setting("ours_pool2", "ours-json", "2", "default"),
            new Setting("ours_pool4", "ours-json", "4", "default"),
            new Setting("ours_pool8", "ours-json", "8", "default"),
            new Setting("ours_pool2_nio", "ours-json", "2", "default:nio"));

    static final String FILE = "history.csv";

    private SweepHistory() {
    }

    /**
     * Adds a run to the history in its directory, unless it is there already, and prints the history as a table.
     *
     * @param dir a run's results
     */
    static void update(Path dir) throws IOException {
        Path file = dir.resolve(FILE);
        List<String> lines = Files.exists(file) ? new ArrayList<>(Files.readAllLines(file)) : new ArrayList<>();
        if (lines.isEmpty()) {
            lines.add(header());
        }
        Properties machine = Report.properties(dir.resolve("machine.properties"));
        String run = run(machine);
        if (!isFull(dir, machine)) {
            System.out.println("The run of " + run + " in " + dir + " was not a full run (--quick, or some phases only):"
                    + " not added");
        } else if (lines.stream().noneMatch(line -> line.startsWith(run + ","))) {
            lines.add(row(dir, machine));
            Files.write(file, lines, StandardCharsets.UTF_8);
            System.out.println("Added the run of " + run + " to " + file);
        } else {
            System.out.println("The run of " + run + " is in " + file + " already");
        }
        System.out.print(table(lines));
    }

    /** A run's name: when it started, to the minute. */
    private static String run(Properties machine) {
        String date = machine.getProperty("date", "?").replace('T', ' ');
        return date.length() > 16 ? date.substring(0, 16) : date;
    }

    /** Whether the run measured everything the history keeps, with the full run's rounds. */
    private static boolean isFull(Path dir, Properties machine) {
        return machine.getProperty("profile", "").startsWith("full") && Files.exists(dir.resolve("sweep.csv"))
                && Files.exists(dir.resolve("matrix.csv")) && Files.exists(dir.resolve("redis-benchmark.csv"));
    }

    static String header() {
        StringBuilder header = new StringBuilder("run,cpu,redis_benchmark_get_c16,ours_json_get_16t");
        for (Setting setting : SETTINGS) {
            header.append(',').append(setting.column());
        }
        return header.toString();
    }

    /** The line of the run whose results are in a directory. */
    private static String row(Path dir, Properties machine) throws IOException {
        String run = run(machine);
        String cpu = machine.getProperty("cpu", "?").replace("(R)", "").replace("Processor", "").replace(',', ' ')
                .trim();
        String redisBenchmark = "";
        for (String line : Files.readAllLines(dir.resolve("redis-benchmark.csv"))) {
            if (line.startsWith("get,16,")) {
                redisBenchmark = whole(Double.parseDouble(line.substring("get,16,".length())));
            }
        }
        String oursGet = "";
        for (Row r : Main.readRows(dir.resolve("matrix.csv"))) {
            if (r.bench.equals("JCacheBench") && r.op.equals("get") && r.contender.equals("ours-json")
                    && r.pool.equals("default") && r.netty.equals("default") && !r.listeners && r.threads == 16) {
                oursGet = whole(r.median);
            }
        }
        Map<String, double[]> sweep = Row.getAndPut(Main.readRows(dir.resolve("sweep.csv")));
        StringBuilder row = new StringBuilder(String.join(",", run, cpu, redisBenchmark, oursGet));
        for (Setting setting : SETTINGS) {
            double[] pair = sweep.get(setting.contender() + "|" + setting.pool() + "|" + setting.netty());
            row.append(',');
            if (pair != null && !Double.isNaN(Row.geometricMean(pair))) {
                row.append(whole(Row.geometricMean(pair)));
            }
        }
        return row.toString();
    }

    /** The history as BENCHMARKS.md shows it, in thousands of operations per second. */
    static String table(List<String> lines) {
        StringBuilder md = new StringBuilder();
        md.append("| run (UTC) | machine | `redis-benchmark -c 16` GET | RBucket defaults | RBucket pool 1 / 2 / 4 "
                + "| its JCache defaults | its JCache pool 1 / 2 / 4 | RBucket on io_uring, pool 1 / 2 / 4 "
                + "| its JCache on io_uring, pool 1 / 2 / 4 | ours, pool 1 / 2 / 4 / 8 (transport) "
                + "| ours, pool 2 on NIO |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        String[] names = lines.get(0).split(",", -1);
        for (String line : lines.subList(1, lines.size())) {
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            Map<String, String> f = new HashMap<>();
            for (int i = 0; i < names.length && i < fields.length; i++) {
                f.put(names[i], fields[i]);
            }
            // Ours took NIO until the native transports came; from then on the sweep has ours on NIO as well.
            String transport = f.getOrDefault("ours_pool2_nio", "").isEmpty() ? "NIO" : "io_uring";
            md.append("| ").append(f.get("run"))
                    .append(" | ").append(f.get("cpu"))
                    .append(" | ").append(k(f, "redis_benchmark_get_c16"))
                    .append(" | ").append(k(f, "rbucket_defaults"))
                    .append(" | ").append(k(f, "rbucket_pool1", "rbucket_pool2", "rbucket_pool4"))
                    .append(" | ").append(k(f, "jcache_defaults"))
                    .append(" | ").append(k(f, "jcache_pool1", "jcache_pool2", "jcache_pool4"))
                    .append(" | ").append(k(f, "rbucket_pool1_iouring", "rbucket_pool2_iouring",
                            "rbucket_pool4_iouring"))
                    .append(" | ").append(k(f, "jcache_pool1_iouring", "jcache_pool2_iouring",
                            "jcache_pool4_iouring"))
                    .append(" | ").append(k(f, "ours_pool1", "ours_pool2", "ours_pool4", "ours_pool8"))
                    .append(" (").append(transport).append(')')
                    .append(" | ").append(k(f, "ours_pool2_nio"))
                    .append(" |\n");
        }
        return md.toString();
    }

    private static String k(Map<String, String> fields, String... columns) {
        List<String> figures = new ArrayList<>();
        for (String column : columns) {
            String value = fields.getOrDefault(column, "");
            figures.add(value.isEmpty() ? "–"
                    : String.format(Locale.ROOT, "%.1f", Double.parseDouble(value) / 1000));
        }
        return figures.stream().allMatch("–"::equals) ? "–" : String.join(" / ", figures);
    }

    private static String whole(double value) {
        return Long.toString(Math.round(value));
    }
}
