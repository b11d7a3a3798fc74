package io.github.redisjcache.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import ch.qos.logback.classic.Level;
import io.github.redisjcache.support.LogCapture;

/**
 * A Redis Cluster configured with fewer than ten connections per server is warned about when its Redisson
 * configuration is made: below ten, Redisson can lose a server's connections for good while following redirections.
 */
class ClusterPoolWarningTest {

    @TempDir
    Path dir;

    @Test
    void aSmallPoolInAClusterIsWarnedAbout() {
        String text = warningsFor(ConnectionSettings.fromUri("redis-cluster://127.0.0.1:7000?pool-size=2"));

        assertThat(text).contains("pool-size 2 in a Redis Cluster", "MOVED or ASK", "use 10 or more");
    }

    @Test
    void theClusterDefaultIsNotWarnedAbout() {
        assertThat(warningsFor(ConnectionSettings.fromUri("redis-cluster://127.0.0.1:7000"))).isEmpty();
    }

    @Test
    void aSmallPoolOnOneServerIsNotWarnedAbout() {
        assertThat(warningsFor(ConnectionSettings.fromUri("redis://127.0.0.1:7000?pool-size=1"))).isEmpty();
    }

    @Test
    void aRedissonFileWithASmallClusterPoolIsWarnedAbout() throws IOException {
        Path file = Files.writeString(dir.resolve("redisson.yaml"), """
                clusterServersConfig:
                  nodeAddresses:
                  - "redis://127.0.0.1:7000"
                  masterConnectionPoolSize: 4
                """);

        String text = warningsFor(ConnectionSettings.fromRedissonYaml(file.toString()));

        assertThat(text).contains("pool-size 4 in a Redis Cluster");
    }

    private static String warningsFor(ConnectionSettings settings) {
        try (LogCapture log = LogCapture.of(RedissonConfigFactory.class)) {
            RedissonConfigFactory.create(settings, ClusterPoolWarningTest.class.getClassLoader());
            StringBuilder text = new StringBuilder();
            log.events().stream().filter(event -> event.getLevel() == Level.WARN)
                    .forEach(event -> text.append(event.getFormattedMessage()).append('\n'));
            return text.toString();
        }
    }
}
