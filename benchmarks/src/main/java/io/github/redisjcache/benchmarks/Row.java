package io.github.redisjcache.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** One measured configuration: an operation of a contender at some settings and thread count. */
final class Row {

    static final String HEADER = "phase,bench,op,contender,pool,netty,listeners,threads,median,mean,min,max,rounds";

    final String phase;
    final String bench;
    final String op;
    final String contender;
    final String pool;
    final String netty;
    final boolean listeners;
    final int threads;
    final double median;
    final double mean;
    final double min;
    final double max;
    final int rounds;
    /** The rounds' scores when this row was measured in this process; empty when read from a CSV file. */
    final double[] scores;

    Row(String phase, String bench, String op, String contender, String pool, String netty, boolean listeners,
        int threads, double[] scores) {
        this(phase, bench, op, contender, pool, netty, listeners, threads, median(scores), mean(scores),
                Arrays.stream(scores).min().orElse(0), Arrays.stream(scores).max().orElse(0), scores.length,
                scores.clone());
    }

    Row(String phase, String bench, String op, String contender, String pool, String netty, boolean listeners,
        int threads, double median, double mean, double min, double max, int rounds) {
        this(phase, bench, op, contender, pool, netty, listeners, threads, median, mean, min, max, rounds,
                new double[0]);
    }

    private Row(String phase, String bench, String op, String contender, String pool, String netty,
                boolean listeners, int threads, double median, double mean, double min, double max, int rounds,
                double[] scores) {
        this.phase = phase;
        this.bench = bench;
        this.op = op;
        this.contender = contender;
        this.pool = pool;
        this.netty = netty;
        this.listeners = listeners;
        this.threads = threads;
        this.median = median;
        this.mean = mean;
        this.min = min;
        this.max = max;
        this.rounds = rounds;
        this.scores = scores;
    }

    /**
     * Joins the rows of one configuration measured in several passes into one row over all their rounds, in the
     * order each configuration first appears.
     */
    static List<Row> pooled(List<Row> passes) {
        Map<String, List<Row>> byConfiguration = new LinkedHashMap<>();
        for (Row row : passes) {
            String key = String.join(",", row.phase, row.bench, row.op, row.contender, row.pool, row.netty,
                    Boolean.toString(row.listeners), Integer.toString(row.threads));
            byConfiguration.computeIfAbsent(key, k -> new ArrayList<>()).add(row);
        }
        List<Row> pooled = new ArrayList<>();
        for (List<Row> rows : byConfiguration.values()) {
            double[] scores = rows.stream().flatMapToDouble(row -> Arrays.stream(row.scores)).toArray();
            Row first = rows.get(0);
            pooled.add(new Row(first.phase, first.bench, first.op, first.contender, first.pool, first.netty,
                    first.listeners, first.threads, scores));
        }
        return pooled;
    }

    static double median(double[] scores) {
        if (scores.length == 0) {
            return 0;
        }
        double[] sorted = scores.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    static double mean(double[] scores) {
        return Arrays.stream(scores).average().orElse(0);
    }

    /**
     * Pairs the get and put of each setting of a sweep.
     *
     * @param rows rows of get and put
     * @return {get median, put median} by {@code contender|pool|netty}, in the order first seen; NaN where one is
     *         missing
     */
    static Map<String, double[]> getAndPut(List<Row> rows) {
        Map<String, double[]> pairs = new LinkedHashMap<>();
        for (Row row : rows) {
            double[] pair = pairs.computeIfAbsent(row.contender + "|" + row.pool + "|" + row.netty,
                    k -> new double[]{Double.NaN, Double.NaN});
            pair[row.op.equals("get") ? 0 : 1] = row.median;
        }
        return pairs;
    }

    /** @return the geometric mean of a get and a put, as the sweep ranks settings (NaN when one is missing) */
    static double geometricMean(double[] getAndPut) {
        return Math.sqrt(getAndPut[0] * getAndPut[1]);
    }

    /** A short label: contender with its settings. */
    String settings() {
        return "pool=" + pool + " netty=" + netty;
    }

    String csv() {
        return String.join(",", phase, bench, op, contender, pool, netty, Boolean.toString(listeners),
                Integer.toString(threads), fmt(median), fmt(mean), fmt(min), fmt(max), Integer.toString(rounds));
    }

    static Row parse(String line) {
        String[] f = line.split(",");
        return new Row(f[0], f[1], f[2], f[3], f[4], f[5], Boolean.parseBoolean(f[6]), Integer.parseInt(f[7]),
                Double.parseDouble(f[8]), Double.parseDouble(f[9]), Double.parseDouble(f[10]),
                Double.parseDouble(f[11]), Integer.parseInt(f[12]));
    }

    static List<Row> parseAll(List<String> lines) {
        List<Row> rows = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank() && !line.startsWith("phase,")) {
                rows.add(parse(line));
            }
        }
        return rows;
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
