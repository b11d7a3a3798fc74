package io.github.redisjcache.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A shutdown that hangs, as Netty's io_uring event loop can, does not hang the close that runs it. */
class BoundedShutdownTest {

    @Test
    @Timeout(10)
    void aShutdownThatHangsIsLeftBehindAfterTheBound() throws InterruptedException {
        CountDownLatch never = new CountDownLatch(1);
        long start = System.nanoTime();

        boolean finished = BoundedShutdown.run(() -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, Duration.ofMillis(300), "redis://127.0.0.1:1");

        Duration waited = Duration.ofNanos(System.nanoTime() - start);
        assertThat(finished).isFalse();
        assertThat(waited).isBetween(Duration.ofMillis(250), Duration.ofSeconds(5));
        never.countDown();
    }

    @Test
    void aShutdownThatFinishesIsWaitedFor() {
        AtomicBoolean ran = new AtomicBoolean();

        assertThat(BoundedShutdown.run(() -> ran.set(true), Duration.ofSeconds(10), "redis://127.0.0.1:1")).isTrue();
        assertThat(ran).isTrue();
    }

    @Test
    void aShutdownThatFailsInTimeFailsTheCaller() {
        assertThatThrownBy(() -> BoundedShutdown.run(() -> {
            throw new IllegalStateException("already shut down");
        }, Duration.ofSeconds(10), "redis://127.0.0.1:1")).isInstanceOf(IllegalStateException.class)
                .hasMessage("already shut down");
    }
}
