package io.github.redisjcache.integrationtests;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.redisjcache.testing.ClusterPerClass;

/** The same races, between two JVMs on a local Redis Cluster of 3 masters and 3 replicas. */
class ClusterCrossJvmAtomicityTest extends CrossJvmAtomicityTest {

    @RegisterExtension
    static final ClusterPerClass CLUSTER = new ClusterPerClass();

    @BeforeEach
    void emptyCluster() {
        CLUSTER.cluster().flushAll();
    }

    @Override
    String redisUri() {
        return CLUSTER.cluster().uri();
    }
}
