package io.github.redisjcache.store;

import static io.github.redisjcache.store.ScriptTestEntries.bytes;
import static io.github.redisjcache.store.ScriptTestEntries.ttlBucket;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.redisjcache.store.ScriptTestEntries.EntryState;
import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.RespClient;
import io.github.redisjcache.testing.TestRedis;

/**
 * {@code swap.lua}, the compare-and-set run when nobody listens, does exactly what {@code mutate.lua} does for the
 * same mutation: same outcome, same old value (the bytes the entry held, whether the script replied with them or,
 * when they were the expected ones, with a bare outcome), same value and time to live left behind, for every action,
 * every time-to-live code and every state the entry can be in.
 */
@RedisTest
class SwapScriptTest {

    private static final long[] TTLS = {TtlCode.UNCHANGED, TtlCode.ETERNAL, 50_000, TtlCode.EXPIRE_NOW};
    private static final byte[] EXPECTED = bytes("expected");
    private static final byte[] OTHER = bytes("other");
    private static final byte[] VALUE = bytes("new value");

    @RegisterExtension
    static final StoreCommandsExtension STORE = new StoreCommandsExtension();

    @Test
    void everyConditionalChangeEndsAsWithMutateLua() throws Exception {
        List<EntryState> states = ScriptTestEntries.conditionalStates(EXPECTED, OTHER);
        List<Mutation> mutations = new ArrayList<>();
        for (long ttl : TTLS) {
            for (long miss : TTLS) {
                mutations.add(Mutation.replaceIfEquals(EXPECTED, VALUE, ttl, miss));
                mutations.add(Mutation.removeIfEquals(EXPECTED, miss));
                mutations.add(Mutation.touchIfEquals(EXPECTED, ttl));
            }
            for (Mutation.CommitAction action : Mutation.CommitAction.values()) {
                mutations.add(Mutation.commit(EXPECTED, action, VALUE, TtlCode.EXPIRE_NOW, ttl));
            }
        }
        int compared = 0;
        try (RespClient redis = TestRedis.get().client()) {
            for (EntryState state : states) {
                for (Mutation mutation : mutations) {
                    String label = describe(mutation) + " on " + state;
                    byte[] swapped = ScriptTestEntries.prepare(redis, "swap-test:swap", state);
                    byte[] mutated = ScriptTestEntries.prepare(redis, "swap-test:mutate", state);

                    MutateResult bySwap = STORE.commands().mutate(swapped, mutation, null).get(10, TimeUnit.SECONDS);
                    MutateResult byMutate = STORE.commands().mutateScript(mutated, mutation, null)
                            .get(10, TimeUnit.SECONDS);

                    assertThat(bySwap.outcome()).as("outcome of %s", label).isEqualTo(byMutate.outcome());
                    assertThat(bySwap.oldValue()).as("old value of %s", label).isEqualTo(byMutate.oldValue())
                            .isEqualTo(state.value());
                    assertThat(bySwap.expiredValue()).as(label).isNull();
                    assertThat(redis.call(bytes("GET"), swapped)).as("value after %s", label)
                            .isEqualTo(redis.call(bytes("GET"), mutated));
                    assertThat(ttlBucket(redis, swapped)).as("time to live after %s", label)
                            .isEqualTo(ttlBucket(redis, mutated));
                    compared++;
                }
            }
        }
        assertThat(compared).isEqualTo(5 * (4 * 4 * 3 + 4 * 3));
    }

    private static String describe(Mutation mutation) {
        return "condition " + mutation.condition + " action " + mutation.action + " update " + mutation.updateTtl
                + " miss " + mutation.missTtl;
    }
}
