package io.github.redisjcache.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InstancePoolTest {

    private final AtomicInteger made = new AtomicInteger();
    private final InstancePool<Object> pool = new InstancePool<>(8, () -> {
        made.incrementAndGet();
        return new Object();
    });

    @Test
    void makesAnInstanceWhenNoneIsPooled() {
        Object first = pool.obtain();
        Object second = pool.obtain();

        assertThat(first).isNotSameAs(second);
        assertThat(made).hasValue(2);
    }

    @Test
    void aThreadGetsBackTheInstanceItGaveBack() {
        Object instance = pool.obtain();
        pool.free(instance);

        assertThat(pool.obtain()).isSameAs(instance);
        assertThat(made).hasValue(1);
    }

    @Test
    void dropsWhatItHasNoFreeSlotFor() {
        List<Object> given = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            given.add(new Object());
        }
        given.forEach(pool::free);

        Map<Object, Boolean> back = new IdentityHashMap<>();
        for (int i = 0; i < 100; i++) {
            back.put(pool.obtain(), true);
        }
        long reused = given.stream().filter(back::containsKey).count();
        // One thread reaches the few slots next to its own; the rest are dropped, never kept without bound.
        assertThat(reused).isBetween(1L, 8L);
        assertThat(made.get()).isEqualTo(100 - (int) reused);
    }

    @Test
    void neverHandsOneInstanceToTwoThreadsAtOnce() throws InterruptedException {
        InstancePool<AtomicBoolean> inUse = new InstancePool<>(4, AtomicBoolean::new);
        AtomicInteger sharedAtOnce = new AtomicInteger();
        int threads = 16;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> {
                awaitQuietly(start);
                for (int i = 0; i < 50_000; i++) {
                    AtomicBoolean instance = inUse.obtain();
                    if (!instance.compareAndSet(false, true)) {
                        sharedAtOnce.incrementAndGet();
                    }
                    instance.set(false);
                    inUse.free(instance);
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }

        assertThat(sharedAtOnce).hasValue(0);
    }

    @Test
    void takesOnlyAPowerOfTwoOfSlots() {
        assertThatThrownBy(() -> new InstancePool<>(6, Object::new))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("power of two");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
