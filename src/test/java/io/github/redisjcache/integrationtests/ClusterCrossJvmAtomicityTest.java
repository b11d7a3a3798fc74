package io.github.redisjcache.integrationtests;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import io.github.redisjcache.testing.RedisCluster;

/** The same races, between two JVMs on a local Redis Cluster of 3 masters and 3 replicas. */
class ClusterCrossJvmAtomicityTest extends CrossJvmAtomicityTest {

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

    @BeforeEach
    void emptyCluster() {
        cluster.flushAll();
    }

    @Override
    String redisUri() {
        return cluster.uri();
    }
}
