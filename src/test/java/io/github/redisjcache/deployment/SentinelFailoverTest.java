package io.github.redisjcache.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;

import org.junit.jupiter.api.Test;

import io.github.redisjcache.support.CacheManagers;
import io.github.redisjcache.testing.RedisSentinels;

/**
 * Failover with Redis Sentinel: a writer keeps writing through the cache while the master is killed; writes and
 * reads resume once the sentinels promote the replica, and the test reports how long that took and which
 * acknowledged writes were lost.
 */
class SentinelFailoverTest {

    @Test
    void writesAndReadsResumeAfterTheMasterDies() throws Exception {
        Result result = runFailover("");
        System.out.printf("Sentinel failover: writes resumed %d ms after the master was killed; %d of %d "
                + "acknowledged writes lost (asynchronous replication)%n", result.outage.toMillis(), result.lost,
                result.acknowledged);
        assertThat(result.outage).isLessThan(Duration.ofSeconds(30));
        // Asynchronous replication can lose only writes made just before the master died.
        assertThat(result.lost).isLessThanOrEqualTo(result.acknowledgedInLastSecond);
    }

    @Test
    void writesAcknowledgedByAReplicaSurviveTheFailover() throws Exception {
        // With one replica, writes can be acknowledged again only once the old master is back, as a replica.
        Result result = runFailover("?wait-replicas=1&wait-timeout=500ms", true);
        System.out.printf("Sentinel failover with wait-replicas=1: writes resumed %d ms after the master was killed"
                + " (the old master restarted as a replica); %d of %d acknowledged writes lost%n",
                result.outage.toMillis(), result.lost, result.acknowledged);
        assertThat(result.outage).isLessThan(Duration.ofSeconds(45));
        assertThat(result.lost).isZero();
    }

    private Result runFailover(String parameters) throws Exception {
        return runFailover(parameters, false);
    }

    private Result runFailover(String parameters, boolean restartOldMaster) throws Exception {
        try (RedisSentinels sentinels = RedisSentinels.start("mymaster")) {
            String uri = sentinels.uri().replace("#", parameters + "#");
            CacheManager manager = CacheManagers.provider().getCacheManager(URI.create(uri),
                    getClass().getClassLoader());
            try {
                Cache<Integer, Integer> cache = manager.createCache("failover",
                        new MutableConfiguration<Integer, Integer>().setTypes(Integer.class, Integer.class));
                List<Integer> acknowledged = new ArrayList<>();
                List<Long> acknowledgedAt = new ArrayList<>();
                AtomicBoolean failing = new AtomicBoolean();
                long killedAt = 0;
                long resumedAt = 0;
                int next = 0;
                long start = System.nanoTime();
                while (System.nanoTime() - start < Duration.ofSeconds(60).toNanos()) {
                    if (killedAt == 0 && next == 200) {
                        var killed = sentinels.killMaster();
                        killedAt = System.nanoTime();
                        if (restartOldMaster) {
                            Thread restarter = new Thread(() -> {
                                sentinels.awaitFailover(Duration.ofSeconds(30));
                                killed.restart();
                            });
                            restarter.setDaemon(true);
                            restarter.start();
                        }
                    }
                    try {
                        cache.put(next, next);
                        acknowledged.add(next);
                        acknowledgedAt.add(System.nanoTime());
                        if (killedAt != 0 && failing.get() && resumedAt == 0) {
                            resumedAt = System.nanoTime();
                        }
                        if (resumedAt != 0 && next > 0 && acknowledged.size() > 250) {
                            break;
                        }
                    } catch (RuntimeException e) {
                        failing.set(true);
                    }
                    next++;
                }
                if (resumedAt == 0 && killedAt != 0) {
                    resumedAt = System.nanoTime();
                }
                long lost = 0;
                long lastSecond = 0;
                for (int i = 0; i < acknowledged.size(); i++) {
                    if (cache.get(acknowledged.get(i)) == null) {
                        lost++;
                    }
                    if (acknowledgedAt.get(i) <= killedAt && killedAt - acknowledgedAt.get(i)
                            < Duration.ofSeconds(1).toNanos()) {
                        lastSecond++;
                    }
                }
                return new Result(Duration.ofNanos(resumedAt - killedAt), lost, acknowledged.size(), lastSecond);
            } finally {
                manager.close();
            }
        }
    }

    private static final class Result {
        private final Duration outage;
        private final long lost;
        private final long acknowledged;
        private final long acknowledgedInLastSecond;

        private Result(Duration outage, long lost, long acknowledged, long acknowledgedInLastSecond) {
            this.outage = outage;
            this.lost = lost;
            this.acknowledged = acknowledged;
            this.acknowledgedInLastSecond = acknowledgedInLastSecond;
        }
    }
}
