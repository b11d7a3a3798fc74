package io.github.redisjcache.integrationtests;

import static io.github.redisjcache.integrationtests.MeasuredCaches.KEY;
import static io.github.redisjcache.integrationtests.MeasuredCaches.WARM_UP_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

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
 * The rule for single-entry operations: each is one round trip to Redis, expiry included, and one native
 * command where one suffices, else one script called by SHA. Caches here have no listeners (with listeners, writes
 * go through the script that publishes the events).
 */
@RedisTest
class SingleEntryRoundTripsTest {

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
        cache = caches.create("round-trips-" + policy.name().toLowerCase(), policy.configuration());
    }

    private void present() {
        cache.put(WARM_UP_KEY, 1);
        cache.put(KEY, 1);
    }

    private static void assertOne(Sent sent, String command) {
        assertThat(sent.commands()).as("commands sent: %s", sent).isEqualTo(Map.of(command, 1L));
        assertThat(sent.roundTrips()).as("round trips: %s", sent).isEqualTo(1);
        // Redis agrees, and a script ran from its cache: no EVAL with the source, no SCRIPT LOAD.
        assertThat(sent.ran()).as("commands run: %s", sent).containsEntry(command, 1L)
                .doesNotContainKeys("eval", "script|load");
    }

    @ParameterizedTest
    @EnumSource(ExpiryPolicies.class)
    void getIsAPlainGetOrAGetexWhenReadsSetTheExpiry(ExpiryPolicies policy) {
        create(policy);
        present();

        Sent sent = caches.measure(key -> assertThat(cache.get(key)).isEqualTo(1));

        assertOne(sent, policy.expiresOnAccess() ? "getex" : "get");
    }

    @ParameterizedTest
    @EnumSource(ExpiryPolicies.class)
    void aMissIsOneCommandToo(ExpiryPolicies policy) {
        create(policy);

        Sent sent = caches.measure(key -> assertThat(cache.get(key)).isNull());

        assertOne(sent, policy.expiresOnAccess() ? "getex" : "get");
    }

    @ParameterizedTest
    @EnumSource(ExpiryPolicies.class)
    void containsKeyIsOneExists(ExpiryPolicies policy) {
        create(policy);
        present();

        Sent sent = caches.measure(key -> assertThat(cache.containsKey(key)).isTrue());

        assertOne(sent, "exists");
    }

    /**
     * Puts that update. Under the Created and Accessed policies no one SET both gives a created entry the time to live
     * and leaves an updated one's as it was: a put sends the SET (NX PX, or XX KEEPTTL) that the latest puts took, and
     * the other when it fails, so that puts that keep updating are one SET each.
     */
    private void updateSeveralTimes() {
        for (int i = 0; i < 3; i++) {
            cache.put(WARM_UP_KEY, 1);
            cache.put(KEY, 1);
        }
    }

    @ParameterizedTest
    @EnumSource(ExpiryPolicies.class)
    void putIsOneSet(ExpiryPolicies policy) {
        create(policy);
        present();
        updateSeveralTimes();

        Sent sent = caches.measure(key -> cache.put(key, 2));

        assertOne(sent, "set");
        assertThat(cache.get(KEY)).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(ExpiryPolicies.class)
    void getAndPutIsOneSetGet(ExpiryPolicies policy) {
        create(policy);
        present();
        updateSeveralTimes();

        Sent sent = caches.measure(key -> assertThat(cache.getAndPut(key, 2)).isEqualTo(1));

        assertOne(sent, "set");
    }

    @ParameterizedTest
    @EnumSource(value = ExpiryPolicies.class, names = {"CREATED", "ACCESSED"})
    void aPutThatUpdatesAfterPutsThatCreatedIsTwoSets(ExpiryPolicies policy) {
        create(policy);
        present();

        Sent sent = caches.measure(() -> cache.put(KEY, 2));

        assertThat(sent.commands()).as("commands sent: %s", sent).isEqualTo(Map.of("set", 2L));
        assertThat(sent.roundTrips()).as("round trips: %s", sent).isEqualTo(2);
        assertThat(cache.get(KEY)).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(ExpiryPolicies.class)
    void putIfAbsentIsOneSetNx(ExpiryPolicies policy) {
        create(policy);

        Sent sent = caches.measure(key -> assertThat(cache.putIfAbsent(key, 1)).isTrue());

        assertOne(sent, "set");
    }

    @ParameterizedTest
    @EnumSource(ExpiryPolicies.class)
    void putIfAbsentOnAPresentEntryIsOneSetNxToo(ExpiryPolicies policy) {
        create(policy);
        present();

        Sent sent = caches.measure(key -> assertThat(cache.putIfAbsent(key, 2)).isFalse());

        assertOne(sent, "set");
        assertThat(cache.get(KEY)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(ExpiryPolicies.class)
    void removeIsOneUnlink(ExpiryPolicies policy) {
        create(policy);
        present();

        Sent sent = caches.measure(key -> assertThat(cache.remove(key)).isTrue());

        assertOne(sent, "unlink");
    }

    @ParameterizedTest
    @EnumSource(ExpiryPolicies.class)
    void removeIfEqualIsOneCompareAndDelete(ExpiryPolicies policy) {
        create(policy);
        present();

        Sent sent = caches.measure(key -> assertThat(cache.remove(key, 1)).isTrue());

        // A mismatch must apply the access expiry, which DELEX cannot: then swap.lua.
        assertOne(sent, policy.expiresOnAccess() ? "evalsha" : MeasuredCaches.COMPARE_AND_DELETE);
    }

    @Test
    void aRemoveIfEqualThatFindsOtherBytesReadsThemAfterDelex() {
        create(ExpiryPolicies.PLAIN);
        present();

        Sent sent = caches.measure(key -> assertThat(cache.remove(key, 5)).isFalse());

        // DELEX (DELIFEQ) says only that it deleted nothing; the statistics and a value stored in a former format need
        // the bytes the entry holds, which swap.lua returns at once.
        if (!MeasuredCaches.COMPARE_AND_DELETE.equals("evalsha")) {
            assertThat(sent.commands()).as("%s", sent)
                    .isEqualTo(Map.of(MeasuredCaches.COMPARE_AND_DELETE, 1L, "get", 1L));
            assertThat(sent.roundTrips()).isEqualTo(2);
        } else {
            assertOne(sent, "evalsha");
        }
        assertThat(cache.get(KEY)).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(ExpiryPolicies.class)
    void getAndRemoveIsOneGetdel(ExpiryPolicies policy) {
        create(policy);
        present();

        Sent sent = caches.measure(key -> assertThat(cache.getAndRemove(key)).isEqualTo(1));

        assertOne(sent, "getdel");
    }

    @ParameterizedTest
    @EnumSource(ExpiryPolicies.class)
    void replaceIfEqualIsOneCompareAndSet(ExpiryPolicies policy) {
        create(policy);
        present();

        Sent sent = caches.measure(key -> assertThat(cache.replace(key, 1, 2)).isTrue());

        // A mismatch must apply the access expiry, which SET ... IFEQ cannot: then swap.lua.
        assertOne(sent, policy.expiresOnAccess() ? "evalsha" : MeasuredCaches.COMPARE_AND_SET);
        assertThat(cache.get(KEY)).isEqualTo(2);
    }

    @ParameterizedTest
    @EnumSource(ExpiryPolicies.class)
    void replaceIsOneSetXx(ExpiryPolicies policy) {
        create(policy);
        present();

        Sent sent = caches.measure(key -> assertThat(cache.replace(key, 2)).isTrue());

        assertOne(sent, "set");
    }

    @ParameterizedTest
    @EnumSource(ExpiryPolicies.class)
    void replaceOfAnAbsentEntryIsOneSetXxToo(ExpiryPolicies policy) {
        create(policy);

        Sent sent = caches.measure(key -> assertThat(cache.replace(key, 2)).isFalse());

        assertOne(sent, "set");
        assertThat(cache.containsKey(KEY)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ExpiryPolicies.class)
    void getAndReplaceIsOneSetXxGet(ExpiryPolicies policy) {
        create(policy);
        present();

        Sent sent = caches.measure(key -> assertThat(cache.getAndReplace(key, 2)).isEqualTo(1));

        assertOne(sent, "set");
    }
}
