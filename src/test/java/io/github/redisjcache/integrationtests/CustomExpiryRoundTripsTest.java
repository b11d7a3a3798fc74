package io.github.redisjcache.integrationtests;

import static io.github.redisjcache.integrationtests.MeasuredCaches.KEY;
import static io.github.redisjcache.integrationtests.MeasuredCaches.WARM_UP_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import javax.cache.Cache;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.redisjcache.integrationtests.MeasuredCaches.Sent;
import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.RespClient;

/**
 * The exception the issue allows: a custom {@code ExpiryPolicy} must be asked about what really happens (creation
 * or update), so a put first learns whether the entry exists, then writes: a second round trip, and no more.
 */
@RedisTest
class CustomExpiryRoundTripsTest {

    private MeasuredCaches caches;
    private Cache<String, Integer> cache;

    @BeforeEach
    void open(RespClient redis) {
        caches = new MeasuredCaches(redis);
        cache = caches.create("custom-expiry", ExpiryPolicies.custom());
    }

    @AfterEach
    void close() {
        caches.close();
    }

    @Test
    void putOfANewEntryIsExistsThenOneWrite(RespClient redis) {
        Sent sent = caches.measure(key -> cache.put(key, 1));

        assertThat(sent.commands()).as("commands sent: %s", sent).isEqualTo(Map.of("exists", 1L, "set", 1L));
        assertThat(sent.roundTrips()).as("round trips: %s", sent).isEqualTo(2);
        // The policy's creation answer, ten minutes, is what the entry got.
        assertThat(redis.callLong("PTTL", entryKey(redis))).isBetween(590_000L, 600_000L);
    }

    @Test
    void putOfAnExistingEntryIsExistsThenOneWrite(RespClient redis) {
        cache.put(WARM_UP_KEY, 1);
        cache.put(KEY, 1);

        Sent sent = caches.measure(key -> cache.put(key, 2));

        assertThat(sent.commands()).as("commands sent: %s", sent).isEqualTo(Map.of("exists", 1L, "set", 1L));
        assertThat(sent.roundTrips()).as("round trips: %s", sent).isEqualTo(2);
        // The policy's update answer, five minutes, replaced the creation's ten.
        assertThat(redis.callLong("PTTL", entryKey(redis))).isBetween(290_000L, 300_000L);
    }

    @Test
    void aGetWhosePolicyLeavesReadsAloneIsOneGet() {
        cache.put(WARM_UP_KEY, 1);
        cache.put(KEY, 1);

        Sent sent = caches.measure(key -> assertThat(cache.get(key)).isEqualTo(1));

        assertThat(sent.commands()).as("commands sent: %s", sent).isEqualTo(Map.of("get", 1L));
        assertThat(sent.roundTrips()).isEqualTo(1);
    }

    @Test
    void putAllIsTwoRoundTripsWhateverTheNumberOfKeys() {
        Map<String, Integer> warmUp = new LinkedHashMap<>();
        Map<String, Integer> entries = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            warmUp.put("warm-" + i, i);
            entries.put("k-" + i, i);
        }
        cache.putAll(warmUp);

        Sent sent = caches.measure(() -> cache.putAll(entries));

        assertThat(sent.commands()).as("commands sent: %s", sent).containsEntry("exists", 100L);
        assertThat(sent.roundTrips()).as("round trips: %s", sent).isEqualTo(2);
    }

    /** The one entry key of the measured key: the only key of the cache besides the warm-up's. */
    private static String entryKey(RespClient redis) {
        for (Object key : redis.callList("KEYS", "*custom-expiry:*")) {
            if (!((String) key).contains(WARM_UP_KEY)) {
                return (String) key;
            }
        }
        throw new AssertionError("no entry of the measured key in Redis");
    }
}
