package io.github.redisjcache.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.redisjcache.support.Eventually;

/**
 * Callers wait untimed and the watchdog ends the waits past their bound: a wait gets its reply or its failure as a
 * timed wait would, ends soon after its bound when no reply comes, and never inherits the bound of an earlier wait.
 * (The futures here stand for Redis replies; what a real reply does is every other test's business.)
 */
class ReplyWatchdogTest {

    private static final long SCAN_MILLIS = 20;

    private final ReplyWatchdog watchdog = new ReplyWatchdog("reply-watchdog-test", SCAN_MILLIS);
    private final ScheduledExecutorService replies = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        watchdog.close();
        replies.shutdownNow();
    }

    @Test
    void aReplyThatComesWithinTheBoundIsReturned() throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        replies.schedule(() -> reply.complete("value"), 100, TimeUnit.MILLISECONDS);

        assertThat(watchdog.get(reply, 5_000)).isEqualTo("value");
    }

    @Test
    void aFailedReplyKeepsItsCause() {
        CompletableFuture<String> reply = new CompletableFuture<>();
        IllegalStateException failure = new IllegalStateException("READONLY");
        replies.schedule(() -> reply.completeExceptionally(failure), 50, TimeUnit.MILLISECONDS);

        Throwable thrown = catchThrowable(() -> watchdog.get(reply, 5_000));

        assertThat(thrown).isInstanceOf(ExecutionException.class).hasCause(failure);
    }

    @Test
    void aWaitWithoutReplyEndsSoonAfterItsBoundAndEndsTheReplyToo() {
        CompletableFuture<String> never = new CompletableFuture<>();
        long start = System.nanoTime();

        Throwable thrown = catchThrowable(() -> watchdog.get(never, 300));

        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(thrown).isInstanceOf(TimeoutException.class).hasMessage("No reply within 300 ms");
        assertThat(waited).isBetween(300L, 2_000L);
        // As a timed-out caller cancels it: a reply coming later is dropped.
        assertThat(never.isCompletedExceptionally()).isTrue();
        assertThat(never.complete("late")).isFalse();
    }

    @Test
    void aLaterWaitDoesNotInheritTheBoundOfAnEarlierOne() throws Exception {
        CompletableFuture<String> quick = new CompletableFuture<>();
        replies.schedule(() -> quick.complete("first"), 10, TimeUnit.MILLISECONDS);
        assertThat(watchdog.get(quick, 50)).isEqualTo("first");
        // The first wait's bound passes while nothing waits, then while the second waits for its reply.
        Thread.sleep(100);
        CompletableFuture<String> slow = new CompletableFuture<>();
        replies.schedule(() -> slow.complete("second"), 400, TimeUnit.MILLISECONDS);

        assertThat(watchdog.get(slow, 10_000)).isEqualTo("second");
    }

    @Test
    void aNestedWaitPutsTheOuterWaitBackUnderItsBound() throws Exception {
        // As a thread helping a fork-join pool does: a wait starts while the thread's outer wait is armed.
        CompletableFuture<String> outer = new CompletableFuture<>();
        watchdog.watchOfThisThread().arm(outer, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(200));
        CompletableFuture<String> inner = new CompletableFuture<>();
        replies.schedule(() -> inner.complete("inner"), 10, TimeUnit.MILLISECONDS);

        assertThat(watchdog.get(inner, 10_000)).isEqualTo("inner");

        Thread.sleep(600);
        assertThat(outer.isCompletedExceptionally()).as("the outer wait, past its bound, was ended").isTrue();
        watchdog.watchOfThisThread().disarm();
    }

    @Test
    void aWaitInterruptedEndsAtOnceAndLeavesTheReplyAlone() throws Exception {
        CompletableFuture<String> never = new CompletableFuture<>();
        List<Throwable> thrown = new ArrayList<>();
        Thread waiter = new Thread(() -> thrown.add(catchThrowable(() -> watchdog.get(never, 10_000))));
        waiter.start();
        Eventually.await(Duration.ofSeconds(5), "the waiter parked", () -> waiter.getState() == Thread.State.WAITING);

        waiter.interrupt();
        waiter.join(5_000);

        assertThat(thrown).singleElement().isInstanceOf(InterruptedException.class);
        assertThat(never).isNotDone();
    }

    @Test
    void theWatchesOfEndedThreadsAreDropped() throws Exception {
        for (int i = 0; i < 20; i++) {
            CompletableFuture<String> reply = new CompletableFuture<>();
            replies.schedule(() -> reply.complete("value"), 20, TimeUnit.MILLISECONDS);
            Thread waiter = new Thread(() -> {
                try {
                    watchdog.get(reply, 5_000);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            waiter.start();
            waiter.join();
        }
        assertThat(watchdog.enlistedCount()).isPositive();

        Eventually.await(Duration.ofSeconds(10), "the ended threads' watches dropped", () -> {
            System.gc();
            return watchdog.enlistedCount() == 0;
        });

        assertThat(watchdog.enlistedCount()).isZero();
    }

    @Test
    void afterCloseTheThreadEndsAndWaitsAreStillBounded() throws Exception {
        watchdog.close();
        Eventually.await(Duration.ofSeconds(5), "the watchdog's thread ended", () -> !watchdog.isRunning());
        assertThat(watchdog.isRunning()).isFalse();

        Throwable thrown = catchThrowable(() -> watchdog.get(new CompletableFuture<>(), 200));

        assertThat(thrown).isInstanceOf(TimeoutException.class);
    }
}
