package io.github.redisjcache.integrationtests;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.StringJoiner;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;

import io.github.redisjcache.RedisCachingProvider;

/**
 * The main class of a JVM that races others on one cache: it opens the cache, prints {@value #READY}, waits for a
 * {@value #GO} line on its standard input so that every JVM starts at once, runs its threads, and prints what they
 * did as lines starting with {@value #RESULT}.
 *
 * <p>Arguments: {@code uri cacheName mode jvmIndex threads count}, the mode being {@code putIfAbsent} (count keys
 * raced by every thread), {@code replace} or {@code invoke} (count increments per thread of one counter).
 */
public final class RaceWorker {

    static final String READY = "@@READY";
    static final String GO = "GO";
    static final String RESULT = "@@RESULT ";
    static final String COUNTER = "counter";

    private RaceWorker() {
    }

    public static void main(String[] args) throws Exception {
        URI uri = URI.create(args[0]);
        String cacheName = args[1];
        String mode = args[2];
        int jvmIndex = Integer.parseInt(args[3]);
        int threads = Integer.parseInt(args[4]);
        int count = Integer.parseInt(args[5]);
        CacheManager manager = Caching.getCachingProvider(RedisCachingProvider.class.getName())
                .getCacheManager(uri, RaceWorker.class.getClassLoader());
        Cache<String, Integer> cache = manager.createCache(cacheName, configuration());
        // Connections open and scripts loaded before the start, so the race is about the operations only.
        cache.get("warm-up");
        cache.invoke("warm-up", (entry, arguments) -> null);
        System.out.println(READY);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (!GO.equals(in.readLine())) {
            throw new IllegalStateException("Expected " + GO);
        }
        long start = System.nanoTime();
        String result = switch (mode) {
            case "putIfAbsent" -> raceForKeys(cache, jvmIndex, threads, count);
            case "replace" -> replaceIncrements(cache, threads, count);
            case "invoke" -> invokeIncrements(cache, threads, count);
            default -> throw new IllegalArgumentException("Unknown mode " + mode);
        };
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.println(RESULT + "millis " + millis);
        System.out.println(RESULT + result);
        manager.close();
        System.exit(0);
    }

    static MutableConfiguration<String, Integer> configuration() {
        return new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class);
    }

    static String key(int index) {
        return "key-" + index;
    }

    /**
     * Every thread tries to create every key, each in its own random order so that the JVMs meet on keys all along
     * (in one shared order, whichever JVM got "go" first would stay ahead and win every key); returns how many
     * creations each key got here, in key order.
     */
    private static String raceForKeys(Cache<String, Integer> cache, int jvmIndex, int threads, int keys)
            throws InterruptedException {
        AtomicIntegerArray wins = new AtomicIntegerArray(keys);
        runThreads(threads, thread -> {
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < keys; i++) {
                order.add(i);
            }
            Collections.shuffle(order, new Random(jvmIndex * 100L + thread));
            for (int i : order) {
                if (cache.putIfAbsent(key(i), jvmIndex * 1000 + thread)) {
                    wins.incrementAndGet(i);
                }
            }
        });
        StringJoiner perKey = new StringJoiner(",", "wins ", "");
        for (int i = 0; i < keys; i++) {
            perKey.add(Integer.toString(wins.get(i)));
        }
        return perKey.toString();
    }

    /** Each thread adds one to the counter {@code increments} times by read and replace-if-unchanged. */
    private static String replaceIncrements(Cache<String, Integer> cache, int threads, int increments)
            throws InterruptedException {
        AtomicLong attempts = new AtomicLong();
        runThreads(threads, thread -> {
            int done = 0;
            while (done < increments) {
                attempts.incrementAndGet();
                Integer current = cache.get(COUNTER);
                if (cache.replace(COUNTER, current, current + 1)) {
                    done++;
                }
            }
        });
        return "attempts " + attempts.get();
    }

    /** Each thread adds one to the counter {@code increments} times with an entry processor. */
    static String invokeIncrements(Cache<String, Integer> cache, int threads, int increments)
            throws InterruptedException {
        runThreads(threads, thread -> {
            for (int i = 0; i < increments; i++) {
                cache.invoke(COUNTER, (entry, arguments) -> {
                    entry.setValue(entry.exists() ? entry.getValue() + 1 : 1);
                    return null;
                });
            }
        });
        return "invoked " + (long) threads * increments;
    }

    /** Runs the work on threads started together, and rethrows the first failure. */
    static void runThreads(int threads, ThreadWork work) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        List<Throwable> failures = new ArrayList<>();
        List<Thread> started = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                    work.run(thread);
                } catch (Throwable e) {
                    synchronized (failures) {
                        failures.add(e);
                    }
                }
            }, "race-" + t);
            worker.start();
            started.add(worker);
        }
        start.countDown();
        for (Thread worker : started) {
            worker.join();
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException(failures.size() + " thread(s) failed", failures.get(0));
        }
    }

    /** What one racing thread does. */
    @FunctionalInterface
    interface ThreadWork {
        void run(int thread) throws Exception;
    }
}
