package io.github.redisjcache.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One task at a time, in the order tasks came, whichever thread runs them. */
class SerialDeliveryTest {

    private final SerialDelivery delivery = new SerialDelivery("serial-delivery-test");
    private final List<String> ran = new CopyOnWriteArrayList<>();

    @AfterEach
    void shutDown() {
        delivery.shutDown(5_000);
    }

    @Test
    void aCallerThatMayRunATaskRunsItWhenNothingWaits() {
        Thread caller = Thread.currentThread();
        List<Thread> threads = new CopyOnWriteArrayList<>();

        delivery.runOrSubmit(() -> threads.add(Thread.currentThread()));

        assertThat(threads).containsExactly(caller);
    }

    @Test
    void aTaskThatFindsOthersWaitingRunsAfterThemOnTheBackgroundThread() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> threads = new CopyOnWriteArrayList<>();
        delivery.submit(() -> {
            started.countDown();
            await(release);
            ran.add("a");
        });
        delivery.submit(() -> ran.add("b"));
        assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

        delivery.runOrSubmit(() -> {
            threads.add(Thread.currentThread());
            ran.add("c");
        });
        assertThat(ran).isEmpty();
        release.countDown();
        delivery.shutDown(5_000);

        assertThat(ran).containsExactly("a", "b", "c");
        assertThat(threads).doesNotContain(Thread.currentThread());
    }

    /** Tasks submitted while a caller runs one itself wait for it, then run on the background thread in order. */
    @Test
    void tasksThatComeWhileACallerRunsOneRunAfterIt() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread caller = new Thread(() -> delivery.runOrSubmit(() -> {
            inside.countDown();
            await(release);
            ran.add("inline");
        }));
        caller.start();
        assertThat(inside.await(5, TimeUnit.SECONDS)).isTrue();

        delivery.submit(() -> ran.add("first"));
        delivery.runOrSubmit(() -> ran.add("second"));
        Thread.sleep(100);
        assertThat(ran).isEmpty();
        release.countDown();
        caller.join(5_000);
        delivery.shutDown(5_000);

        assertThat(ran).containsExactly("inline", "first", "second");
    }

    /** A task claimed under a caller's own lock keeps its place though the caller runs it only later. */
    @Test
    void aClaimedTaskRunsBeforeTasksSubmittedAfterTheClaim() {
        Runnable claimed = () -> ran.add("claimed");
        assertThat(delivery.claimOrSubmit(claimed)).isTrue();
        delivery.submit(() -> ran.add("submitted"));
        assertThat(delivery.claimOrSubmit(() -> ran.add("second claim"))).isFalse();
        assertThat(ran).isEmpty();

        delivery.runClaimed(claimed);
        delivery.shutDown(5_000);

        assertThat(ran).containsExactly("claimed", "submitted", "second claim");
    }

    @Test
    void aTaskThatThrowsDoesNotStopTheOnesAfterIt() {
        delivery.submit(() -> {
            throw new AssertionError("a listener's error");
        });
        delivery.submit(() -> ran.add("after"));
        delivery.shutDown(5_000);

        assertThat(ran).containsExactly("after");
    }

    @Test
    void shuttingDownRunsWhatWasQueuedAndTakesNothingMore() {
        for (int i = 0; i < 100; i++) {
            String name = Integer.toString(i);
            delivery.submit(() -> ran.add(name));
        }
        delivery.shutDown(5_000);
        delivery.submit(() -> ran.add("late"));
        delivery.runOrSubmit(() -> ran.add("late inline"));

        assertThat(ran).hasSize(100).doesNotContain("late", "late inline");
        assertThat(ran.get(0)).isEqualTo("0");
        assertThat(ran.get(99)).isEqualTo("99");
    }

    /** Many threads, some handing tasks over and some running them: never two at once, each task once. */
    @Test
    void neverRunsTwoTasksAtOnce() throws Exception {
        java.util.concurrent.atomic.AtomicInteger running = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger overlaps = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();
        Runnable task = () -> {
            if (running.incrementAndGet() > 1) {
                overlaps.incrementAndGet();
            }
            count.incrementAndGet();
            running.decrementAndGet();
        };
        Thread[] threads = new Thread[8];
        for (int t = 0; t < threads.length; t++) {
            boolean inline = t % 2 == 0;
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 20_000; i++) {
                    if (inline) {
                        delivery.runOrSubmit(task);
                    } else {
                        delivery.submit(task);
                    }
                }
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join(30_000);
        }
        delivery.shutDown(10_000);

        assertThat(overlaps.get()).isZero();
        assertThat(count.get()).isEqualTo(8 * 20_000);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
