package io.github.redisjcache.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A local Redis Cluster of 3 masters with a replica each, started once for a test class and stopped after it:
 * {@code @RegisterExtension static final ClusterPerClass CLUSTER = new ClusterPerClass();}.
 */
public final class ClusterPerClass implements BeforeAllCallback, AfterAllCallback {

    private RedisCluster cluster;

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = RedisCluster.start(3, 1);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.close();
            cluster = null;
        }
    }

    /** @return the running cluster */
    public RedisCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("The cluster runs only while its test class runs");
        }
        return cluster;
    }
}
