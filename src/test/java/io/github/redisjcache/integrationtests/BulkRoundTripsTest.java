package io.github.redisjcache.integrationtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import javax.cache.Cache;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.redisjcache.integrationtests.MeasuredCaches.Sent;
import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.RespClient;

/**
 * The rule for operations on many entries: {@code getAll}, {@code putAll} and {@code removeAll(keys)} are one
 * round trip per Redis node, here one standalone server, for 100 keys: every command in one pipeline.
 */
@RedisTest
class BulkRoundTripsTest {

    private static final int KEYS = 100;

    private MeasuredCaches caches;
    private Cache<String, Integer> cache;

    @BeforeEach
    void open(RespClient redis) {
        caches = new MeasuredCaches(redis);
    }

    @AfterEach
    void close() {
        caches.close();
    }

    private void create(ExpiryPolicies policy) {
        cache = caches.create("bulk-" + policy.name().toLowerCase(), policy.configuration());
    }

    private static Map<String, Integer> entries(String prefix) {
        Map<String, Integer> entries = new LinkedHashMap<>();
        for (int i = 0; i < KEYS; i++) {
            entries.put(prefix + i, i);
        }
        return entries;
    }

    private static Set<String> keys(String prefix) {
        return new LinkedHashSet<>(entries(prefix).keySet());
    }

    private static void assertOnePipelineOf(Sent sent, String command) {
        assertOnePipelineOf(sent, command, KEYS);
    }

    private static void assertOnePipelineOf(Sent sent, String command, int count) {
        assertThat(sent.commands()).as("commands sent: %s", sent).isEqualTo(Map.of(command, (long) count));
        assertThat(sent.roundTrips()).as("round trips: %s", sent).isEqualTo(1);
        assertThat(sent.ran()).as("commands run: %s", sent).containsEntry(command, (long) count)
                .doesNotContainKeys("eval", "script|load");
    }

    @ParameterizedTest
    @EnumSource(ExpiryPolicies.class)
    void getAllIsOneRoundTrip(ExpiryPolicies policy) {
        create(policy);
        cache.putAll(entries("warm-"));
        cache.putAll(entries("k-"));
        cache.getAll(keys("warm-"));

        Sent sent = caches.measure(() -> assertThat(cache.getAll(keys("k-"))).isEqualTo(entries("k-")));

        // Without access expiry, one MGET reads them all on a standalone server (one per hash slot on a cluster).
        if (policy.expiresOnAccess()) {
            assertOnePipelineOf(sent, "getex");
        } else {
            assertOnePipelineOf(sent, "mget", 1);
        }
    }

    @ParameterizedTest
    @EnumSource(ExpiryPolicies.class)
    void putAllIsOneRoundTrip(ExpiryPolicies policy) {
        create(policy);
        cache.putAll(entries("warm-"));

        Sent sent = caches.measure(() -> cache.putAll(entries("k-")));

        if (!policy.expiresOnCreation()) {
            // Entries that never expire: one MSET on a standalone server (one per hash slot on a cluster).
            assertOnePipelineOf(sent, "mset", 1);
        } else if (MeasuredCaches.MULTI_SET_WITH_EXPIRY) {
            // Redis 8.4: one MSETEX, which here creates them all, as the cache's latest putAll did.
            assertOnePipelineOf(sent, "msetex", 1);
        } else if (policy.putIsOneSet()) {
            // The same time to live for created and updated entries: a SET PX each, which costs Redis less than a
            // script's calls of it.
            assertOnePipelineOf(sent, "set");
        } else {
            // A time to live that depends on whether the entry existed: one call of putall.lua for them all.
            assertOnePipelineOf(sent, "evalsha", 1);
        }
        assertThat(cache.getAll(keys("k-"))).isEqualTo(entries("k-"));
    }

    /**
     * Under the Created policy a putAll must learn which entries exist: it first tries what most entries of the
     * cache's latest putAll needed, creating or updating. On Redis 8.4 that is one MSETEX, with the script after it
     * when the entries turn out mixed or the other way; before, the script's first command for each entry.
     */
    @Test
    void aPutAllThatKeepsTimesToLiveFirstTriesWhatTheLatestOneNeeded() {
        create(ExpiryPolicies.CREATED);
        Map<String, Integer> mixed = new LinkedHashMap<>();
        for (int i = 0; i < KEYS / 2; i++) {
            mixed.put("k-" + i, -i);
            mixed.put("new-" + i, i);
        }

        // A new cache guesses that a putAll creates: right, then wrong, then right again after learning.
        assertPutAll(entries("k-"), 1, KEYS);
        assertPutAll(entries("k-"), 2, 2 * KEYS);
        assertPutAll(entries("k-"), 1, KEYS);
        // Half exist: updating first is right for half of them.
        assertPutAll(mixed, 2, KEYS + KEYS / 2);
    }

    /**
     * @param roundTrips   the round trips on Redis 8.4 (MSETEX, then the script when it set nothing)
     * @param scriptedSets the SETs the script runs, before Redis 8.4
     */
    private void assertPutAll(Map<String, Integer> entries, int roundTrips, long scriptedSets) {
        Sent sent = caches.measure(() -> cache.putAll(entries));

        if (MeasuredCaches.MULTI_SET_WITH_EXPIRY) {
            assertThat(sent.commands()).as("commands sent: %s", sent).containsEntry("msetex", 1L)
                    .hasSize(roundTrips);
            assertThat(sent.roundTrips()).as("round trips: %s", sent).isEqualTo(roundTrips);
        } else {
            assertOnePipelineOf(sent, "evalsha", 1);
            assertThat(sent.ran()).as("commands run: %s", sent).containsEntry("set", scriptedSets)
                    .doesNotContainKey("exists");
        }
        assertThat(cache.getAll(entries.keySet())).isEqualTo(entries);
    }

    @ParameterizedTest
    @EnumSource(ExpiryPolicies.class)
    void removeAllOfKeysIsOneRoundTrip(ExpiryPolicies policy) {
        create(policy);
        cache.putAll(entries("warm-"));
        cache.putAll(entries("k-"));
        cache.removeAll(keys("warm-"));

        Sent sent = caches.measure(() -> cache.removeAll(keys("k-")));

        // Nobody listens: one UNLINK deletes them all on a standalone server (one per hash slot on a cluster).
        assertOnePipelineOf(sent, "unlink", 1);
        assertThat(cache.getAll(keys("k-"))).isEmpty();
    }
}
