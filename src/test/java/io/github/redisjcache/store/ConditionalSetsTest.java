package io.github.redisjcache.store;

import static io.github.redisjcache.store.ScriptTestEntries.bytes;
import static io.github.redisjcache.store.ScriptTestEntries.ttlBucket;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.redisjcache.connection.ConnectionRegistry;
import io.github.redisjcache.connection.ConnectionSettings;
import io.github.redisjcache.connection.ServerInfo;
import io.github.redisjcache.store.ScriptTestEntries.EntryState;
import io.github.redisjcache.testing.RedisBinary;
import io.github.redisjcache.testing.RedisServer;
import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.RespClient;
import io.github.redisjcache.testing.TestRedis;

/**
 * A compare-and-set nobody listens to, sent as one {@code SET} where the server has the options: every change it is
 * sent for ends as {@code mutate.lua} ends it, without a script call; and a server that refuses the options gets the
 * script instead, then only the script. {@code SET ... NX GET} runs on the build's Redis 7, and so does the test of
 * the refusal of {@code IFEQ}; {@code SET ... IFEQ} (Redis 8.4, Valkey 8.1), {@code DELEX} and {@code DELIFEQ} run in
 * the build's later runs, on Redis 8.6.3 and Valkey 9.1.2 built from source (the POM's {@code redis-source} and
 * {@code valkey-source} executions).
 */
@RedisTest
class ConditionalSetsTest {

    private static final byte[] EXPECTED = bytes("expected");
    private static final byte[] OTHER = bytes("other");
    private static final byte[] VALUE = bytes("new value");
    private static final ServerInfo VALKEY_9 = ServerInfo.of(Map.of("valkey_version", "9.1.2"));
    private static final ServerInfo REDIS_84 = ServerInfo.of(Map.of("redis_version", "8.4.0"));

    @RegisterExtension
    static final StoreCommandsExtension STORE = new StoreCommandsExtension();

    @Test
    void onlyAChangeThatOneSetDoesWhollyAndThatTheServerHasGoesAsASet() {
        ConditionalSets sets = new ConditionalSets();
        sets.learn(VALKEY_9);
        for (long ttl : new long[]{TtlCode.UNCHANGED, TtlCode.ETERNAL, 50_000}) {
            assertThat(sets.fit(Mutation.replaceIfEquals(EXPECTED, VALUE, ttl, TtlCode.UNCHANGED))).isTrue();
            assertThat(sets.fit(commit(EXPECTED, TtlCode.EXPIRE_NOW, ttl))).isTrue();
            // A mismatch that must apply an access expiry, an access: scripts.
            assertThat(sets.fit(Mutation.replaceIfEquals(EXPECTED, VALUE, ttl, 40_000))).isFalse();
            assertThat(sets.fit(Mutation.touchIfEquals(EXPECTED, ttl))).isFalse();
        }
        assertThat(sets.fit(commit(null, TtlCode.ETERNAL, TtlCode.UNCHANGED))).isTrue();
        assertThat(sets.fit(commit(null, 50_000, TtlCode.UNCHANGED))).isTrue();
        // SET cannot store a value that expires at once; a put (condition 'always') is plain SET elsewhere.
        assertThat(sets.fit(commit(EXPECTED, TtlCode.EXPIRE_NOW, TtlCode.EXPIRE_NOW))).isFalse();
        assertThat(sets.fit(commit(null, TtlCode.EXPIRE_NOW, TtlCode.UNCHANGED))).isFalse();
        assertThat(sets.fit(Mutation.put(VALUE, TtlCode.ETERNAL, TtlCode.ETERNAL))).isFalse();

        ConditionalSets redis70 = new ConditionalSets();
        redis70.learn(ServerInfo.of(Map.of("redis_version", "7.0.15")));
        assertThat(redis70.fit(commit(null, TtlCode.ETERNAL, TtlCode.UNCHANGED))).isTrue();
        assertThat(redis70.fit(commit(EXPECTED, TtlCode.EXPIRE_NOW, TtlCode.UNCHANGED))).isFalse();
        ConditionalSets redis62 = new ConditionalSets();
        redis62.learn(ServerInfo.of(Map.of("redis_version", "6.2.6")));
        assertThat(redis62.fit(commit(null, TtlCode.ETERNAL, TtlCode.UNCHANGED))).isFalse();

        // Redis 8.4's DELEX and Valkey 9.0's DELIFEQ delete on condition; Redis 7 has neither.
        ConditionalSets redis84 = new ConditionalSets();
        redis84.learn(REDIS_84);
        for (ConditionalSets deletes : List.of(redis84, sets)) {
            assertThat(deletes.fit(Mutation.removeIfEquals(EXPECTED, TtlCode.UNCHANGED))).isTrue();
            assertThat(deletes.fit(delete(EXPECTED))).isTrue();
            // A mismatch that must apply an access expiry, or a delete of an entry that must be absent: scripts.
            assertThat(deletes.fit(Mutation.removeIfEquals(EXPECTED, 40_000))).isFalse();
            assertThat(deletes.fit(delete(null))).isFalse();
        }
        assertThat(sets.deleteSpelledDelIfEq()).isTrue();
        assertThat(redis84.deleteSpelledDelIfEq()).isFalse();
        assertThat(redis70.fit(Mutation.removeIfEquals(EXPECTED, TtlCode.UNCHANGED))).isFalse();
    }

    @Test
    void everyChangeSentAsASetEndsAsWithMutateLuaWithoutAScript() throws Exception {
        ServerInfo server = STORE.serverInfo();
        ConditionalSets sets = new ConditionalSets();
        sets.learn(server);
        Commands commands = STORE.commandsWith(sets);
        List<EntryState> states = ScriptTestEntries.conditionalStates(EXPECTED, OTHER);
        List<Mutation> mutations = new ArrayList<>();
        for (long ttl : new long[]{TtlCode.UNCHANGED, TtlCode.ETERNAL, 50_000}) {
            mutations.add(Mutation.replaceIfEquals(EXPECTED, VALUE, ttl, TtlCode.UNCHANGED));
            mutations.add(commit(EXPECTED, TtlCode.EXPIRE_NOW, ttl));
        }
        mutations.add(commit(null, TtlCode.ETERNAL, TtlCode.UNCHANGED));
        mutations.add(commit(null, 50_000, TtlCode.UNCHANGED));
        mutations.add(Mutation.removeIfEquals(EXPECTED, TtlCode.UNCHANGED));
        mutations.add(delete(EXPECTED));
        mutations.removeIf(mutation -> !sets.fit(mutation));
        // Redis 7.0 has SET ... NX GET; Redis 8.4 and Valkey 8.1 SET ... IFEQ as well; Redis 8.4 DELEX ... IFEQ and
        // Valkey 9.0 DELIFEQ.
        assertThat(mutations).hasSize((server.hasSetIfEquals() ? 8 : 2) + (server.hasDeleteIfEquals() ? 2 : 0));

        try (RespClient redis = TestRedis.get().client()) {
            List<MutateResult> bySet = new ArrayList<>();
            long scriptsBefore = scriptCalls(redis);
            int n = 0;
            for (EntryState state : states) {
                for (Mutation mutation : mutations) {
                    byte[] key = ScriptTestEntries.prepare(redis, "conditional-set:set:" + n++, state);
                    bySet.add(commands.mutate(key, mutation, null).get(10, TimeUnit.SECONDS));
                }
            }
            assertThat(scriptCalls(redis)).as("script calls").isEqualTo(scriptsBefore);

            n = 0;
            for (EntryState state : states) {
                for (Mutation mutation : mutations) {
                    String label = "condition " + mutation.condition + " create " + mutation.createTtl + " update "
                            + mutation.updateTtl + " on " + state;
                    byte[] setKey = bytes("conditional-set:set:" + n);
                    byte[] scriptKey = ScriptTestEntries.prepare(redis, "conditional-set:script:" + n, state);
                    MutateResult byScript = commands.mutateScript(scriptKey, mutation, null).get(10,
                            TimeUnit.SECONDS);
                    MutateResult byCommand = bySet.get(n++);
                    assertThat(byCommand.outcome()).as("outcome of %s", label).isEqualTo(byScript.outcome());
                    assertThat(byCommand.oldValue()).as("old value of %s", label).isEqualTo(state.value());
                    assertThat(redis.call(bytes("GET"), setKey)).as("value after %s", label)
                            .isEqualTo(redis.call(bytes("GET"), scriptKey));
                    assertThat(ttlBucket(redis, setKey)).as("time to live after %s", label)
                            .isEqualTo(ttlBucket(redis, scriptKey));
                }
            }
            assertThat(n).isEqualTo(states.size() * mutations.size());

            // Another failure than a refusal is the caller's, and the option stays in use.
            redis.call("DEL", "conditional-set:list");
            redis.call("RPUSH", "conditional-set:list", "x");
            assertThatThrownBy(() -> commands.mutate(bytes("conditional-set:list"), mutations.get(0), null)
                    .get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasMessageContaining("WRONGTYPE");
            assertThat(sets.fit(mutations.get(0))).isTrue();
        }
    }

    @Test
    void aServerWithoutIfEqualsRefusesItAndTheScriptRunsFromThenOn() throws Exception {
        ServerInfo server = STORE.serverInfo();
        assumeFalse(server.hasSetIfEquals(), server.describe() + " has SET ... IFEQ");
        ConditionalSets sets = new ConditionalSets();
        // As if another node of the deployment had said it has the option.
        sets.learn(VALKEY_9);
        try (RespClient redis = TestRedis.get().client()) {
            refusedThenScripted(STORE.commandsWith(sets), sets, redis, commit(EXPECTED, TtlCode.EXPIRE_NOW,
                    TtlCode.UNCHANGED), "conditional-set:refused-ifeq");
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aServerWithoutDelexOrDelIfEqRefusesItAndTheScriptRunsFromThenOn(boolean asIfValkey) throws Exception {
        ServerInfo server = STORE.serverInfo();
        assumeFalse(server.hasDeleteIfEquals(), server.describe() + " has DELEX or DELIFEQ");
        ConditionalSets sets = new ConditionalSets();
        sets.learn(asIfValkey ? VALKEY_9 : REDIS_84);
        assertThat(sets.deleteSpelledDelIfEq()).isEqualTo(asIfValkey);
        Commands commands = STORE.commandsWith(sets);
        try (RespClient redis = TestRedis.get().client()) {
            byte[] key = ScriptTestEntries.prepare(redis, "conditional-set:refused-delete-" + asIfValkey, EXPECTED,
                    40_000);
            Mutation delete = Mutation.removeIfEquals(EXPECTED, TtlCode.UNCHANGED);
            assertThat(sets.fit(delete)).isTrue();
            // Cached first, so that the script is one EVALSHA whichever test ran before (not EVALSHA, NOSCRIPT, EVAL).
            redis.call(bytes("SCRIPT"), bytes("LOAD"), Scripts.SWAP.sourceBytes());
            long scriptsBefore = scriptCalls(redis);

            MutateResult done = commands.mutate(key, delete, null).get(10, TimeUnit.SECONDS);

            assertThat(done.outcome()).isEqualTo(MutateResult.DELETED);
            assertThat(redis.call(bytes("GET"), key)).isNull();
            // Only a refusal turns it off (Redis 7 counts no unknown command in commandstats).
            assertThat(sets.fit(delete)).as("still sent as " + (asIfValkey ? "DELIFEQ" : "DELEX")).isFalse();
            assertThat(scriptCalls(redis)).isEqualTo(scriptsBefore + 1);
        }
    }

    @Test
    void aCompareAndDeleteAskedForItsOutcomeAloneReadsNothingWhenItFails() throws Exception {
        ServerInfo server = STORE.serverInfo();
        assumeTrue(server.hasDeleteIfEquals(), server.describe() + " has no DELEX");
        ConditionalSets sets = new ConditionalSets();
        sets.learn(server);
        Commands commands = STORE.commandsWith(sets);
        try (RespClient redis = TestRedis.get().client()) {
            byte[] key = ScriptTestEntries.prepare(redis, "conditional-set:delex-bare", OTHER, 40_000);
            redis.call("CONFIG", "RESETSTAT");

            MutateResult failed = commands.mutate(key, delete(EXPECTED).withValues(false), null)
                    .get(10, TimeUnit.SECONDS);
            MutateResult failedWithOld = commands.mutate(key, delete(EXPECTED), null).get(10, TimeUnit.SECONDS);

            assertThat(failed.outcome()).isEqualTo(MutateResult.CONDITION_FAILED);
            assertThat(failed.oldValue()).isNull();
            assertThat(failedWithOld.outcome()).isEqualTo(MutateResult.CONDITION_FAILED);
            assertThat(failedWithOld.oldValue()).isEqualTo(OTHER);
            String stats = commandStats(redis);
            assertThat(stats).contains("cmdstat_" + (server.isValkey() ? "delifeq" : "delex") + ":calls=2,")
                    .contains("cmdstat_get:calls=1,");
            assertThat(redis.call(bytes("GET"), key)).isEqualTo(OTHER);
        }
    }

    @Test
    void aServerWithoutNxGetRefusesItAndTheScriptRunsFromThenOn() throws Exception {
        // Redis 6.2, the oldest the provider supports, has SET ... GET but not with NX.
        RedisBinary redis62 = RedisBinary.embedded();
        assumeFalse(redis62.isAtLeast(7, 0), "the embedded binary is " + redis62.version());
        ConditionalSets sets = new ConditionalSets();
        sets.learn(ServerInfo.of(Map.of("redis_version", "7.0.15")));
        try (RedisServer server = RedisServer.builder().binary(redis62).start();
             ConnectionRegistry.Lease lease = ConnectionRegistry.acquire(ConnectionSettings.fromUri(server.uri()));
             RespClient redis = new RespClient(RedisServer.HOST, server.port())) {
            var executor = lease.connection().executor();
            Commands commands = new Commands(executor, new Scripts(executor), sets);
            refusedThenScripted(commands, sets, redis, commit(null, 50_000, TtlCode.UNCHANGED),
                    "conditional-set:refused-nx");
        }
    }

    /** Sends a change the server refuses as a SET: it still happens, by script, and later ones go by script. */
    private static void refusedThenScripted(Commands commands, ConditionalSets sets, RespClient redis,
                                            Mutation mutation, String name) throws Exception {
        boolean ifEquals = mutation.condition.equals(Mutation.IF_EQUALS);
        byte[] key = ScriptTestEntries.prepare(redis, name, ifEquals ? EXPECTED : null, 40_000);
        assertThat(sets.fit(mutation)).isTrue();
        long scriptsBefore = scriptCalls(redis);

        MutateResult done = commands.mutate(key, mutation, null).get(10, TimeUnit.SECONDS);

        assertThat(done.outcome()).isEqualTo(ifEquals ? MutateResult.UPDATED : MutateResult.CREATED);
        assertThat(done.oldValue()).isEqualTo(ifEquals ? EXPECTED : null);
        assertThat(redis.call(bytes("GET"), key)).isEqualTo(VALUE);
        assertThat(ttlBucket(redis, key)).isEqualTo(ifEquals ? 40 : 50);
        assertThat(sets.fit(mutation)).as("still sent as a SET").isFalse();
        long scriptsAfterRefusal = scriptCalls(redis);
        assertThat(scriptsAfterRefusal).isGreaterThan(scriptsBefore);
        String setStats = setStats(redis);

        MutateResult failed = commands.mutate(key, mutation, null).get(10, TimeUnit.SECONDS);

        assertThat(failed.outcome()).isEqualTo(MutateResult.CONDITION_FAILED);
        assertThat(setStats(redis)).as("SET sent again").isEqualTo(setStats);
        assertThat(scriptCalls(redis)).isGreaterThan(scriptsAfterRefusal);
    }

    @Test
    void theServerSaysWhichOptionsItHas() {
        assertThat(ServerInfo.of(Map.of("redis_version", "8.4.0")).hasSetIfEquals()).isTrue();
        assertThat(ServerInfo.of(Map.of("redis_version", "8.2.3")).hasSetIfEquals()).isFalse();
        assertThat(ServerInfo.of(Map.of("redis_version", "7.0.15")).hasSetIfEquals()).isFalse();
        assertThat(ServerInfo.of(Map.of("redis_version", "8.4.0")).hasDeleteIfEquals()).isTrue();
        assertThat(ServerInfo.of(Map.of("redis_version", "8.2.3")).hasDeleteIfEquals()).isFalse();
        assertThat(VALKEY_9.hasDeleteIfEquals()).as("Valkey 9.0 has DELIFEQ").isTrue();
        assertThat(VALKEY_9.isValkey()).isTrue();
        assertThat(REDIS_84.isValkey()).isFalse();
        // Valkey keeps redis_version at the 7.2.4 it forked from and gives its own in valkey_version.
        ServerInfo valkey81 = ServerInfo.of(Map.of("redis_version", "7.2.4", "valkey_version", "8.1.1"));
        assertThat(valkey81.hasSetIfEquals()).isTrue();
        assertThat(valkey81.hasSharding7()).isTrue();
        assertThat(valkey81.describe()).isEqualTo("Valkey 8.1.1");
        assertThat(ServerInfo.of(Map.of("redis_version", "7.2.4", "valkey_version", "8.0.2")).hasSetIfEquals())
                .isFalse();
        assertThat(valkey81.hasDeleteIfEquals()).as("DELIFEQ came in Valkey 9.0").isFalse();
        assertThat(ServerInfo.of(Map.of("redis_version", "8.4.0")).describe()).isEqualTo("Redis 8.4.0");
    }

    private static Mutation commit(byte[] snapshot, long createTtl, long updateTtl) {
        return Mutation.commit(snapshot, Mutation.CommitAction.SET, VALUE, createTtl, updateTtl);
    }

    /** An entry processor's removal of the entry it read ({@code null}: of an entry it found absent). */
    private static Mutation delete(byte[] snapshot) {
        return Mutation.commit(snapshot, Mutation.CommitAction.DELETE, null, TtlCode.EXPIRE_NOW, TtlCode.UNCHANGED);
    }

    private static long scriptCalls(RespClient redis) {
        return ScriptTestEntries.calls(redis, "evalsha", "eval");
    }

    /** SET's line of INFO commandstats: its calls, and those it failed or refused. */
    private static String setStats(RespClient redis) {
        Matcher m = Pattern.compile("cmdstat_set:.*").matcher(commandStats(redis));
        return m.find() ? m.group() : "";
    }

    private static String commandStats(RespClient redis) {
        return redis.callString("INFO", "commandstats");
    }
}
