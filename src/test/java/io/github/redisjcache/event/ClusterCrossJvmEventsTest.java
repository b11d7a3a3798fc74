package io.github.redisjcache.event;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import io.github.redisjcache.testing.RedisCluster;

/** The same listener and expiry events between two JVMs, on a local Redis Cluster of 3 masters and 3 replicas. */
class ClusterCrossJvmEventsTest extends CrossJvmEventsTest {

    private static RedisCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = RedisCluster.start(3, 1);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    String redisUri() {
        return cluster.uri();
    }
}
