package io.github.redisjcache.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;

import org.junit.jupiter.api.Test;

import io.github.redisjcache.support.CacheManagers;
import io.github.redisjcache.testing.RedisCluster;
import io.github.redisjcache.testing.RedisServer;

/**
 * Live resharding: slots move between masters while threads keep incrementing counters with {@code invoke} and
 * writing and reading entries; every operation stays correct (redirections are followed).
 */
class ClusterReshardingTest {

    private static final int COUNTERS = 200;

    @Test
    void operationsStayCorrectWhileSlotsMove() throws Exception {
        try (RedisCluster cluster = RedisCluster.start(3, 0)) {
            CacheManager manager = CacheManagers.provider().getCacheManager(URI.create(cluster.uri()),
                    getClass().getClassLoader());
            try {
                Cache<String, Integer> cache = manager.createCache("resharded",
                        new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class));
                for (int i = 0; i < COUNTERS; i++) {
                    cache.put("counter-" + i, 0);
                }
                AtomicBoolean moving = new AtomicBoolean(true);
                AtomicLong increments = new AtomicLong();
                ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
                ExecutorService workers = Executors.newFixedThreadPool(4);
                List<Future<?>> running = new ArrayList<>();
                for (int w = 0; w < 4; w++) {
                    int worker = w;
                    running.add(workers.submit(() -> {
                        int round = 0;
                        while (moving.get() || round < 50) {
                            String counter = "counter-" + (round * 7 + worker) % COUNTERS;
                            cache.invoke(counter, (entry, args) -> {
                                entry.setValue(entry.getValue() + 1);
                                return null;
                            });
                            increments.incrementAndGet();
                            String own = "w" + worker + "-" + round;
                            cache.put(own, round);
                            Integer read = cache.get(own);
                            if (read == null || read != round) {
                                wrong.add(own + " read back as " + read);
                            }
                            round++;
                        }
                    }));
                }
                RedisServer target = cluster.currentMasters().get(1);
                long start = System.nanoTime();
                cluster.migrateSlots(0, 1500, target);
                cluster.migrateSlots(5461, 6500, cluster.currentMasters().get(2));
                System.out.printf("Moved 2,541 slots in %d ms while the workload ran%n",
                        (System.nanoTime() - start) / 1_000_000);
                moving.set(false);
                for (Future<?> future : running) {
                    future.get();
                }
                workers.shutdown();

                long total = 0;
                for (int i = 0; i < COUNTERS; i++) {
                    total += cache.get("counter-" + i);
                }
                System.out.printf("%d increments, %d counted%n", increments.get(), total);
                assertThat(wrong).isEmpty();
                assertThat(total).isEqualTo(increments.get());
            } finally {
                manager.close();
            }
        }
    }
}
