package io.github.redisjcache.benchmarks;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

import javax.cache.Cache;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;

import io.github.redisjcache.testing.JvmProcess;

/**
 * The other JVM of the listener runs: opens the benchmark's cache with the same contender and settings, registers a
 * {@link CountingListener}, prints {@code READY}, answers {@code COUNT} with {@code EVENTS n}, and exits when its
 * standard input closes.
 */
public final class ListenerJvm {

    private ListenerJvm() {
    }

    /** Starts the listening JVM and waits until its listener is registered. */
    static JvmProcess start(String contender, String pool, String netty) {
        JvmProcess process = JvmProcess.start(ListenerJvm.class,
                Map.of(BenchRedis.PORT_PROPERTY, Integer.toString(BenchRedis.port())), contender, pool, netty);
        process.awaitLine("READY"::equals, Duration.ofSeconds(60));
        return process;
    }

    /** @return the events the listening JVM heard so far */
    static long events(JvmProcess process) {
        process.send("COUNT");
        String line = process.awaitLine(text -> text.startsWith("EVENTS "), Duration.ofSeconds(30));
        return Long.parseLong(line.substring("EVENTS ".length()));
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
                    if (line.equals("COUNT")) {
                        System.out.println("EVENTS " + CountingListener.EVENTS.get());
                    }
                }
            }
        }
        System.exit(0);
    }
}
