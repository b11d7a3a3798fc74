package io.github.redisjcache.store;

import static io.github.redisjcache.store.ScriptTestEntries.bytes;
import static io.github.redisjcache.store.ScriptTestEntries.ttlBucket;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.redisjcache.store.ScriptTestEntries.EntryState;
import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.RespClient;
import io.github.redisjcache.testing.TestRedis;

/**
 * A put that gives a created entry a time to live and leaves an updated one's as it was (the Created and Accessed
 * policies), nobody listening, runs {@code putkeep.lua}, two {@code SET}s and nothing else, when it goes through the
 * store (in a batch, or when the cache's plain {@code SET}s both failed): it ends every entry state as
 * {@code mutate.lua} ends it.
 */
@RedisTest
class PutKeepingTtlTest {

    private static final byte[] OLD = bytes("old value");
    private static final byte[] OTHER = bytes("other");
    private static final byte[] VALUE = bytes("new value");
    private static final long CREATE_TTL = 50_000;

    @RegisterExtension
    static final StoreCommandsExtension STORE = new StoreCommandsExtension();

    @Test
    void everyStateEndsAsWithMutateLuaByTwoSetsAtMost() throws Exception {
        Commands commands = STORE.commands();
        List<EntryState> states = ScriptTestEntries.conditionalStates(OLD, OTHER);
        List<Mutation> puts = List.of(Mutation.put(VALUE, CREATE_TTL, TtlCode.UNCHANGED),
                Mutation.put(VALUE, CREATE_TTL, TtlCode.UNCHANGED).withValues(false));
        try (RespClient redis = TestRedis.get().client()) {
            Map<String, Long> before = redis.commandStats();
            List<MutateResult> byPutKeep = new ArrayList<>();
            int n = 0;
            long sets = 0;
            for (EntryState state : states) {
                for (Mutation put : puts) {
                    byte[] key = ScriptTestEntries.prepare(redis, "keep-ttl-put:putkeep:" + n++, state);
                    byPutKeep.add(commands.mutate(key, put, null).get(10, TimeUnit.SECONDS));
                    // A created entry takes SET NX; a present one is prepared by a SET, then takes SET NX and SET XX.
                    sets += state.value() == null ? 1 : 3;
                }
            }
            // What Redis ran: one script per put, its SETs, and not the GET with which mutate.lua starts.
            Map<String, Long> after = redis.commandStats();
            assertThat(calls(after, before, "evalsha")).as("script calls").isEqualTo(n);
            assertThat(calls(after, before, "set")).as("SETs").isEqualTo(sets);
            assertThat(calls(after, before, "get")).as("GETs").isZero();
            assertThat(calls(after, before, "eval")).as("scripts sent with their source").isZero();

            n = 0;
            for (EntryState state : states) {
                for (Mutation put : puts) {
                    String label = (put.outcomeOnly ? "outcome-only put" : "put") + " on " + state;
                    byte[] putKeepKey = bytes("keep-ttl-put:putkeep:" + n);
                    byte[] scriptKey = ScriptTestEntries.prepare(redis, "keep-ttl-put:script:" + n, state);
                    MutateResult byScript = commands.mutateScript(scriptKey, put, null).get(10, TimeUnit.SECONDS);
                    MutateResult result = byPutKeep.get(n++);
                    assertThat(result.outcome()).as("outcome of %s", label).isEqualTo(byScript.outcome());
                    assertThat(result.oldValue()).as("old value of %s", label).isEqualTo(byScript.oldValue());
                    assertThat(result.oldValue()).as("old value of %s", label)
                            .isEqualTo(put.outcomeOnly ? null : state.value());
                    assertThat(redis.call(bytes("GET"), putKeepKey)).as("value after %s", label)
                            .isEqualTo(VALUE);
                    assertThat(ttlBucket(redis, putKeepKey)).as("time to live after %s", label)
                            .isEqualTo(ttlBucket(redis, scriptKey))
                            .isEqualTo(state.value() == null ? CREATE_TTL / 1_000 : expectedBucket(state));
                }
            }
        }
    }

    private static long expectedBucket(EntryState state) {
        return state.ttl() > 0 ? Math.round(state.ttl() / 1_000.0) : -1;
    }

    private static long calls(Map<String, Long> after, Map<String, Long> before, String command) {
        return after.getOrDefault(command, 0L) - before.getOrDefault(command, 0L);
    }
}
