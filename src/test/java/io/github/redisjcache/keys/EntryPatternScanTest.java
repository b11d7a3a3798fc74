package io.github.redisjcache.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.RespClient;

/**
 * The entry pattern of a cache, given to a real {@code SCAN MATCH}, finds that cache's entries and nothing of any
 * other cache, whatever glob characters or separators the names hold.
 */
@RedisTest
class EntryPatternScanTest {

    private final KeyNames keys = KeyNames.defaults();

    @Test
    void eachCachesPatternMatchesExactlyItsOwnEntries(RespClient redis) {
        for (String name : CacheNameEscapingTest.TRICKY_NAMES) {
            CacheKeys cache = keys.cache(name);
            redis.call(utf8("SET"), cache.entry(utf8("k1")), utf8("v"));
            redis.call(utf8("SET"), cache.entry(utf8("k:2*")), utf8("v"));
            redis.call(utf8("SET"), utf8(cache.config()), utf8("{}"));
        }

        for (String name : CacheNameEscapingTest.TRICKY_NAMES) {
            CacheKeys cache = keys.cache(name);
            Set<String> expected = Set.of(utf8(cache.entry(utf8("k1"))), utf8(cache.entry(utf8("k:2*"))));

            assertThat(scan(redis, cache.entryPattern())).as("SCAN MATCH of cache %s", name)
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    @Test
    void thePatternOfCacheADoesNotMatchCachesNamedLikeAPatternOrANamespaceOfA(RespClient redis) {
        for (String name : List.of("a", "a:b", "a*", "a?", "a[bc]", "a:b:c")) {
            redis.call(utf8("SET"), keys.cache(name).entry(utf8("x")), utf8(name));
        }

        assertThat(scan(redis, keys.cache("a").entryPattern())).containsExactly("jcache:a:x");
        assertThat(scan(redis, keys.cache("a*").entryPattern())).containsExactly("jcache:a%2A:x");
        assertThat(scan(redis, keys.cache("a:b").entryPattern())).containsExactly("jcache:a%3Ab:x");
    }

    private static List<String> scan(RespClient redis, String pattern) {
        List<String> found = new ArrayList<>();
        String cursor = "0";
        do {
            List<Object> reply = redis.callList("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
            cursor = (String) reply.get(0);
            for (Object key : (List<?>) reply.get(1)) {
                found.add((String) key);
            }
        } while (!"0".equals(cursor));
        return new ArrayList<>(new HashSet<>(found));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
