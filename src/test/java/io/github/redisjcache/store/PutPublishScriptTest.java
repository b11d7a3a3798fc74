package io.github.redisjcache.store;

import static io.github.redisjcache.store.ScriptTestEntries.bytes;
import static io.github.redisjcache.store.ScriptTestEntries.events;
import static io.github.redisjcache.store.ScriptTestEntries.ttlBucket;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.RespClient;
import io.github.redisjcache.testing.TestRedis;

/**
 * {@code putpublish.lua}, the put run while someone listens, does exactly what {@code mutate.lua} does for the same
 * put: same outcome, same old value, same value and time to live left behind, and byte for byte the same event, for
 * every pair of times to live one SET gives, every state the entry can be in, with and without old values in events,
 * asked for its values or its outcome only, on plain and on sharded channels. Puts no single SET can give, and puts
 * that keep a shadow, still run {@code mutate.lua}.
 */
@RedisTest
class PutPublishScriptTest {

    private static final String CHANNEL = "putpublish-test:events";
    private static final byte[] VALUE = bytes("new value");
    private static final long[][] SINGLE_SET_RULES = {{TtlCode.ETERNAL, TtlCode.UNCHANGED},
        {TtlCode.ETERNAL, TtlCode.ETERNAL}, {50_000, 50_000}};

    @RegisterExtension
    static final StoreCommandsExtension STORE = new StoreCommandsExtension();

    /** The entry's state before the put: absent, or present with or without a time to live. */
    private record State(String name, byte[] value, long ttl) {
    }

    /** What a put left behind: its outcome and old value, the events it published, the entry's value and ttl. */
    private record Trace(int outcome, String oldValue, List<String> events, String value, long ttl) {
    }

    private static final List<State> STATES = List.of(new State("absent", null, 0),
            new State("eternal", bytes("old"), TtlCode.ETERNAL), new State("expiring", bytes("old"), 40_000));

    @Test
    void everyPutEndsAndPublishesAsWithMutateLua() throws Exception {
        int compared = 0;
        for (boolean sharded : new boolean[]{false, true}) {
            try (RespClient redis = TestRedis.get().client(); RespClient subscriber = TestRedis.get().client()) {
                subscriber.call(sharded ? "SSUBSCRIBE" : "SUBSCRIBE", CHANNEL);
                for (boolean oldValues : new boolean[]{false, true}) {
                    EventRoute route = new EventRoute(CHANNEL, sharded, "origin-" + compared, null, 0, oldValues);
                    for (long[] rule : SINGLE_SET_RULES) {
                        for (boolean withValues : new boolean[]{false, true}) {
                            Mutation put = Mutation.put(VALUE, rule[0], rule[1]).withValues(withValues);
                            for (State state : STATES) {
                                String label = "create " + rule[0] + " update " + rule[1] + " on " + state.name()
                                        + (oldValues ? ", old values" : "") + (withValues ? ", with values" : "")
                                        + (sharded ? ", sharded" : "");
                                byte[] published = prepare(redis, "putpublish-test:a", state);
                                Trace byPutPublish = trace(redis, subscriber, route, published,
                                        STORE.commands().mutate(published, put, route));
                                byte[] mutated = prepare(redis, "putpublish-test:b", state);
                                Trace byMutate = trace(redis, subscriber, route, mutated,
                                        STORE.commands().mutateScript(mutated, put, route));

                                assertThat(byPutPublish.events()).as("events of %s", label).hasSize(1);
                                // The events name different keys: compare them with the key's name made equal.
                                assertThat(byPutPublish).as(label).isEqualTo(new Trace(byMutate.outcome(),
                                        byMutate.oldValue(), List.of(byMutate.events().get(0)
                                        .replace(hex("b"), hex("a"))), byMutate.value(),
                                        byMutate.ttl()));
                                compared++;
                            }
                        }
                    }
                }
            }
        }
        assertThat(compared).isEqualTo(2 * 2 * SINGLE_SET_RULES.length * 2 * STATES.size());
    }

    /** Found by the scripts Redis caches when it is sent their source, after they were flushed. */
    @Test
    void aPutWithItsEventRunsPutPublishLuaAlone() throws Exception {
        EventRoute route = new EventRoute(CHANNEL, false, "origin-flushed", null, 0, false);
        try (RespClient redis = TestRedis.get().client()) {
            redis.call("SCRIPT", "FLUSH");
            byte[] key = prepare(redis, "putpublish-test:a", STATES.get(1));

            MutateResult result = STORE.commands().mutate(key, Mutation.put(VALUE, TtlCode.ETERNAL,
                    TtlCode.UNCHANGED), route).get(10, TimeUnit.SECONDS);

            assertThat(result.outcome()).isEqualTo(MutateResult.UPDATED);
            assertThat(redis.call("SCRIPT", "EXISTS", Scripts.PUT_PUBLISH.sha1(), Scripts.MUTATE.sha1()))
                    .isEqualTo(List.of(1L, 0L));
        }
    }

    /** The cheaper script never runs a put it cannot do alone: those leave mutate.lua's traces, shadow included. */
    @Test
    void putsThatOneSetCannotGiveOrThatKeepAShadowRunMutateLua() throws Exception {
        byte[] shadow = bytes("putpublish-test:shadow");
        EventRoute plain = new EventRoute(CHANNEL, false, "origin-plain", null, 0, true);
        EventRoute tracked = new EventRoute(CHANNEL, false, "origin-tracked", shadow, 60_000, true);
        try (RespClient redis = TestRedis.get().client(); RespClient subscriber = TestRedis.get().client()) {
            subscriber.call("SUBSCRIBE", CHANNEL);
            State expiring = STATES.get(2);

            byte[] key = prepare(redis, "putpublish-test:a", expiring);
            MutateResult expiredAtOnce = STORE.commands().mutate(key,
                    Mutation.put(VALUE, 50_000, TtlCode.EXPIRE_NOW), plain).get(10, TimeUnit.SECONDS);
            assertThat(expiredAtOnce.outcome()).isEqualTo(MutateResult.UPDATED_EXPIRED);
            assertThat(events(redis, subscriber, CHANNEL, false)).hasSize(2);
            assertThat(redis.call(bytes("EXISTS"), key)).isEqualTo(0L);

            prepare(redis, "putpublish-test:a", expiring);
            MutateResult shadowed = STORE.commands().mutate(key, Mutation.put(VALUE, 50_000, 50_000), tracked)
                    .get(10, TimeUnit.SECONDS);
            assertThat(shadowed.outcome()).isEqualTo(MutateResult.UPDATED);
            assertThat(events(redis, subscriber, CHANNEL, false)).hasSize(1);
            assertThat(redis.call(bytes("GET"), shadow)).isEqualTo(VALUE);
            assertThat(ttlBucket(redis, shadow)).isEqualTo(110);
            redis.call(bytes("DEL"), shadow);
        }
    }

    private static byte[] prepare(RespClient redis, String name, State state) {
        return ScriptTestEntries.prepare(redis, name, state.value(), state.ttl());
    }

    private static Trace trace(RespClient redis, RespClient subscriber, EventRoute route, byte[] key,
                               CompletableFuture<MutateResult> change) throws Exception {
        MutateResult result = change.get(10, TimeUnit.SECONDS);
        Object value = redis.call(bytes("GET"), key);
        return new Trace(result.outcome(), text(result.oldValue()), events(redis, subscriber, CHANNEL,
                route.sharded()), text((byte[]) value), ttlBucket(redis, key));
    }

    private static String hex(String keyName) {
        return HexFormat.of().formatHex(bytes("putpublish-test:" + keyName));
    }

    private static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
    }
}
