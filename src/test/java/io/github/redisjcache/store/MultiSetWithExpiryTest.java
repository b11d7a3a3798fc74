package io.github.redisjcache.store;

import static io.github.redisjcache.store.ScriptTestEntries.bytes;
import static io.github.redisjcache.store.ScriptTestEntries.ttlBucket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.redisjcache.connection.ServerInfo;
import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.RespClient;
import io.github.redisjcache.testing.TestRedis;

/**
 * putAll's MSETEX (Redis 8.4, Valkey 9.1) for entries that expire: where it sets the entries, they end as
 * {@code putall.lua} leaves them for the same policy, and where its condition fails, nothing changed, so that the
 * script may run after it. On the build's Redis 7 the test of its refusal runs; the rest runs in the build's later
 * runs, on Redis 8.6.3 and Valkey 9.1.2 built from source (the POM's {@code redis-source} and {@code valkey-source}
 * executions).
 */
@RedisTest
class MultiSetWithExpiryTest {

    private static final int ENTRIES = 4;
    private static final long TTL = 50_000;

    @RegisterExtension
    static final StoreCommandsExtension STORE = new StoreCommandsExtension();

    /** The entries' states before the put. */
    private enum Before {
        ABSENT, EXPIRING, ETERNAL, MIXED;

        /** The state of entry {@code i}: MIXED has one of each. */
        byte[] prepare(RespClient redis, String key, int i) {
            Before state = this == MIXED ? values()[i % 3] : this;
            return ScriptTestEntries.prepare(redis, key, state == ABSENT ? null : bytes("old " + i),
                    state == EXPIRING ? 40_000 : TtlCode.ETERNAL);
        }
    }

    @Test
    void whereItSetsTheEntriesTheyEndAsWithPutAllLua() throws Exception {
        ServerInfo server = STORE.serverInfo();
        assumeTrue(server.hasMultiSetWithExpiry(), server.describe() + " has no MSETEX");
        Commands commands = commandsFor(server);
        int compared = 0;
        try (RespClient redis = TestRedis.get().client()) {
            for (Commands.Existing existing : Commands.Existing.values()) {
                // The policies MSETEX stands for: Modified (ANY), Created and Accessed (NONE, ALL).
                long update = existing == Commands.Existing.ANY ? TTL : TtlCode.UNCHANGED;
                for (Before before : Before.values()) {
                    String label = existing + " on " + before;
                    List<byte[]> keys = new ArrayList<>();
                    List<byte[]> scripted = new ArrayList<>();
                    List<byte[]> keysAndValues = new ArrayList<>();
                    List<byte[]> values = new ArrayList<>();
                    for (int i = 0; i < ENTRIES; i++) {
                        byte[] key = before.prepare(redis, "msetex:{slot}:set:" + i, i);
                        keys.add(key);
                        keysAndValues.add(key);
                        keysAndValues.add(bytes("new " + i));
                        values.add(bytes("new " + i));
                        scripted.add(before.prepare(redis, "msetex:{slot}:script:" + i, i));
                    }
                    List<String> held = values(redis, keys);
                    List<Long> heldTtls = ttls(redis, keys);

                    boolean set = commands.setManyExpiring(keysAndValues, existing,
                            existing == Commands.Existing.ALL ? TtlCode.UNCHANGED : TTL).get(10, TimeUnit.SECONDS);

                    boolean expected = switch (existing) {
                        case ANY -> true;
                        case NONE -> before == Before.ABSENT;
                        case ALL -> before == Before.EXPIRING || before == Before.ETERNAL;
                    };
                    assertThat(set).as("set on %s", label).isEqualTo(expected);
                    if (!set) {
                        assertThat(values(redis, keys)).as("values after %s", label).isEqualTo(held);
                        assertThat(ttls(redis, keys)).as("times to live after %s", label).isEqualTo(heldTtls);
                        continue;
                    }
                    commands.putMany(scripted, values, TTL, update, false).get(10, TimeUnit.SECONDS);
                    assertThat(values(redis, keys)).as("values after %s", label).isEqualTo(values(redis, scripted));
                    assertThat(ttls(redis, keys)).as("times to live after %s", label)
                            .isEqualTo(ttls(redis, scripted));
                    compared++;
                }
            }
        }
        // ANY on every state, NONE on absent entries, ALL on present ones.
        assertThat(compared).isEqualTo(Before.values().length + 1 + 2);
    }

    @Test
    void aServerWithoutItRefusesItAndNothingIsSentAgain() throws Exception {
        ServerInfo server = STORE.serverInfo();
        assumeFalse(server.hasMultiSetWithExpiry(), server.describe() + " has MSETEX");
        // As if another node of the deployment had said it has the command.
        Commands commands = commandsFor(ServerInfo.of(Map.of("redis_version", "8.4.0")));
        assertThat(commands.setsManyExpiring()).isTrue();
        try (RespClient redis = TestRedis.get().client()) {
            byte[] key = ScriptTestEntries.prepare(redis, "msetex:refused", bytes("old"), 40_000);

            boolean set = commands.setManyExpiring(List.of(key, bytes("new")), Commands.Existing.ANY, TTL)
                    .get(10, TimeUnit.SECONDS);

            assertThat(set).isFalse();
            assertThat(commands.setsManyExpiring()).as("still sent").isFalse();
            assertThat(redis.call(bytes("GET"), key)).isEqualTo(bytes("old"));
            assertThat(ttlBucket(redis, key)).isEqualTo(40);
        }
    }

    @Test
    void theServerSaysWhetherItHasIt() {
        assertThat(ServerInfo.of(Map.of("redis_version", "8.4.0")).hasMultiSetWithExpiry()).isTrue();
        assertThat(ServerInfo.of(Map.of("redis_version", "8.6.3")).hasMultiSetWithExpiry()).isTrue();
        assertThat(ServerInfo.of(Map.of("redis_version", "8.2.3")).hasMultiSetWithExpiry()).isFalse();
        assertThat(ServerInfo.of(Map.of("redis_version", "7.2.4", "valkey_version", "9.1.2"))
                .hasMultiSetWithExpiry()).isTrue();
        assertThat(ServerInfo.of(Map.of("redis_version", "7.2.4", "valkey_version", "9.0.3"))
                .hasMultiSetWithExpiry()).isFalse();
    }

    private static Commands commandsFor(ServerInfo server) {
        ConditionalSets sets = new ConditionalSets();
        sets.learn(server);
        return STORE.commandsWith(sets);
    }

    private static List<String> values(RespClient redis, List<byte[]> keys) {
        List<String> values = new ArrayList<>();
        for (byte[] key : keys) {
            byte[] value = (byte[]) redis.call(bytes("GET"), key);
            values.add(value == null ? null : new String(value, StandardCharsets.UTF_8));
        }
        return values;
    }

    private static List<Long> ttls(RespClient redis, List<byte[]> keys) {
        List<Long> ttls = new ArrayList<>();
        for (byte[] key : keys) {
            ttls.add(ttlBucket(redis, key));
        }
        return ttls;
    }
}
