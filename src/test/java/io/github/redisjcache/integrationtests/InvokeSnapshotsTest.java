package io.github.redisjcache.integrationtests;

import static io.github.redisjcache.integrationtests.MeasuredCaches.COMPARE_AND_SET;
import static io.github.redisjcache.integrationtests.MeasuredCaches.KEY;
import static io.github.redisjcache.integrationtests.MeasuredCaches.WARM_UP_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import javax.cache.Cache;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheWriter;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.redisjcache.integrationtests.MeasuredCaches.Sent;
import io.github.redisjcache.support.Eventually;
import io.github.redisjcache.support.Instances;
import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.RespClient;
import io.github.redisjcache.testing.TestRedis;

/**
 * Where an entry processor's snapshot comes from when it is not read: a refused commit's reply carries what the entry
 * holds, and a processor that committed leaves its bytes to the next one of the same key in this JVM, waiting or
 * coming later. Each case is counted in what the client sent, and each stale guess is caught: writes by another
 * instance go through a second cache manager, which shares nothing with the measured one but Redis.
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
        assertThat(sent.commands()).as("%s", sent).isEqualTo(Map.of("get", 1L, COMPARE_AND_SET, 2L));
        assertThat(sent.roundTrips()).as("%s", sent).isEqualTo(3);
    }

    @Test
    void aProcessorWaitingForTheSameKeyStartsFromTheBytesTheOneBeforeItCommitted() throws Exception {
        Sent sent = afterAHeldProcessor(increment(() -> { }));

        assertThat(seen).containsExactly(2);
        assertThat(cache.get(KEY)).isEqualTo(3);
        // The held processor had read before the measurement; the waiting one sent its compare-and-set alone.
        assertThat(sent.commands()).as("%s", sent).isEqualTo(Map.of(COMPARE_AND_SET, 2L));
    }

    @Test
    void aHandedOverSnapshotThatAnotherInstanceChangedIsRefusedAndTheProcessorRunsAgain() throws Exception {
        Sent sent = afterAHeldProcessor(increment(onFirstRun(() -> elsewhere.put(KEY, 100))));

        assertThat(seen).containsExactly(2, 100);
        assertThat(cache.get(KEY)).isEqualTo(101);
        assertThat(sent.commands()).as("%s", sent).isEqualTo(Map.of(COMPARE_AND_SET, 3L));
    }

    @Test
    void aReadOnlyProcessorOnAHandedOverSnapshotReadsTheEntryToProveIt() throws Exception {
        Sent sent = afterAHeldProcessor(read(() -> { }));

        assertThat(seen).containsExactly(2);
        assertThat(sent.commands()).as("%s", sent).isEqualTo(Map.of(COMPARE_AND_SET, 1L, "get", 1L));
    }

    @Test
    void aReadOnlyProcessorOnAStaleHandedOverSnapshotRunsAgainOnWhatTheReadFound() throws Exception {
        Sent sent = afterAHeldProcessor(read(onFirstRun(() -> elsewhere.put(KEY, 100))));

        // Without the proving read it would have answered 2, the value another instance had replaced.
        assertThat(seen).containsExactly(2, 100);
        assertThat(cache.get(KEY)).isEqualTo(100);
        assertThat(sent.commands()).as("%s", sent).isEqualTo(Map.of(COMPARE_AND_SET, 1L, "get", 1L));
    }

    @Test
    void aProcessorStartsFromTheBytesTheLastOneOfThisInstanceCommittedWithoutReadingThem() {
        cache.invoke(KEY, increment(() -> { }));

        Sent sent = caches.measure(() -> cache.invoke(KEY, increment(() -> { })));

        assertThat(seen).containsExactly(1, 2);
        assertThat(cache.get(KEY)).isEqualTo(3);
        assertThat(sent.commands()).as("%s", sent).isEqualTo(Map.of(COMPARE_AND_SET, 1L));
        assertThat(sent.roundTrips()).as("%s", sent).isEqualTo(1);
    }

    @Test
    void keptBytesThatAnotherInstanceChangedAreRefusedAndTheNextCommitsAreNotKeptForAWhile() {
        cache.invoke(KEY, increment(() -> { }));
        elsewhere.put(KEY, 100);

        Sent refused = caches.measure(() -> cache.invoke(KEY, increment(() -> { })));

        assertThat(seen).containsExactly(1, 2, 100);
        assertThat(refused.commands()).as("%s", refused).isEqualTo(Map.of(COMPARE_AND_SET, 2L));
        // The refused guess's commit and the next 15 (CommittedValues.DISTRUSTED_COMMITS in all) are not kept.
        for (int i = 0; i < 15; i++) {
            Sent read = caches.measure(() -> cache.invoke(KEY, increment(() -> { })));
            assertThat(read.commands()).as("commit %s after the stale guess: %s", i + 1, read)
                    .isEqualTo(Map.of("get", 1L, COMPARE_AND_SET, 1L));
        }
        Sent kept = caches.measure(() -> cache.invoke(KEY, increment(() -> { })));
        assertThat(kept.commands()).as("%s", kept).isEqualTo(Map.of("get", 1L, COMPARE_AND_SET, 1L));
        Sent unread = caches.measure(() -> cache.invoke(KEY, increment(() -> { })));
        assertThat(unread.commands()).as("%s", unread).isEqualTo(Map.of(COMPARE_AND_SET, 1L));
        assertThat(cache.get(KEY)).isEqualTo(118);
    }

    @Test
    void aProcessorThatFailsOnStaleKeptBytesRunsAgainOnWhatTheEntryHolds() {
        cache.invoke(KEY, increment(() -> { }));
        elsewhere.put(KEY, 100);

        Sent sent = caches.measure(() -> assertThat(cache.invoke(KEY, failingOn(2))).isEqualTo(101));

        assertThat(seen).containsExactly(1, 2, 100);
        assertThat(cache.get(KEY)).isEqualTo(101);
        // The failure was proved wrong by reading the entry, and the second run started from what the read found.
        assertThat(sent.commands()).as("%s", sent).isEqualTo(Map.of("get", 1L, COMPARE_AND_SET, 1L));
    }

    @Test
    void aProcessorThatFailsOnKeptBytesTheEntryStillHoldsFailsAfterOneRun() {
        cache.invoke(KEY, increment(() -> { }));

        Sent sent = caches.measure(() -> assertThatThrownBy(() -> cache.invoke(KEY, failingOn(2)))
                .isInstanceOf(EntryProcessorException.class).hasRootCauseMessage("refused 2"));

        assertThat(seen).containsExactly(1, 2);
        assertThat(cache.get(KEY)).isEqualTo(2);
        assertThat(sent.commands()).as("%s", sent).isEqualTo(Map.of("get", 1L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writesOfThisInstance")
    void aWriteThroughThisInstanceForgetsTheKeptBytes(String write, Consumer<Cache<String, Integer>> writing,
                                                     Integer left) {
        cache.invoke(KEY, increment(() -> { }));
        writing.accept(cache);
        seen.clear();

        Sent sent = caches.measure(() -> cache.invoke(KEY, incrementFromZero()));

        // One run, on what the write left, read: no refused guess, no second run of the processor.
        assertThat(seen).containsExactly(left);
        assertThat(sent.commands()).as("%s", sent).containsEntry("get", 1L);
    }

    static Stream<Arguments> writesOfThisInstance() {
        return Stream.of(
                Arguments.of("put", (Consumer<Cache<String, Integer>>) c -> c.put(KEY, 50), 50),
                Arguments.of("getAndPut", (Consumer<Cache<String, Integer>>) c -> c.getAndPut(KEY, 50), 50),
                Arguments.of("putAll", (Consumer<Cache<String, Integer>>) c -> c.putAll(Map.of(KEY, 50)), 50),
                Arguments.of("replace", (Consumer<Cache<String, Integer>>) c -> c.replace(KEY, 50), 50),
                Arguments.of("replace if equal", (Consumer<Cache<String, Integer>>) c -> c.replace(KEY, 2, 50), 50),
                Arguments.of("remove", (Consumer<Cache<String, Integer>>) c -> c.remove(KEY), null),
                Arguments.of("remove if equal", (Consumer<Cache<String, Integer>>) c -> c.remove(KEY, 2), null),
                Arguments.of("removeAll of keys", (Consumer<Cache<String, Integer>>) c -> c.removeAll(Set.of(KEY)),
                        null),
                Arguments.of("removeAll", (Consumer<Cache<String, Integer>>) Cache::removeAll, null),
                Arguments.of("clear", (Consumer<Cache<String, Integer>>) Cache::clear, null));
    }

    @Test
    void keptBytesOfAnEntryThatHasSinceExpiredAreRefusedAndTheProcessorRunsOnNoEntry() {
        Cache<String, Integer> expiring = caches.create("snapshots-expiring", new MutableConfiguration<String, Integer>()
                .setTypes(String.class, Integer.class).setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
                        new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, 300))));
        expiring.invoke(KEY, incrementFromZero());
        Eventually.await(LIMIT, "the entry to expire", () -> !expiring.containsKey(KEY));

        Sent sent = caches.measure(() -> assertThat(expiring.invoke(KEY, incrementFromZero())).isEqualTo(1));

        // The guess (1) was refused, and the refusal said there is no entry: the expired value did not come back.
        assertThat(seen).containsExactly(null, 1, null);
        assertThat(expiring.get(KEY)).isEqualTo(1);
        assertThat(sent.commands()).as("%s", sent).doesNotContainKey("get");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("readsThatExpire")
    void aReadWithAnAccessExpiryOfZeroForgetsTheKeptBytes(String read, Consumer<Cache<String, Integer>> reading) {
        Cache<String, Integer> readOnce = caches.create("snapshots-read-once", new MutableConfiguration<String, Integer>()
                .setTypes(String.class, Integer.class).setExpiryPolicyFactory(FactoryBuilder.factoryOf(
                        ExpiresOnRead.class)));
        readOnce.put(KEY, 1);
        readOnce.invoke(KEY, increment(() -> { }));
        reading.accept(readOnce);
        seen.clear();

        Sent sent = caches.measure(() -> readOnce.invoke(KEY, incrementFromZero()));

        // The read deleted the entry: the next processor reads it and runs once, on no entry.
        assertThat(seen).containsExactly((Integer) null);
        assertThat(sent.commands()).as("%s", sent).containsEntry("get", 1L);
    }

    static Stream<Arguments> readsThatExpire() {
        return Stream.of(
                Arguments.of("get", (Consumer<Cache<String, Integer>>) c -> assertThat(c.get(KEY)).isEqualTo(2)),
                Arguments.of("getAll", (Consumer<Cache<String, Integer>>) c -> assertThat(c.getAll(Set.of(KEY)))
                        .isEqualTo(Map.of(KEY, 2))));
    }

    /** Entries that never expire until read once: an access expiry of zero. */
    public static final class ExpiresOnRead implements ExpiryPolicy, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public javax.cache.expiry.Duration getExpiryForCreation() {
            return javax.cache.expiry.Duration.ETERNAL;
        }

        @Override
        public javax.cache.expiry.Duration getExpiryForAccess() {
            return javax.cache.expiry.Duration.ZERO;
        }

        @Override
        public javax.cache.expiry.Duration getExpiryForUpdate() {
            return null;
        }
    }

    @Test
    void throughAWriterOnlyAProcessorAlreadyWaitingIsLeftTheBytes() {
        Cache<String, Integer> writing = caches.create("snapshots-written", new MutableConfiguration<String, Integer>()
                .setTypes(String.class, Integer.class).setWriteThrough(true)
                .setCacheWriterFactory(FactoryBuilder.factoryOf(IgnoreWrites.class)));
        writing.put(KEY, 1);
        writing.invoke(KEY, increment(() -> { }));

        Sent sent = caches.measure(() -> writing.invoke(KEY, increment(() -> { })));

        // A stale guess would have the writer store what a run on it made: every run reads.
        assertThat(sent.commands()).as("%s", sent).isEqualTo(Map.of("get", 1L, COMPARE_AND_SET, 1L));
    }

    @Test
    void onlySmallValuesAreKeptForAProcessorNotYetWaiting() {
        Cache<String, String> texts = caches.create("snapshots-texts",
                new MutableConfiguration<String, String>().setTypes(String.class, String.class));
        EntryProcessor<String, String, Void> append = (entry, args) -> {
            entry.setValue(entry.getValue() + "x");
            return null;
        };
        // Within CommittedValues.KEPT_LIMIT (2048 bytes) once encoded, and beyond it.
        texts.put(KEY, "s".repeat(1900));
        texts.put(WARM_UP_KEY, "l".repeat(2100));
        texts.invoke(KEY, append);
        texts.invoke(WARM_UP_KEY, append);

        Sent small = caches.measure(() -> texts.invoke(KEY, append));
        Sent large = caches.measure(() -> texts.invoke(WARM_UP_KEY, append));

        assertThat(small.commands()).as("%s", small).isEqualTo(Map.of(COMPARE_AND_SET, 1L));
        assertThat(large.commands()).as("%s", large).isEqualTo(Map.of("get", 1L, COMPARE_AND_SET, 1L));
        assertThat(texts.get(KEY)).hasSize(1902);
        assertThat(texts.get(WARM_UP_KEY)).hasSize(2102);
    }

    /** A writer that stores nothing: with it, the cache writes through. */
    public static final class IgnoreWrites implements CacheWriter<String, Integer> {
        @Override
        public void write(Cache.Entry<? extends String, ? extends Integer> entry) {
        }

        @Override
        public void writeAll(Collection<Cache.Entry<? extends String, ? extends Integer>> entries) {
        }

        @Override
        public void delete(Object key) {
        }

        @Override
        public void deleteAll(Collection<?> keys) {
        }
    }

    @Test
    void whileExpiriesAreReportedEveryRunReadsItsSnapshot() throws Exception {
        caches.measure(() -> cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
                FactoryBuilder.factoryOf(IgnoreExpiries.class), null, false, false)));
        // Registering sends two registry scripts (the lease, the expiry watch) and announces the listener, and this JVM
        // answers its own announcement on another thread with a third (a renewal). On a busy machine that one came
        // late enough to be counted with the processors below: waited for.
        caches.awaitSent("evalsha", 3, LIMIT);

        Sent sent = afterAHeldProcessor(increment(() -> { }));

        assertThat(seen).containsExactly(2);
        assertThat(cache.get(KEY)).isEqualTo(3);
        // The waiting processor read its entry as reported expiries require: a script, not a plain GET. With a
        // listener, every change is mutate.lua too.
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

    /** Increments the value, taking none as 0, after recording it (null for none). */
    private EntryProcessor<String, Integer, Integer> incrementFromZero() {
        return (entry, args) -> {
            Integer value = entry.getValue();
            seen.add(value);
            int next = value == null ? 1 : value + 1;
            entry.setValue(next);
            return next;
        };
    }

    /** Increments the value after recording it, but throws when it is {@code refused}. */
    private EntryProcessor<String, Integer, Integer> failingOn(int refused) {
        return (entry, args) -> {
            int value = entry.getValue();
            seen.add(value);
            if (value == refused) {
                throw new IllegalStateException("refused " + refused);
            }
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
