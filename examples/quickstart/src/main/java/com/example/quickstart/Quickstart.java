package com.example.quickstart;

import java.io.PrintStream;
import java.io.Serializable;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.integration.CacheLoader;
import javax.cache.management.CacheStatisticsMXBean;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.MutableEntry;
import javax.cache.spi.CachingProvider;
import javax.management.JMX;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The quick start: standard {@code javax.cache} code, nothing specific to Redis but the connection.
 *
 * <p>{@code main} connects to {@code REDIS_URL} if it is set, else starts a {@code redis-server} of its own; then
 * {@link #run} shows a cache with an expiry policy, put/get/putIfAbsent, an atomic counter made with {@code invoke},
 * an entry listener, read-through from a slow "database", and the statistics JMX publishes.
 */
public final class Quickstart {

    /** How long the pretend database takes to answer. */
    public static final long DATABASE_DELAY_MILLIS = 200;
    /** How long a greeting lives. */
    public static final long GREETING_TTL_MILLIS = 1000;
    /** Threads and increments of the counter demonstration. */
    public static final int COUNTER_THREADS = 8;
    public static final int INCREMENTS_PER_THREAD = 25;

    static final String GREETINGS = "quickstart.greetings";
    static final String COUNTERS = "quickstart.counters";
    static final String PRODUCTS = "quickstart.products";

    private Quickstart() {
    }

    public static void main(String[] args) throws Exception {
        String redisUrl = System.getenv("REDIS_URL");
        boolean external = redisUrl != null && !redisUrl.isBlank();
        try (EmbeddedRedis embedded = external ? null : EmbeddedRedis.start()) {
            if (embedded != null) {
                // The default cache manager connects to -Dredisjcache.uri, else REDIS_URL, else 127.0.0.1 at
                // Redis's default port.
                System.setProperty("redisjcache.uri", embedded.uri());
            }
            CachingProvider provider = Caching.getCachingProvider();
            try {
                CacheManager manager = provider.getCacheManager();
                System.out.println("redis-jcache quick start on " + (embedded != null
                        ? embedded + ", started for this run" : "the Redis of REDIS_URL"));
                run(manager, System.out);
            } finally {
                provider.close();
            }
        }
    }

    /** What {@link #run} observed, for the test. */
    public record Result(String greeting, boolean secondWriterKeptOut, boolean greetingExpired, long counter,
            List<String> events, long firstReadMillis, long secondReadMillis, int databaseCalls,
            long greetingHits, long greetingMisses, long greetingPuts, long productHits, long productMisses) {
    }

    /**
     * Runs the demonstration on {@code manager}, printing a short report; leaves no cache behind in Redis (only the
     * destroyed caches' tombstones, which expire within a day).
     */
    public static Result run(CacheManager manager, PrintStream out) throws Exception {
        for (String name : List.of(GREETINGS, COUNTERS, PRODUCTS)) {
            manager.destroyCache(name); // leftovers of an interrupted run, if any
        }
        try {
            return demonstrate(manager, out);
        } finally {
            for (String name : List.of(GREETINGS, COUNTERS, PRODUCTS)) {
                manager.destroyCache(name);
            }
        }
    }

    private static Result demonstrate(CacheManager manager, PrintStream out) throws Exception {
        // 1. A cache whose entries live 1 s after they are created, with statistics and a listener.
        EventPrinter printer = new EventPrinter(out);
        Cache<String, String> greetings = manager.createCache(GREETINGS, new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
                        new Duration(TimeUnit.MILLISECONDS, GREETING_TTL_MILLIS)))
                .setStatisticsEnabled(true)
                .addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(
                        FactoryBuilder.factoryOf(printer), null, false, true))); // synchronous listener

        greetings.put("en", "Hello");
        String greeting = greetings.get("en");
        boolean secondWriterKeptOut = !greetings.putIfAbsent("en", "Hi");
        greetings.put("en", "Hello, Redis");
        out.printf("put/get        en -> %s; putIfAbsent(en, Hi) kept out: %s; now: %s%n", greeting,
                secondWriterKeptOut, greetings.get("en"));
        Thread.sleep(GREETING_TTL_MILLIS + 200);
        boolean expired = greetings.get("en") == null;
        printer.await("EXPIRED en", 2000); // reported when Redis expires the key, a moment later
        out.printf("expiry         en after %d ms: %s%n", GREETING_TTL_MILLIS + 200,
                expired ? "gone (created + 1 s)" : "still there");

        // 2. An atomic counter: invoke runs the processor on the entry atomically, also across JVMs.
        Cache<String, Long> counters = manager.createCache(COUNTERS,
                new MutableConfiguration<String, Long>().setTypes(String.class, Long.class));
        ExecutorService pool = Executors.newFixedThreadPool(COUNTER_THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < COUNTER_THREADS; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < INCREMENTS_PER_THREAD; i++) {
                        counters.invoke("visits", new Increment());
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        long counter = counters.get("visits");
        out.printf("invoke         %d threads x %d increments of 'visits' -> %d%n", COUNTER_THREADS,
                INCREMENTS_PER_THREAD, counter);

        // 3. Read-through: a miss calls the loader (the slow database) and caches its answer.
        SlowDatabase database = new SlowDatabase(DATABASE_DELAY_MILLIS);
        Cache<String, String> products = manager.createCache(PRODUCTS, new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setReadThrough(true)
                .setCacheLoaderFactory(FactoryBuilder.factoryOf(database))
                .setStatisticsEnabled(true));
        long start = System.nanoTime();
        products.get("p-42");
        long first = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        start = System.nanoTime();
        String product = products.get("p-42");
        long second = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        out.printf("read-through   get(p-42) = %s: first %d ms (database), second %d ms (Redis)%n", product, first,
                second);

        // 4. Statistics, as any JMX console shows them.
        CacheStatisticsMXBean greetingStats = statistics(greetings);
        CacheStatisticsMXBean productStats = statistics(products);
        out.printf("statistics     %s: %d hits, %d misses, %d puts; %s: %d hits, %d misses%n", GREETINGS,
                greetingStats.getCacheHits(), greetingStats.getCacheMisses(), greetingStats.getCachePuts(), PRODUCTS,
                productStats.getCacheHits(), productStats.getCacheMisses());
        out.printf("listener       saw %d events%n", printer.events().size());

        return new Result(greeting, secondWriterKeptOut, expired, counter, printer.events(), first, second,
                database.calls(), greetingStats.getCacheHits(), greetingStats.getCacheMisses(),
                greetingStats.getCachePuts(), productStats.getCacheHits(), productStats.getCacheMisses());
    }

    /**
     * The cache's {@code CacheStatisticsMXBean}, looked up in the platform MBean server under the name the JCache
     * specification gives it: {@code javax.cache:type=CacheStatistics,CacheManager=<uri>,Cache=<name>}, with
     * {@code , : = \n} replaced by {@code .}.
     */
    public static CacheStatisticsMXBean statistics(Cache<?, ?> cache) throws MalformedObjectNameException {
        ObjectName name = new ObjectName("javax.cache:type=CacheStatistics"
                + ",CacheManager=" + cache.getCacheManager().getURI().toString().replaceAll("[,:=\n]", ".")
                + ",Cache=" + cache.getName().replaceAll("[,:=\n]", "."));
        return JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(), name, CacheStatisticsMXBean.class);
    }

    /** Adds one to the counter, starting from 0. */
    static final class Increment implements EntryProcessor<String, Long, Long>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public Long process(MutableEntry<String, Long> entry, Object... arguments) {
            long next = (entry.exists() ? entry.getValue() : 0L) + 1;
            entry.setValue(next);
            return next;
        }
    }

    /** A pretend database that takes its time. */
    static final class SlowDatabase implements CacheLoader<String, String>, Serializable {
        private static final long serialVersionUID = 1L;
        private final long delayMillis;
        private final AtomicInteger calls = new AtomicInteger();

        SlowDatabase(long delayMillis) {
            this.delayMillis = delayMillis;
        }

        @Override
        public String load(String key) {
            calls.incrementAndGet();
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "Product " + key.substring(key.indexOf('-') + 1);
        }

        @Override
        public java.util.Map<String, String> loadAll(Iterable<? extends String> keys) {
            java.util.Map<String, String> all = new java.util.LinkedHashMap<>();
            keys.forEach(key -> all.put(key, load(key)));
            return all;
        }

        int calls() {
            return calls.get();
        }
    }

    /** Prints every event and remembers it as {@code TYPE key=value}. */
    static final class EventPrinter implements CacheEntryCreatedListener<String, String>,
            CacheEntryUpdatedListener<String, String>, CacheEntryRemovedListener<String, String>,
            CacheEntryExpiredListener<String, String>, Serializable {
        private static final long serialVersionUID = 1L;
        private final transient PrintStream out;
        private final List<String> events = Collections.synchronizedList(new ArrayList<>());

        EventPrinter(PrintStream out) {
            this.out = out;
        }

        @Override
        public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> batch) {
            record(batch);
        }

        @Override
        public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends String>> batch) {
            record(batch);
        }

        @Override
        public void onRemoved(Iterable<CacheEntryEvent<? extends String, ? extends String>> batch) {
            record(batch);
        }

        @Override
        public void onExpired(Iterable<CacheEntryEvent<? extends String, ? extends String>> batch) {
            record(batch);
        }

        private void record(Iterable<CacheEntryEvent<? extends String, ? extends String>> batch) {
            for (CacheEntryEvent<? extends String, ? extends String> event : batch) {
                String text = event.getEventType() + " " + event.getKey()
                        + (event.getValue() != null ? "=" + event.getValue() : "");
                events.add(text);
                out.println("  listener     " + text);
            }
        }

        /** Waits up to {@code millis} for an event, for a tidy report. */
        void await(String event, long millis) throws InterruptedException {
            long deadline = System.currentTimeMillis() + millis;
            while (!events().contains(event) && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
        }

        List<String> events() {
            synchronized (events) {
                return List.copyOf(events);
            }
        }
    }
}
