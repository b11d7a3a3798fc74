package io.github.redisjcache.integrationtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.cache.Cache;
import javax.cache.CacheManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.redisjcache.support.CacheManagers;
import io.github.redisjcache.testing.JvmProcess;
import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.TestRedis;

/**
 * The atomicity tests across JVMs: two JVMs (each a {@link RaceWorker} with its own cache manager on the test
 * Redis) race on the same cache, released together, and no creation is doubled and no update lost.
 */
@RedisTest
class CrossJvmAtomicityTest {

    /** @return the URI of the Redis the JVMs race on */
    String redisUri() {
        return TestRedis.get().uri();
    }


    private static final String CACHE = "race";
    private static final int JVMS = 2;
    private static final int THREADS = 8;
    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    private static final Duration RUN_LIMIT = Duration.ofMinutes(3);

    private CacheManager manager;
    private Cache<String, Integer> cache;
    private final List<JvmProcess> jvms = new ArrayList<>();

    @BeforeEach
    void createCache() {
        manager = CacheManagers.provider().getCacheManager(java.net.URI.create(redisUri()),
                getClass().getClassLoader());
        cache = manager.createCache(CACHE, RaceWorker.configuration());
    }

    @AfterEach
    void stop() {
        jvms.forEach(JvmProcess::close);
        manager.close();
    }

    @Test
    void twoJvmsRacingPutIfAbsentOnTheSameKeysCreateEachKeyExactlyOnce() {
        int keys = 1000;

        List<String> results = race("putIfAbsent", keys);

        int[] total = new int[keys];
        int[][] perJvm = new int[JVMS][];
        for (int jvm = 0; jvm < JVMS; jvm++) {
            perJvm[jvm] = Arrays.stream(results.get(jvm).substring("wins ".length()).split(","))
                    .mapToInt(Integer::parseInt).toArray();
            for (int i = 0; i < keys; i++) {
                total[i] += perJvm[jvm][i];
            }
        }
        for (int i = 0; i < keys; i++) {
            assertThat(total[i]).as("creations of %s over both JVMs", RaceWorker.key(i)).isEqualTo(1);
            Integer value = cache.get(RaceWorker.key(i));
            assertThat(value).as("value of %s", RaceWorker.key(i)).isNotNull();
            // The value stored is the one written by the JVM that was told it created the key.
            assertThat(perJvm[value / 1000][i]).as("winner of %s", RaceWorker.key(i)).isEqualTo(1);
        }
        System.out.printf("Two JVMs, putIfAbsent: keys created by each JVM %d and %d%n",
                Arrays.stream(perJvm[0]).sum(), Arrays.stream(perJvm[1]).sum());
        // Both JVMs won some keys: they really raced.
        assertThat(perJvm[0]).contains(1);
        assertThat(perJvm[1]).contains(1);
    }

    @Test
    void twoJvmsRacingReplaceIncrementsLoseNoUpdate() {
        int increments = 250;
        cache.put(RaceWorker.COUNTER, 0);

        List<String> results = race("replace", increments);

        assertThat(cache.get(RaceWorker.COUNTER)).isEqualTo(JVMS * THREADS * increments);
        System.out.printf("Two JVMs: replace attempts %s for %d increments%n", results, JVMS * THREADS * increments);
    }

    @Test
    void twoJvmsRacingInvokeIncrementsLoseNoUpdate() {
        int increments = 500;

        race("invoke", increments);

        assertThat(cache.get(RaceWorker.COUNTER)).isEqualTo(JVMS * THREADS * increments);
    }

    @Test
    void sixteenThreadsOfOneJvmInvokingIncrementsLoseNoUpdate() throws InterruptedException {
        long start = System.nanoTime();

        RaceWorker.invokeIncrements(cache, 16, 500);

        System.out.printf("One JVM: 16 threads x 500 invoke increments took %d ms%n",
                (System.nanoTime() - start) / 1_000_000);
        assertThat(cache.get(RaceWorker.COUNTER)).isEqualTo(8000);
    }

    /** Starts the JVMs, releases them together, and returns each one's result line (without the prefix). */
    private List<String> race(String mode, int count) {
        for (int jvm = 0; jvm < JVMS; jvm++) {
            jvms.add(JvmProcess.start(RaceWorker.class, Map.of(), redisUri(), CACHE, mode,
                    Integer.toString(jvm), Integer.toString(THREADS), Integer.toString(count)));
        }
        for (JvmProcess jvm : jvms) {
            jvm.awaitLine(RaceWorker.READY::equals, START_LIMIT);
        }
        long start = System.nanoTime();
        jvms.forEach(jvm -> jvm.send(RaceWorker.GO));
        List<String> results = new ArrayList<>();
        for (JvmProcess jvm : jvms) {
            assertThat(jvm.awaitExit(RUN_LIMIT)).as("exit code of %s; output:%n%s", jvm, jvm.output()).isZero();
            String millis = jvm.awaitLine(line -> line.startsWith(RaceWorker.RESULT + "millis "), START_LIMIT);
            System.out.printf("Two JVMs, %s: %s took %s ms%n", mode, jvm,
                    millis.substring(millis.lastIndexOf(' ') + 1));
            results.add(jvm.awaitLine(line -> line.startsWith(RaceWorker.RESULT) && !line.equals(millis),
                    START_LIMIT).substring(RaceWorker.RESULT.length()));
        }
        System.out.printf("Two JVMs, %s: %d ms from GO until both ended%n", mode,
                (System.nanoTime() - start) / 1_000_000);
        return results;
    }
}
