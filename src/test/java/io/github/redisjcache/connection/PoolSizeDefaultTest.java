package io.github.redisjcache.connection;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The pool size a user does not choose: two connections, four when every write waits for replicas (a WAIT holds its
 * connection until they answer), ten in a Redis Cluster (below ten Redisson can lose a server's connections when it
 * follows a redirection), never fewer than the connections kept idle.
 */
class PoolSizeDefaultTest {

    @Test
    void twoConnectionsByDefault() {
        assertThat(ConnectionSettings.fromUri("redis://h").poolSize()).isEqualTo(2);
    }

    @Test
    void fourConnectionsWhenWritesWaitForReplicas() {
        assertThat(ConnectionSettings.fromUri("redis://h?wait-replicas=1").poolSize()).isEqualTo(4);
    }

    @Test
    void tenConnectionsPerServerInACluster() {
        assertThat(ConnectionSettings.fromUri("redis-cluster://h1,h2").poolSize()).isEqualTo(10);
        assertThat(ConnectionSettings.fromUri("redis-cluster://h1,h2?wait-replicas=1").poolSize()).isEqualTo(10);
        assertThat(ConnectionSettings.fromUri("redis-cluster://h1,h2?min-idle=12").poolSize()).isEqualTo(12);
    }

    @Test
    void aGivenPoolSizeWinsInAClusterToo() {
        assertThat(ConnectionSettings.fromUri("redis-cluster://h1,h2?pool-size=3").poolSize()).isEqualTo(3);
    }

    @Test
    void neverFewerThanTheIdleConnectionsAsked() {
        assertThat(ConnectionSettings.fromUri("redis://h?min-idle=3").poolSize()).isEqualTo(3);
        assertThat(ConnectionSettings.fromUri("redis://h?min-idle=6&wait-replicas=2").poolSize()).isEqualTo(6);
    }

    @Test
    void aGivenPoolSizeWinsOverEveryDefault() {
        assertThat(ConnectionSettings.fromUri("redis://h?pool-size=2&wait-replicas=1").poolSize()).isEqualTo(2);
    }

    @Test
    void aDefaultIsResolvedAgainWhenSettingsAreChangedLater() {
        ConnectionSettings plain = ConnectionSettings.fromUri("redis://h");

        ConnectionSettings acknowledged = plain.toBuilder().set("wait-replicas", "1").build();

        assertThat(acknowledged.poolSize()).isEqualTo(4);
    }

    @Test
    void aGivenPoolSizeStaysGivenWhenSettingsAreChangedLater() {
        ConnectionSettings given = ConnectionSettings.fromUri("redis://h?pool-size=2");

        assertThat(given.toBuilder().set("wait-replicas", "1").build().poolSize()).isEqualTo(2);
    }

    @Test
    void theDefaultAndTheSameSizeGivenShareOneClient() {
        assertThat(ConnectionSettings.fromUri("redis://h"))
                .isEqualTo(ConnectionSettings.fromUri("redis://h?pool-size=2"));
    }
}
