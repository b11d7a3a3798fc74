package io.github.redisjcache.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.config.Config;

/** What the factory sets on every Redisson configuration, whether built from our settings or a Redisson file. */
class RedissonConfigFactoryTest {

    @TempDir
    Path dir;

    @Test
    void ourSettingsGiveBytesNoScriptRewritingAndNoReferenceLookups() {
        assertAlwaysSet(create(ConnectionSettings.fromUri("redis://127.0.0.1:7000")));
    }

    @Test
    void aRedissonFileGetsTheSameWhateverItSays() throws IOException {
        Path file = Files.writeString(dir.resolve("redisson.yaml"), """
                singleServerConfig:
                  address: "redis://127.0.0.1:7000"
                referenceEnabled: true
                useScriptCache: true
                """);

        assertAlwaysSet(create(ConnectionSettings.fromRedissonYaml(file.toString())));
    }

    private static Config create(ConnectionSettings settings) {
        return RedissonConfigFactory.create(settings, RedissonConfigFactoryTest.class.getClassLoader());
    }

    private static void assertAlwaysSet(Config config) {
        assertThat(config.getCodec()).isSameAs(ByteArrayCodec.INSTANCE);
        assertThat(config.isUseScriptCache()).isFalse();
        assertThat(config.isReferenceEnabled()).isFalse();
    }
}
