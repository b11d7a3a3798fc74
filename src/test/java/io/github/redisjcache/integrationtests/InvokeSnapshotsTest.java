package io.github.redisjcache.integrationtests;

import static io.github.redisjcache.integrationtests.MeasuredCaches.KEY;
import static io.github.redisjcache.integrationtests.MeasuredCaches.WARM_UP_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.cache.Cache;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.processor.EntryProcessor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.redisjcache.integrationtests.MeasuredCaches.Sent;
import io.github.redisjcache.support.Eventually;
import io.github.redisjcache.support.Instances;
import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.RespClient;
import io.github.redisjcache.testing.TestRedis;

/**
 * Where an entry processor's snapshot comes from when it is not read: a refused commit's reply carries what the entry
 * holds, and a processor that committed hands its bytes to the next one of the same key waiting in this JVM. Each
 * case is counted in what the client sent, and each stale guess is caught: writes by another instance go through a
 * second cache manager, which shares nothing with the measured one but Redis.
 */
@RedisTest
class InvokeSnapshotsTest {

    private static final String CACHE = "snapshots";
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private MeasuredCaches caches;
    private final Instances instances = new Instances();
    private Cache<String, Integer> cache;
    private Cache<String, Integer> elsewhere;
    /** The value each run of the measured processors saw, in order. */
    private final List<Integer> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open(RespClient redis) {
        caches = new MeasuredCaches(redis);
        cache = caches.create(CACHE, new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class));
        elsewhere = instances.open(TestRedis.get().uri()).getCache(CACHE, String.class, Integer.class);
        cache.put(WARM_UP_KEY, 1);
        cache.put(KEY, 1);
        // Scripts loaded and connections open, so that measured operations send only their own commands.
        cache.invoke(WARM_UP_KEY, increment(() -> { }));
    }

    @AfterEach
    void close() {
        instances.close();
        caches.close();
    }

    @Test
    void aRefusedCommitRunsTheProcessorAgainOnWhatItFoundWithoutReadingIt() {
        Sent sent = caches.measure(() -> cache.invoke(KEY, increment(onFirstRun(() -> elsewhere.put(KEY, 10)))));

        assertThat(seen).containsExactly(1, 10);
        assertThat(cache.get(KEY)).isEqualTo(11);
        // One read, then two compare-and-sets, the second on the value the first one's refusal brought back.
        assertThat(sent.commands()).as("%s", sent).isEqualTo(Map.of("get", 1L, "evalsha", 2L));
        assertThat(sent.roundTrips()).as("%s", sent).isEqualTo(3);
    }

    @Test
    void aProcessorWaitingForTheSameKeyStartsFromTheBytesTheOneBeforeItCommitted() throws Exception {
        Sent sent = afterAHeldProcessor(increment(() -> { }));

        assertThat(seen).containsExactly(2);
        assertThat(cache.get(KEY)).isEqualTo(3);
        // The held processor had read before the measurement; the waiting one sent its compare-and-set alone.
        assertThat(sent.commands()).as("%s", sent).isEqualTo(Map.of("evalsha", 2L));
    }

    @Test
    void aHandedOverSnapshotThatAnotherInstanceChangedIsRefusedAndTheProcessorRunsAgain() throws Exception {
        Sent sent = afterAHeldProcessor(increment(onFirstRun(() -> elsewhere.put(KEY, 100))));

        assertThat(seen).containsExactly(2, 100);
        assertThat(cache.get(KEY)).isEqualTo(101);
        assertThat(sent.commands()).as("%s", sent).isEqualTo(Map.of("evalsha", 3L));
    }

    @Test
    void aReadOnlyProcessorOnAHandedOverSnapshotReadsTheEntryToProveIt() throws Exception {
        Sent sent = afterAHeldProcessor(read(() -> { }));

        assertThat(seen).containsExactly(2);
        assertThat(sent.commands()).as("%s", sent).isEqualTo(Map.of("evalsha", 1L, "get", 1L));
    }

    @Test
    void aReadOnlyProcessorOnAStaleHandedOverSnapshotRunsAgainOnWhatTheReadFound() throws Exception {
        Sent sent = afterAHeldProcessor(read(onFirstRun(() -> elsewhere.put(KEY, 100))));

        // Without the proving read it would have answered 2, the value another instance had replaced.
        assertThat(seen).containsExactly(2, 100);
        assertThat(cache.get(KEY)).isEqualTo(100);
        assertThat(sent.commands()).as("%s", sent).isEqualTo(Map.of("evalsha", 1L, "get", 1L));
    }

    @Test
    void whileExpiriesAreReportedEveryRunReadsItsSnapshot() throws Exception {
        cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
                FactoryBuilder.factoryOf(IgnoreExpiries.class), null, false, false));

        Sent sent = afterAHeldProcessor(increment(() -> { }));

        assertThat(seen).containsExactly(2);
        assertThat(cache.get(KEY)).isEqualTo(3);
        // The waiting processor read its entry as reported expiries require: a script, not a plain GET.
        assertThat(sent.commands()).as("%s", sent).containsEntry("evalsha", 3L).doesNotContainKey("get");
    }

    /** An expiry listener: registering it makes reads report the expired entries they find. */
    public static final class IgnoreExpiries implements CacheEntryExpiredListener<String, Integer> {
        @Override
        public void onExpired(Iterable<javax.cache.event.CacheEntryEvent<? extends String, ? extends Integer>> events) {
        }
    }

    /**
     * Holds an incrementing processor on {@link MeasuredCaches#KEY} inside its run until {@code waiting} is queued
     * behind it on the same key, then measures both to the end: what the held one sent before (its read) is not
     * counted. Records the runs of {@code waiting} only.
     */
    private Sent afterAHeldProcessor(EntryProcessor<String, Integer, Integer> waiting) throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Integer> held = CompletableFuture.supplyAsync(() -> cache.invoke(KEY, (entry, args) -> {
            entered.countDown();
            await(release);
            entry.setValue(entry.getValue() + 1);
            return entry.getValue();
        }));
        assertThat(entered.await(LIMIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Integer> queued = new CompletableFuture<>();
        Thread waiter = new Thread(() -> {
            try {
                queued.complete(cache.invoke(KEY, waiting));
            } catch (RuntimeException e) {
                queued.completeExceptionally(e);
            }
        });
        waiter.start();
        // Parked on the key's turn, which the held processor has: the only untimed wait inside Invoker.invoke.
        Eventually.await(LIMIT, "the second processor waiting for its turn",
                () -> waiter.getState() == Thread.State.WAITING && Arrays.stream(waiter.getStackTrace())
                        .anyMatch(frame -> frame.getClassName().equals("io.github.redisjcache.cache.Invoker")
                                && frame.getMethodName().equals("invoke")));
        return caches.measure(() -> {
            release.countDown();
            assertThat(held.join()).isEqualTo(2);
            queued.join();
        });
    }

    /** Increments the value, first recording it and running {@code before}. */
    private EntryProcessor<String, Integer, Integer> increment(Runnable before) {
        return (entry, args) -> {
            int value = entry.getValue();
            if (entry.getKey().equals(KEY)) {
                seen.add(value);
            }
            before.run();
            entry.setValue(value + 1);
            return value + 1;
        };
    }

    /** Returns the value, first recording it and running {@code before}. */
    private EntryProcessor<String, Integer, Integer> read(Runnable before) {
        return (entry, args) -> {
            int value = entry.getValue();
            seen.add(value);
            before.run();
            return value;
        };
    }

    /** Runs {@code action} on the first call only. */
    private static Runnable onFirstRun(Runnable action) {
        boolean[] done = new boolean[1];
        return () -> {
            if (!done[0]) {
                done[0] = true;
                action.run();
            }
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
