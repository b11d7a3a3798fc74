package io.github.redisjcache.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.github.redisjcache.database.Database;
import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.RespClient;
import io.github.redisjcache.testing.TestRedis;

/** A Redisson YAML file as the whole connection configuration, used for real against the test Redis. */
@RedisTest
class RedissonYamlSettingsTest {

    @TempDir
    Path dir;

    private Path redissonFile(int database) throws IOException {
        String yaml = """
                singleServerConfig:
                  address: "redis://%s:%d"
                  database: %d
                  timeout: 2000
                  connectionPoolSize: 2
                  connectionMinimumIdleSize: 1
                  subscriptionConnectionPoolSize: 1
                  subscriptionConnectionMinimumIdleSize: 1
                  clientName: "from-yaml"
                nettyThreads: 2
                """.formatted(TestRedis.get().host(), TestRedis.get().port(), database);
        return Files.writeString(dir.resolve("redisson.yaml"), yaml);
    }

    @Test
    void aRedissonFileConnectsWhereItSays(RespClient redis) throws IOException {
        Path file = redissonFile(0);

        try (Database db = Database.connect(ConnectionSettings.fromRedissonYaml(file.toString()))) {
            db.set("from:yaml", "pong");

            assertThat(db.get("from:yaml")).isEqualTo("pong");
            assertThat(redis.callString("GET", "from:yaml")).isEqualTo("pong");
            assertThat(db.connection().mode()).isEqualTo(ConnectionMode.STANDALONE);
        }
    }

    @Test
    void theRedissonFileIsReallyApplied(RespClient redis) throws IOException {
        // Database 3 and the client name come only from the file: seeing them proves it was read.
        Path file = redissonFile(3);

        try (Database db = Database.connect(ConnectionSettings.fromRedissonYaml(file.toUri().toString()))) {
            db.set("in:three", "yes");

            assertThat(redis.callString("GET", "in:three")).isNull();
            redis.select(3);
            assertThat(redis.callString("GET", "in:three")).isEqualTo("yes");
            assertThat(redis.callString("CLIENT", "LIST")).contains("name=from-yaml");
        }
    }

    @Test
    void theSettingsDescribeTheFileAndCompareByIt() throws IOException {
        Path file = redissonFile(0);
        ConnectionSettings settings = ConnectionSettings.fromRedissonYaml(file.toString());

        assertThat(settings.redissonConfig()).isEqualTo(file.toString());
        assertThat(settings.describe()).isEqualTo("redisson-config " + file);
        assertThat(settings).isEqualTo(ConnectionSettings.fromRedissonYaml(file.toString()));
        assertThat(settings).isNotEqualTo(ConnectionSettings.fromRedissonYaml(file.toUri().toString()));
    }

    @Test
    void aMissingFileIsRefusedNamingTheSettingBeforeConnecting() {
        Path missing = dir.resolve("absent.yaml");
        int connectionsBefore = ConnectionRegistry.openConnections();

        InvalidSettingException failure = catchThrowableOfType(InvalidSettingException.class,
                () -> Database.connect(ConnectionSettings.fromRedissonYaml(missing.toString())));

        assertThat(failure.setting()).isEqualTo("connection.redisson-config");
        assertThat(failure).hasMessageContaining("no readable file").hasMessageContaining("absent.yaml");
        assertThat(ConnectionRegistry.openConnections()).isEqualTo(connectionsBefore);
    }

    @Test
    void aFileThatIsNoRedissonConfigurationIsRefused() throws IOException {
        Path file = Files.writeString(dir.resolve("bad.yaml"), "singleServerConfig: [this, is, not, it]\n");

        InvalidSettingException failure = catchThrowableOfType(InvalidSettingException.class,
                () -> Database.connect(ConnectionSettings.fromRedissonYaml(file.toString())));

        assertThat(failure.setting()).isEqualTo("connection.redisson-config");
        assertThat(failure).hasMessageContaining("cannot read Redisson configuration");
    }

    @Test
    void aRedissonFileCannotBeCombinedWithAUri() {
        InvalidSettingException failure = catchThrowableOfType(InvalidSettingException.class,
                () -> ConnectionSettings.builder().uri("redis://h").redissonConfig("file:/x.yaml").build());

        assertThat(failure.setting()).isEqualTo("connection.redisson-config");
        assertThat(failure).hasMessageContaining("cannot be combined with connection.uri");
    }
}
