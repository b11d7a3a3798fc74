package io.github.redisjcache.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import javax.cache.Cache;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;

import io.github.redisjcache.testing.JvmProcess;

/**
 * The other JVM of the listener runs: opens the benchmark's cache with the same contender and settings, registers a
 * {@link CountingListener}, prints {@code READY}, answers {@code COUNT r} with {@code EVENTS r n CPU t} (events heard
 * so far, and this process's CPU time in nanoseconds), and exits when its standard input closes.
 */
public final class ListenerJvm {

    private static final java.util.concurrent.atomic.AtomicInteger REQUESTS =
            new java.util.concurrent.atomic.AtomicInteger();

    private ListenerJvm() {
    }

    /** Starts the listening JVM and waits until its listener is registered. */
    static JvmProcess start(String contender, String pool, String netty) {
        JvmProcess process = JvmProcess.start(ListenerJvm.class,
                Map.of(BenchRedis.PORT_PROPERTY, Integer.toString(BenchRedis.port())), contender, pool, netty);
        process.awaitLine("READY"::equals, Duration.ofSeconds(60));
        return process;
    }

    /** What the listening JVM heard so far, and the CPU time it spent. */
    record Count(long events, long cpuNanos) {
    }

    /** @return the events the listening JVM heard so far and its CPU time */
    static Count count(JvmProcess process) {
        // Numbered, because the process's output is searched from its start for the answer.
        String request = Integer.toString(REQUESTS.incrementAndGet());
        process.send("COUNT " + request);
        String[] words = process.awaitLine(text -> text.startsWith("EVENTS " + request + " "),
                Duration.ofSeconds(30)).split(" ");
        return new Count(Long.parseLong(words[2]), Long.parseLong(words[4]));
    }

    public static void main(String[] args) throws Exception {
        try (Contenders.Opened opened = Contenders.open(args[0], args[1], args[2], "listener")) {
            Cache<String, Item> cache = opened.cache("bench");
            cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
                    FactoryBuilder.factoryOf(CountingListener.class), null, false, false));
            System.out.println("READY");
            try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("COUNT ")) {
                        System.out.println("EVENTS " + line.substring("COUNT ".length()) + " "
                                + CountingListener.EVENTS.get() + " CPU " + cpuNanos());
                    }
                }
            }
        }
        System.exit(0);
    }

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }
}
