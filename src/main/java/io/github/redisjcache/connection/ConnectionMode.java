package io.github.redisjcache.connection;

/** The Redis deployments a connection can talk to. */
public enum ConnectionMode {
    /** One Redis server (possibly with replicas the client does not know about). */
    STANDALONE,
    /** A master and its replicas, found and failed over by Redis Sentinel. */
    SENTINEL,
    /** A Redis Cluster: keys sharded over several masters by hash slot. */
    CLUSTER
}
