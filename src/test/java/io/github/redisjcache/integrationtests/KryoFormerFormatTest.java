package io.github.redisjcache.integrationtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.integration.CacheWriter;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.redisjcache.codec.ClassAllowList;
import io.github.redisjcache.codec.KryoCodec;
import io.github.redisjcache.config.RedisCacheConfiguration;
import io.github.redisjcache.keys.CacheKeys;
import io.github.redisjcache.keys.KeyNames;
import io.github.redisjcache.support.CacheManagers;
import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.RespClient;

/**
 * The kryo codec writes a value of exactly its declared type without its class name (format 2); entries that
 * earlier releases wrote with it (format 1) stay readable, and conditional operations still find the values they
 * hold, with or without reading the entry first (a writer makes them read it). Keys keep format 1, so that entries
 * keep their names in Redis.
 */
@RedisTest
class KryoFormerFormatTest {

    /** The value type. */
    public record Part(String name, int count) {
    }

    /** A key type stored by the codec (not as text). */
    public record PartId(long id) {
    }

    /** Records the keys written through it. */
    public static final class RecordingWriter implements CacheWriter<String, Part> {
        static final List<String> WRITTEN = new CopyOnWriteArrayList<>();

        @Override
        public void write(Cache.Entry<? extends String, ? extends Part> entry) {
            WRITTEN.add(entry.getKey());
        }

        @Override
        public void writeAll(java.util.Collection<Cache.Entry<? extends String, ? extends Part>> entries) {
            entries.forEach(this::write);
        }

        @Override
        public void delete(Object key) {
            WRITTEN.add("-" + key);
        }

        @Override
        public void deleteAll(java.util.Collection<?> keys) {
            keys.forEach(this::delete);
        }
    }

    private static final Part BOLT = new Part("bolt", 3);
    private static final Part NUT = new Part("nut", 5);

    /** Writes bytes the way an earlier release did: every class named. */
    private final KryoCodec earlierRelease = new KryoCodec(
            ClassAllowList.defaults().withTypes(Part.class, PartId.class), null).namingEveryClass();
    private final CacheManager manager = CacheManagers.onTestRedis();

    @AfterEach
    void destroy() {
        for (String name : manager.getCacheNames()) {
            if (name.startsWith("kryo-former")) {
                manager.destroyCache(name);
            }
        }
    }

    @ParameterizedTest(name = "writer: {0}")
    @ValueSource(booleans = {false, true})
    void conditionalOperationsFindTheValueOfAnEntryOfTheFormerFormat(boolean withWriter, RespClient redis) {
        String name = "kryo-former-" + withWriter;
        RedisCacheConfiguration<String, Part> configuration = kryo(String.class);
        if (withWriter) {
            RecordingWriter.WRITTEN.clear();
            configuration.setCacheWriterFactory(FactoryBuilder.factoryOf(RecordingWriter.class)).setWriteThrough(true);
        }
        Cache<String, Part> cache = manager.createCache(name, configuration);
        CacheKeys keys = KeyNames.defaults().cache(name);
        byte[] former = earlierRelease.encode(BOLT, Part.class);
        assertThat(former[1]).isEqualTo((byte) 1);
        for (String key : List.of("a", "b", "c")) {
            redis.call(bytes("SET"), keys.entryOfText(key), former);
        }

        assertThat(cache.get("a")).isEqualTo(BOLT);
        assertThat(cache.replace("a", NUT, BOLT)).isFalse();
        assertThat(cache.replace("a", BOLT, NUT)).isTrue();
        assertThat(cache.get("a")).isEqualTo(NUT);
        assertThat(stored(redis, keys, "a")[1]).isEqualTo((byte) 2);
        assertThat(cache.remove("b", NUT)).isFalse();
        assertThat(cache.remove("b", BOLT)).isTrue();
        assertThat(cache.containsKey("b")).isFalse();
        // An entry written in the current format compares as before.
        cache.put("d", BOLT);
        // Without the class name and the two varints before it.
        assertThat(stored(redis, keys, "d")).hasSize(former.length - Part.class.getName().length() - 2);
        assertThat(cache.replace("d", BOLT, NUT)).isTrue();
        assertThat(stored(redis, keys, "c")).isEqualTo(former);
        if (withWriter) {
            assertThat(RecordingWriter.WRITTEN).containsExactly("a", "-b", "d", "d");
        }
    }

    @Test
    void everyReadFindsEntriesOfTheFormerFormat(RespClient redis) {
        Cache<String, Part> cache = manager.createCache("kryo-former-reads", kryo(String.class));
        CacheKeys keys = KeyNames.defaults().cache("kryo-former-reads");
        for (String key : List.of("x", "y", "z")) {
            redis.call(bytes("SET"), keys.entryOfText(key), earlierRelease.encode(BOLT, Part.class));
        }

        assertThat(cache.getAll(Set.of("x", "y", "w"))).containsOnly(
                Map.entry("x", BOLT), Map.entry("y", BOLT));
        Integer count = cache.invoke("x", (entry, arguments) -> {
            entry.setValue(new Part(entry.getValue().name(), entry.getValue().count() + 1));
            return entry.getValue().count();
        });
        assertThat(count).isEqualTo(4);
        assertThat(stored(redis, keys, "x")[1]).isEqualTo((byte) 2);
        assertThat(cache.get("x")).isEqualTo(new Part("bolt", 4));
        assertThat(cache.putIfAbsent("y", NUT)).isFalse();
        assertThat(cache.getAndReplace("y", NUT)).isEqualTo(BOLT);
        assertThat(cache.getAndRemove("z")).isEqualTo(BOLT);
        Map<String, Part> all = new HashMap<>();
        cache.forEach(entry -> all.put(entry.getKey(), entry.getValue()));
        assertThat(all).containsOnly(Map.entry("x", new Part("bolt", 4)), Map.entry("y", NUT));
    }

    @Test
    void keysKeepTheFormatOfEarlierReleases(RespClient redis) {
        Cache<PartId, Part> cache = manager.createCache("kryo-former-keys", kryo(PartId.class));
        CacheKeys keys = KeyNames.defaults().cache("kryo-former-keys");

        cache.put(new PartId(7), BOLT);

        byte[] entryKey = keys.entry(earlierRelease.encode(new PartId(7), PartId.class));
        assertThat(redis.call(bytes("EXISTS"), entryKey)).isEqualTo(1L);
        assertThat(cache.iterator().next().getKey()).isEqualTo(new PartId(7));
    }

    /** A kryo cache of parts under keys of the given type. */
    private static <K> RedisCacheConfiguration<K, Part> kryo(Class<K> keyType) {
        RedisCacheConfiguration<K, Part> configuration = new RedisCacheConfiguration<K, Part>().setCodec("kryo");
        configuration.setTypes(keyType, Part.class);
        return configuration;
    }

    private static byte[] stored(RespClient redis, CacheKeys keys, String key) {
        return (byte[]) redis.call(bytes("GET"), keys.entryOfText(key));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
