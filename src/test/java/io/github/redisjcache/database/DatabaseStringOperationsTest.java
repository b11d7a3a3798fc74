package io.github.redisjcache.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.redisjcache.connection.ConnectionSettings;
import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.RespClient;
import io.github.redisjcache.testing.TestRedis;

/** The facade's string, expiry and batch operations, checked against what Redis itself holds afterwards. */
@RedisTest
class DatabaseStringOperationsTest {

    private Database db;

    @BeforeEach
    void connect() {
        db = Database.connect(ConnectionSettings.fromUri(TestRedis.get().uri()));
    }

    @AfterEach
    void disconnect() {
        db.close();
    }

    @Test
    void setStoresThePlainStringThatGetReadsBack(RespClient redis) {
        db.set("user:1", "Ann");

        assertThat(redis.callString("GET", "user:1")).isEqualTo("Ann");
        assertThat(db.get("user:1")).isEqualTo("Ann");
    }

    @Test
    void getReadsAStringWrittenByAnotherClient(RespClient redis) {
        redis.call("SET", "written:elsewhere", "héllo wörld ✓");

        assertThat(db.get("written:elsewhere")).isEqualTo("héllo wörld ✓");
    }

    @Test
    void getOfAMissingKeyIsNull() {
        assertThat(db.get("missing")).isNull();
    }

    @Test
    void setReplacesTheValueAndDropsAnExpiry(RespClient redis) {
        redis.call("SET", "k", "old", "PX", "600000");

        db.set("k", "new");

        assertThat(redis.callString("GET", "k")).isEqualTo("new");
        assertThat(redis.callLong("PTTL", "k")).isEqualTo(-1);
    }

    @Test
    void deleteRemovesTheKeyAndTellsWhetherItExisted(RespClient redis) {
        db.set("k", "v");

        assertThat(db.delete("k")).isTrue();
        assertThat(redis.callLong("EXISTS", "k")).isZero();
        assertThat(db.delete("k")).isFalse();
    }

    @Test
    void setWithExpiryInSecondsSetsTheTimeToLive(RespClient redis) {
        db.setWithExpiry("session:1", "token", 120);

        assertThat(redis.callString("GET", "session:1")).isEqualTo("token");
        assertThat(redis.callLong("PTTL", "session:1")).isBetween(110_000L, 120_000L);
        assertThat(db.ttl("session:1").timeLeft()).hasValueSatisfying(left ->
                assertThat(left).isBetween(Duration.ofSeconds(110), Duration.ofSeconds(120)));
    }

    @Test
    void setWithExpiryAsADurationKeepsMillisecondPrecision(RespClient redis) {
        db.setWithExpiry("session:2", "token", Duration.ofMillis(90_500));

        assertThat(redis.callLong("PTTL", "session:2")).isBetween(85_000L, 90_500L);
    }

    @Test
    void aValueWrittenWithExpiryDisappearsWhenItExpires() throws InterruptedException {
        db.setWithExpiry("short", "lived", Duration.ofMillis(50));

        Thread.sleep(150);

        assertThat(db.get("short")).isNull();
        assertThat(db.exists("short")).isFalse();
    }

    @Test
    void existsTellsWhetherAKeyIsThere() {
        assertThat(db.exists("k")).isFalse();
        db.set("k", "v");
        assertThat(db.exists("k")).isTrue();
    }

    @Test
    void expireSetsATimeToLiveOnAnExistingKeyOnly(RespClient redis) {
        db.set("k", "v");

        assertThat(db.expire("k", Duration.ofSeconds(30))).isTrue();
        assertThat(redis.callLong("PTTL", "k")).isBetween(25_000L, 30_000L);
        assertThat(db.expire("missing", Duration.ofSeconds(30))).isFalse();
        assertThat(redis.callLong("EXISTS", "missing")).isZero();
    }

    @Test
    void ttlOfAMissingKeySaysItDoesNotExist() {
        Ttl ttl = db.ttl("missing");

        assertThat(ttl.exists()).isFalse();
        assertThat(ttl.isPersistent()).isFalse();
        assertThat(ttl.timeLeft()).isEmpty();
    }

    @Test
    void ttlOfAKeyWithoutExpiryIsPersistent() {
        db.set("k", "v");

        Ttl ttl = db.ttl("k");

        assertThat(ttl.exists()).isTrue();
        assertThat(ttl.isPersistent()).isTrue();
        assertThat(ttl.timeLeft()).isEmpty();
    }

    @Test
    void ttlOfAnExpiringKeyIsTheTimeLeft(RespClient redis) {
        redis.call("SET", "k", "v", "PX", "45000");

        Ttl ttl = db.ttl("k");

        assertThat(ttl.exists()).isTrue();
        assertThat(ttl.isPersistent()).isFalse();
        assertThat(ttl.timeLeft()).hasValueSatisfying(left ->
                assertThat(left).isBetween(Duration.ofSeconds(40), Duration.ofSeconds(45)));
    }

    @Test
    void setAllWritesEveryEntryAndGetAllReadsThoseThatExistInTheOrderAsked(RespClient redis) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < 50; i++) {
            entries.put("item:" + i, "value-" + i);
        }

        db.setAll(entries);

        assertThat(redis.dbSize()).isEqualTo(50);
        assertThat(redis.callString("GET", "item:7")).isEqualTo("value-7");
        Map<String, String> read = db.getAll(List.of("item:3", "missing", "item:1", "item:49"));
        assertThat(read).containsExactly(Map.entry("item:3", "value-3"), Map.entry("item:1", "value-1"),
                Map.entry("item:49", "value-49"));
    }

    @Test
    void deleteAllCountsOnlyTheKeysThatExisted(RespClient redis) {
        db.setAll(Map.of("a", "1", "b", "2", "c", "3"));

        long deleted = db.deleteAll(List.of("a", "c", "missing"));

        assertThat(deleted).isEqualTo(2);
        assertThat(redis.callLong("EXISTS", "a", "b", "c")).isEqualTo(1);
    }

    @Test
    void eachBatchOperationIsOneMultiKeyCommandOnAStandaloneServer(RespClient redis) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < 100; i++) {
            entries.put("bulk:" + i, "value-" + i);
        }
        db.get("warm-up");
        redis.call("CONFIG", "RESETSTAT");

        db.setAll(entries);
        assertThat(db.getAll(entries.keySet())).isEqualTo(entries);
        assertThat(db.deleteAll(entries.keySet())).isEqualTo(100);

        Map<String, Long> calls = redis.commandStats();
        assertThat(calls).as("commands run").containsEntry("mset", 1L).containsEntry("mget", 1L)
                .containsEntry("del", 1L).doesNotContainKeys("set", "get");
    }

    @Test
    void batchOperationsOnNoKeysDoNothing() {
        assertThat(db.getAll(List.of())).isEmpty();
        assertThat(db.deleteAll(List.of())).isZero();
        db.setAll(Map.of());
    }
}
