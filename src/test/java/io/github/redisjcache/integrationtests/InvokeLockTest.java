package io.github.redisjcache.integrationtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.redisjcache.config.RedisCacheConfiguration;
import io.github.redisjcache.support.Eventually;
import io.github.redisjcache.support.Instances;
import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.RespClient;
import io.github.redisjcache.testing.TestRedis;

/**
 * The {@code invoke-lock} cache setting: entry processors on one key take turns across cache managers (as across
 * JVMs), so a loading processor such as Spring's {@code @Cacheable(sync = true)} runs once in the deployment; the
 * compare-and-set still decides, so a lock that lapses costs a repeated run, never an update.
 */
@RedisTest
class InvokeLockTest {

    private static final String CACHE = "loaded";
    private static final AtomicInteger LOADS = new AtomicInteger();
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final Instances instances = new Instances();

    @AfterEach
    void closeManagers() {
        instances.close();
        LOADS.set(0);
        RUNS.set(0);
    }

    /** Another instance's cache manager, configured by its properties. */
    private CacheManager manager(String... namesAndValues) {
        return instances.open(TestRedis.get().uri(), namesAndValues);
    }

    private static MutableConfiguration<String, String> configuration() {
        return new MutableConfiguration<String, String>().setTypes(String.class, String.class);
    }

    /** Loads the value on a miss, slowly, as a @Cacheable(sync = true) method would. */
    public static final class SlowLoad implements EntryProcessor<String, String, String> {
        @Override
        public String process(javax.cache.processor.MutableEntry<String, String> entry, Object... arguments) {
            if (entry.exists()) {
                return entry.getValue();
            }
            LOADS.incrementAndGet();
            pause(600);
            String value = "loaded-" + LOADS.get();
            entry.setValue(value);
            return value;
        }
    }

    /** Appends a mark, slowly when asked. */
    public static final class SlowAppend implements EntryProcessor<String, String, Void> {
        @Override
        public Void process(javax.cache.processor.MutableEntry<String, String> entry, Object... arguments) {
            RUNS.incrementAndGet();
            pause((Long) arguments[1]);
            entry.setValue((entry.exists() ? entry.getValue() : "") + arguments[0]);
            return null;
        }
    }

    @Test
    void withTheLockALoadRunsOnceAcrossInstances() throws Exception {
        List<Cache<String, String>> caches = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            caches.add(manager("defaults.invoke-lock", "10s").createCache(CACHE, configuration()));
        }

        List<String> results = invokeTogether(caches, 4);

        assertThat(LOADS.get()).isEqualTo(1);
        assertThat(results).hasSize(12).containsOnly("loaded-1");
    }

    @Test
    void withoutTheLockEachInstanceLoadsAtMostOnceAndTheFirstCommitWins() throws Exception {
        List<Cache<String, String>> caches = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            caches.add(manager().createCache(CACHE, configuration()));
        }

        List<String> results = invokeTogether(caches, 4);

        // Threads of one instance take turns; instances race, and all but the first commit load again for nothing.
        assertThat(LOADS.get()).isBetween(2, 3);
        assertThat(results).hasSize(12);
        assertThat(results.stream().distinct()).hasSize(1);
    }

    @Test
    void aLockThatLapsesCostsARepeatedRunButNoUpdate(RespClient redis) throws Exception {
        Cache<String, String> slow = manager().createCache(CACHE, new RedisCacheConfiguration<String, String>()
                .setInvokeLock(Duration.ofMillis(200)).setTypes(String.class, String.class));
        Cache<String, String> quick = manager("defaults.invoke-lock", "200ms").createCache(CACHE,
                configuration());
        ExecutorService threads = Executors.newSingleThreadExecutor();
        try {
            Future<?> slowRun = threads.submit(() -> slow.invoke("k", new SlowAppend(), "a", 1500L));
            // The slow one holds the lock and has read its snapshot once its processor runs.
            Eventually.await(Duration.ofSeconds(10), "the slow processor to start", () -> RUNS.get() == 1);
            quick.invoke("k", new SlowAppend(), "b", 0L);
            slowRun.get(10, TimeUnit.SECONDS);
        } finally {
            threads.shutdownNow();
        }

        // The quick one waited out the 200 ms lease and committed first; the slow one's commit failed its
        // compare-and-set and ran again on "b".
        assertThat(quick.get("k")).isEqualTo("ba");
        assertThat(RUNS.get()).isEqualTo(3);
        assertThat(redis.callLong("EXISTS", "#lock:jcache:loaded:k")).isZero();
    }

    @Test
    void aLockLeftByAHolderThatDiedIsWaitedOutForAtMostItsLease(RespClient redis) {
        Cache<String, String> cache = manager("defaults.invoke-lock", "5s").createCache(CACHE, configuration());
        redis.call("SET", "#lock:jcache:loaded:k", "a-dead-instance", "PX", "400");

        long start = System.nanoTime();
        cache.invoke("k", new SlowAppend(), "x", 0L);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        assertThat(cache.get("k")).isEqualTo("x");
        assertThat(redis.callLong("EXISTS", "#lock:jcache:loaded:k")).isZero();
    }

    @Test
    void aProcessorThatFailsReleasesTheLock(RespClient redis) {
        Cache<String, String> cache = manager("defaults.invoke-lock", "30s").createCache(CACHE, configuration());

        assertThatThrownBy(() -> cache.invoke("k", (entry, arguments) -> {
            throw new IllegalStateException("the database is down");
        })).isInstanceOf(EntryProcessorException.class);

        assertThat(redis.callLong("EXISTS", "#lock:jcache:loaded:k")).isZero();
        assertThat(cache.invoke("k", new SlowLoad())).isEqualTo("loaded-1");
    }

    @Test
    void aLockHeldElsewhereIsNotTakenFromItsHolder(RespClient redis) {
        Cache<String, String> cache = manager("defaults.invoke-lock", "200ms").createCache(CACHE,
                configuration());
        redis.call("SET", "#lock:jcache:loaded:k", "another-instance", "PX", "5000");

        cache.invoke("k", new SlowLoad());

        // This one waited its own lease, went on without the lock, and left the other holder's lock alone.
        assertThat(redis.callString("GET", "#lock:jcache:loaded:k")).isEqualTo("another-instance");
    }

    private static List<String> invokeTogether(List<Cache<String, String>> caches, int threadsPerCache)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(caches.size() * threadsPerCache);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (Cache<String, String> cache : caches) {
                for (int i = 0; i < threadsPerCache; i++) {
                    results.add(threads.submit(() -> {
                        start.await();
                        return cache.invoke("k", new SlowLoad());
                    }));
                }
            }
            start.countDown();
            List<String> values = new ArrayList<>();
            for (Future<String> result : results) {
                values.add(result.get(30, TimeUnit.SECONDS));
            }
            return values;
        } finally {
            threads.shutdownNow();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
