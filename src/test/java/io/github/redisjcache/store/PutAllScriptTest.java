package io.github.redisjcache.store;

import static io.github.redisjcache.store.ScriptTestEntries.bytes;
import static io.github.redisjcache.store.ScriptTestEntries.ttlBucket;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.RespClient;
import io.github.redisjcache.testing.TestRedis;

/**
 * {@code putall.lua}, putAll's one call for many entries nobody listens to, leaves each entry exactly as
 * {@code mutate.lua} leaves it for the same put: same value, same time to live and same outcome, for every pair of
 * time-to-live codes a fixed expiry policy can give and every state an entry can be in, all in one call, whichever
 * command it tries first.
 */
@RedisTest
class PutAllScriptTest {

    private static final long[] CREATE_TTLS = {TtlCode.ETERNAL, 50_000, TtlCode.EXPIRE_NOW};
    private static final long[] UPDATE_TTLS = {TtlCode.UNCHANGED, TtlCode.ETERNAL, 50_000, 60_000,
        TtlCode.EXPIRE_NOW};
    private static final byte[] VALUE = bytes("new value");

    @RegisterExtension
    static final StoreCommandsExtension STORE = new StoreCommandsExtension();

    /** The entry's state before the put: absent, or present with or without a time to live. */
    private record State(String name, byte[] value, long ttl) {
    }

    private static final List<State> STATES = List.of(new State("absent", null, 0),
            new State("eternal", bytes("old"), TtlCode.ETERNAL), new State("expiring", bytes("old"), 40_000));

    @ParameterizedTest(name = "updates first: {0}")
    @ValueSource(booleans = {false, true})
    void everyPutEndsAsWithMutateLua(boolean updatesFirst) throws Exception {
        int compared = 0;
        try (RespClient redis = TestRedis.get().client()) {
            for (long create : CREATE_TTLS) {
                for (long update : UPDATE_TTLS) {
                    // One call puts an entry in each state.
                    List<byte[]> keys = new ArrayList<>();
                    List<byte[]> values = new ArrayList<>();
                    for (State state : STATES) {
                        keys.add(prepare(redis, "putall-test:{slot}:putall:" + state.name(), state));
                        values.add(VALUE);
                    }
                    int[] outcomes = STORE.commands().putMany(keys, values, create, update, updatesFirst)
                            .get(10, TimeUnit.SECONDS);

                    assertThat(outcomes).hasSize(STATES.size());
                    for (int i = 0; i < STATES.size(); i++) {
                        State state = STATES.get(i);
                        String label = "create " + create + " update " + update + " on " + state.name();
                        byte[] mutated = prepare(redis, "putall-test:{slot}:mutate:" + state.name(), state);
                        MutateResult byMutate = STORE.commands().mutateScript(mutated,
                                Mutation.put(VALUE, create, update), null).get(10, TimeUnit.SECONDS);

                        assertThat(outcomes[i]).as("outcome of %s", label).isEqualTo(byMutate.outcome());
                        assertThat(redis.call(bytes("GET"), keys.get(i))).as("value after %s", label)
                                .isEqualTo(redis.call(bytes("GET"), mutated));
                        assertThat(ttlBucket(redis, keys.get(i))).as("time to live after %s", label)
                                .isEqualTo(ttlBucket(redis, mutated));
                        compared++;
                    }
                }
            }
        }
        assertThat(compared).isEqualTo(CREATE_TTLS.length * UPDATE_TTLS.length * STATES.size());
    }

    @ParameterizedTest(name = "updates first: {0}")
    @ValueSource(booleans = {false, true})
    void outcomesFollowTheOrderOfTheKeys(boolean updatesFirst) throws Exception {
        try (RespClient redis = TestRedis.get().client()) {
            List<byte[]> keys = new ArrayList<>();
            List<byte[]> values = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String key = "putall-order:{slot}:" + i;
                redis.call("DEL", key);
                if (i % 3 == 0) {
                    redis.call("SET", key, "old");
                }
                keys.add(bytes(key));
                values.add(bytes("value " + i));
            }

            int[] outcomes = STORE.commands().putMany(keys, values, 50_000, TtlCode.UNCHANGED, updatesFirst)
                    .get(10, TimeUnit.SECONDS);

            for (int i = 0; i < keys.size(); i++) {
                assertThat(outcomes[i]).as("outcome %d", i)
                        .isEqualTo(i % 3 == 0 ? MutateResult.UPDATED : MutateResult.CREATED);
                assertThat(redis.call(bytes("GET"), keys.get(i))).isEqualTo(values.get(i));
                assertThat(ttlBucket(redis, keys.get(i))).as("time to live %d", i).isEqualTo(i % 3 == 0 ? -1 : 50);
            }
        }
    }

    private static byte[] prepare(RespClient redis, String name, State state) {
        return ScriptTestEntries.prepare(redis, name, state.value(), state.ttl());
    }
}
