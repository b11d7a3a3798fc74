package io.github.redisjcache.cache;

import static io.github.redisjcache.store.ScriptTestEntries.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.redisjcache.connection.ConnectionRegistry;
import io.github.redisjcache.connection.ConnectionSettings;
import io.github.redisjcache.store.Awaiter;
import io.github.redisjcache.store.MutateResult;
import io.github.redisjcache.store.RedisStore;
import io.github.redisjcache.store.ScriptTestEntries;
import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.RespClient;
import io.github.redisjcache.testing.TestRedis;

/**
 * The puts of the Created and Accessed policies as plain SETs: a created entry gets the time to live, an updated one
 * keeps whatever it had (none included), the old value comes back when asked for, the command tried first follows
 * what the latest puts did, and a put racing with deletes still ends with one write whose entry always expires.
 */
@RedisTest
class KeepTtlPutsTest {

    private static final long CREATE_TTL = 600_000;
    private static final byte[] OLD = bytes("old");
    private static final byte[] VALUE = bytes("new");

    private ConnectionRegistry.Lease lease;
    private KeepTtlPuts puts;
    private RespClient redis;

    @BeforeEach
    void open() {
        lease = ConnectionRegistry.acquire(ConnectionSettings.fromUri(TestRedis.get().uri()));
        puts = new KeepTtlPuts(new RedisStore(lease.connection()).single(),
                new Awaiter("keep-ttl puts", 10_000, lease.connection().replyWatchdog()));
        redis = TestRedis.get().client();
    }

    @AfterEach
    void close() {
        redis.close();
        lease.close();
    }

    @Test
    void aCreatedEntryGetsTheTimeToLiveAndAnUpdatedOneKeepsItsOwn() {
        byte[] absent = prepare("keep-ttl:absent", null, 0);
        byte[] expiring = prepare("keep-ttl:expiring", OLD, 40_000);
        byte[] eternal = prepare("keep-ttl:eternal", OLD, 0);

        assertResult(puts.put(absent, VALUE, CREATE_TTL, true), MutateResult.CREATED, null);
        assertResult(puts.put(expiring, VALUE, CREATE_TTL, true), MutateResult.UPDATED, OLD);
        assertResult(puts.put(eternal, VALUE, CREATE_TTL, false), MutateResult.UPDATED, null);

        for (byte[] key : new byte[][]{absent, expiring, eternal}) {
            assertThat(redis.call(bytes("GET"), key)).isEqualTo(VALUE);
        }
        assertThat(seconds(absent)).isEqualTo(600);
        assertThat(seconds(expiring)).isEqualTo(40);
        assertThat(seconds(eternal)).isEqualTo(-1);
    }

    @Test
    void theCommandTriedFirstIsTheOneTheLatestPutsSucceededWith() {
        // A new instance tries SET NX first: one SET per created entry.
        assertThat(setsFor(prepare("keep-ttl:c1", null, 0), false)).isEqualTo(1);
        // An update after creates: NX fails, then XX.
        assertThat(setsFor(prepare("keep-ttl:u1", OLD, 0), false)).isEqualTo(2);
        // One update does not turn a cache that was creating: the next create is still one SET.
        assertThat(setsFor(prepare("keep-ttl:c2", null, 0), false)).isEqualTo(1);
        // Updates that go on turn it: two more that take two SETs, then one each.
        assertThat(setsFor(prepare("keep-ttl:u2", OLD, 0), false)).isEqualTo(2);
        assertThat(setsFor(prepare("keep-ttl:u3", OLD, 0), false)).isEqualTo(2);
        assertThat(setsFor(prepare("keep-ttl:u4", OLD, 0), true)).isEqualTo(1);
        // And a create now costs two.
        assertThat(setsFor(prepare("keep-ttl:c3", null, 0), false)).isEqualTo(2);
    }

    @Test
    void aPutRacingWithDeletesWritesOnceAndItsEntryAlwaysExpires() throws Exception {
        byte[] key = bytes("keep-ttl:race");
        AtomicBoolean done = new AtomicBoolean();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (RespClient deleter = TestRedis.get().client(); RespClient reader = TestRedis.get().client()) {
            Future<?> deletes = threads.submit(() -> {
                while (!done.get()) {
                    deleter.call(bytes("DEL"), key);
                }
            });
            Future<Integer> eternalSightings = threads.submit(() -> {
                int eternal = 0;
                while (!done.get()) {
                    if ((Long) reader.call(bytes("PTTL"), key) == -1) {
                        eternal++;
                    }
                }
                return eternal;
            });
            long before = scriptCalls();
            int created = 0;
            try {
                for (int i = 0; i < 3_000; i++) {
                    MutateResult result = puts.put(key, VALUE, CREATE_TTL, i % 2 == 0);
                    assertThat(result.outcome()).isIn(MutateResult.CREATED, MutateResult.UPDATED);
                    assertThat(result.oldValue()).isEqualTo(result.outcome() == MutateResult.UPDATED && i % 2 == 0
                            ? VALUE : null);
                    created += result.outcome() == MutateResult.CREATED ? 1 : 0;
                }
            } finally {
                done.set(true);
            }
            deletes.get(10, TimeUnit.SECONDS);
            assertThat(eternalSightings.get(10, TimeUnit.SECONDS)).as("reads of the entry without expiry").isZero();
            // Both outcomes happened; the script ran only for puts whose entry came or went between the two SETs.
            assertThat(created).isBetween(1, 2_999);
            assertThat(scriptCalls() - before).isLessThan(3_000);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void assertResult(MutateResult result, int outcome, byte[] oldValue) {
        assertThat(result.outcome()).isEqualTo(outcome);
        assertThat(result.oldValue()).isEqualTo(oldValue);
    }

    /** @return how many SETs a put of a prepared key sent */
    private long setsFor(byte[] key, boolean wantOld) {
        long before = ScriptTestEntries.calls(redis, "set");
        puts.put(key, VALUE, CREATE_TTL, wantOld);
        return ScriptTestEntries.calls(redis, "set") - before;
    }

    private long scriptCalls() {
        return ScriptTestEntries.calls(redis, "evalsha", "eval");
    }

    private byte[] prepare(String name, byte[] value, long ttl) {
        return ScriptTestEntries.prepare(redis, name, value, ttl);
    }

    private long seconds(byte[] key) {
        return ScriptTestEntries.ttlBucket(redis, key);
    }
}
