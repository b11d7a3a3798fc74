package io.github.redisjcache.event;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.redisjcache.testing.ClusterPerClass;

/** The same listener and expiry events between two JVMs, on a local Redis Cluster of 3 masters and 3 replicas. */
class ClusterCrossJvmEventsTest extends CrossJvmEventsTest {

    @RegisterExtension
    static final ClusterPerClass CLUSTER = new ClusterPerClass();

    @Override
    String redisUri() {
        return CLUSTER.cluster().uri();
    }
}
