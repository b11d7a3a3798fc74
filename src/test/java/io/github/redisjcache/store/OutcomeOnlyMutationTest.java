package io.github.redisjcache.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.RespClient;
import io.github.redisjcache.testing.TestRedis;

/**
 * A change asked for its outcome only ({@link Mutation#withValues} false) does in Redis exactly what the full change
 * does, publishes byte for byte the same events, and answers with the same outcome, without the values: for every
 * kind of change, entry state and event route. The event messages keep their format.
 */
@RedisTest
class OutcomeOnlyMutationTest {

    private static final byte[] EXPECTED = bytes("expected");
    private static final byte[] OTHER = bytes("other");
    private static final byte[] VALUE = bytes("new value");
    private static final String CHANNEL = "outcome-only-test:events";
    private static final byte[] KEY = bytes("outcome-only-test:entry");
    private static final byte[] SHADOW = bytes("outcome-only-test:shadow");

    @RegisterExtension
    static final StoreCommandsExtension STORE = new StoreCommandsExtension();

    /** The entry's state before the change; a shadow without its entry is an expiry nobody reported yet. */
    private record State(String name, byte[] value, long ttl, byte[] shadow) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** What a change left behind: its outcome, the events it published, the entry and its shadow. */
    private record Trace(int outcome, List<String> events, String value, long ttl, String shadow, long shadowTtl) {
    }

    @Test
    void everyChangeDoesAndPublishesWhatTheFullChangeDoes() throws Exception {
        List<State> states = List.of(new State("absent", null, 0, null),
                new State("absent, expiry unreported", null, 0, OTHER),
                new State("expected, eternal", EXPECTED, TtlCode.ETERNAL, null),
                new State("expected, expiring, shadowed", EXPECTED, 40_000, EXPECTED),
                new State("other, eternal", OTHER, TtlCode.ETERNAL, null));
        List<Mutation> mutations = List.of(Mutation.put(VALUE, TtlCode.ETERNAL, TtlCode.UNCHANGED),
                Mutation.put(VALUE, 50_000, 50_000), Mutation.put(VALUE, TtlCode.EXPIRE_NOW, TtlCode.EXPIRE_NOW),
                Mutation.putIfAbsent(VALUE, TtlCode.ETERNAL), Mutation.putIfAbsent(VALUE, TtlCode.EXPIRE_NOW),
                Mutation.replace(VALUE, 50_000), Mutation.replace(VALUE, TtlCode.EXPIRE_NOW), Mutation.remove(),
                Mutation.replaceIfEquals(EXPECTED, VALUE, TtlCode.UNCHANGED, 50_000),
                Mutation.removeIfEquals(EXPECTED, TtlCode.EXPIRE_NOW), Mutation.touch(TtlCode.EXPIRE_NOW),
                Mutation.read(50_000));
        List<EventRoute> routes = List.of(new EventRoute(CHANNEL, false, "origin-1", null, 0, false),
                new EventRoute(CHANNEL, false, "origin-2", SHADOW, 60_000, true));
        int compared = 0;
        try (RespClient redis = TestRedis.get().client(); RespClient subscriber = TestRedis.get().client()) {
            subscriber.call("SUBSCRIBE", CHANNEL);
            for (EventRoute route : routes) {
                for (State state : states) {
                    if (state.shadow() != null && !route.tracksExpiry()) {
                        continue;
                    }
                    for (Mutation mutation : mutations) {
                        String label = describe(mutation) + " on " + state + (route.tracksExpiry() ? ", tracked" : "");

                        prepare(redis, state);
                        MutateResult full = STORE.commands().mutate(KEY, mutation, route).get(10, TimeUnit.SECONDS);
                        Trace fullTrace = trace(redis, subscriber, full.outcome());
                        prepare(redis, state);
                        MutateResult bare = STORE.commands().mutate(KEY, mutation.withValues(false), route)
                                .get(10, TimeUnit.SECONDS);
                        Trace bareTrace = trace(redis, subscriber, bare.outcome());

                        assertThat(bareTrace).as(label).isEqualTo(fullTrace);
                        boolean heldOnExpected = mutation.condition.equals(Mutation.IF_EQUALS)
                                && bare.outcome() != MutateResult.CONDITION_FAILED;
                        assertThat(bare.oldValue()).as("old value of %s", label)
                                .isEqualTo(heldOnExpected ? EXPECTED : null);
                        assertThat(bare.expiredValue()).as("expired value of %s", label).isNull();
                        compared++;
                    }
                }
            }
        }
        assertThat(compared).isEqualTo(3 * 12 + 5 * 12);
    }

    /** A put whose times to live one SET gives runs as one SET ... GET: the time to live its rules give, each way. */
    @Test
    void putsLeaveTheTimeToLiveTheirRulesGive() throws Exception {
        long[][] rules = {{TtlCode.ETERNAL, TtlCode.UNCHANGED}, {TtlCode.ETERNAL, TtlCode.ETERNAL}, {50_000, 50_000}};
        List<State> states = List.of(new State("absent", null, 0, null),
                new State("expected, eternal", EXPECTED, TtlCode.ETERNAL, null),
                new State("expected, expiring", EXPECTED, 20_000, null));
        EventRoute route = new EventRoute(CHANNEL, false, "origin-4", null, 0, true);
        try (RespClient redis = TestRedis.get().client(); RespClient subscriber = TestRedis.get().client()) {
            subscriber.call("SUBSCRIBE", CHANNEL);
            for (long[] rule : rules) {
                for (State state : states) {
                    String label = "put created " + rule[0] + " updated " + rule[1] + " on " + state;
                    prepare(redis, state);
                    MutateResult result = STORE.commands().mutate(KEY, Mutation.put(VALUE, rule[0], rule[1]), route)
                            .get(10, TimeUnit.SECONDS);
                    boolean created = state.value() == null;
                    long ttl = created ? rule[0] : rule[1] == TtlCode.UNCHANGED ? state.ttl() : rule[1];
                    Trace trace = trace(redis, subscriber, result.outcome());
                    assertThat(trace.outcome()).as(label).isEqualTo(created ? MutateResult.CREATED
                            : MutateResult.UPDATED);
                    assertThat(result.oldValue()).as(label).isEqualTo(state.value());
                    assertThat(trace.value()).as(label).isEqualTo("new value");
                    assertThat(trace.ttl()).as(label).isEqualTo(ttl == TtlCode.ETERNAL ? -1 : ttl / 1_000);
                    assertThat(trace.events()).as(label).containsExactly(
                            message(created ? 'C' : 'U', "origin-4", VALUE, state.value()));
                }
            }
        }
    }

    @Test
    void eventMessagesCarryVersionTypeOriginKeyValueAndOldValue() throws Exception {
        EventRoute withOld = new EventRoute(CHANNEL, false, "origin-3", null, 0, true);
        EventRoute withoutOld = new EventRoute(CHANNEL, false, "origin-3", null, 0, false);
        try (RespClient redis = TestRedis.get().client(); RespClient subscriber = TestRedis.get().client()) {
            subscriber.call("SUBSCRIBE", CHANNEL);
            prepare(redis, new State("absent", null, 0, null));

            Mutation create = Mutation.put(EXPECTED, TtlCode.ETERNAL, TtlCode.UNCHANGED).withValues(false);
            STORE.commands().mutate(KEY, create, withOld).get(10, TimeUnit.SECONDS);
            assertThat(events(redis, subscriber)).containsExactly(message('C', "origin-3", EXPECTED, null));

            STORE.commands().mutate(KEY, Mutation.put(VALUE, TtlCode.ETERNAL, TtlCode.UNCHANGED), withOld)
                    .get(10, TimeUnit.SECONDS);
            assertThat(events(redis, subscriber)).containsExactly(message('U', "origin-3", VALUE, EXPECTED));

            STORE.commands().mutate(KEY, Mutation.remove(), withoutOld).get(10, TimeUnit.SECONDS);
            assertThat(events(redis, subscriber)).containsExactly(message('R', "origin-3", null, null));
        }
    }

    private static void prepare(RespClient redis, State state) {
        redis.call(bytes("DEL"), KEY, SHADOW);
        if (state.value() != null) {
            if (state.ttl() > 0) {
                redis.call(bytes("SET"), KEY, state.value(), bytes("PX"), bytes(Long.toString(state.ttl())));
            } else {
                redis.call(bytes("SET"), KEY, state.value());
            }
        }
        if (state.shadow() != null) {
            redis.call(bytes("SET"), SHADOW, state.shadow(), bytes("PX"), bytes("100000"));
        }
    }

    private static Trace trace(RespClient redis, RespClient subscriber, int outcome) {
        return new Trace(outcome, events(redis, subscriber), text(redis.call(bytes("GET"), KEY)),
                ttlBucket(redis, KEY), text(redis.call(bytes("GET"), SHADOW)), ttlBucket(redis, SHADOW));
    }

    private static List<String> events(RespClient redis, RespClient subscriber) {
        return ScriptTestEntries.events(redis, subscriber, CHANNEL, false);
    }

    /** The documented message format, built independently of the script. */
    private static String message(char type, String origin, byte[] value, byte[] oldValue) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        out.write(type);
        field(out, bytes(origin));
        field(out, KEY);
        field(out, value);
        field(out, oldValue);
        return HexFormat.of().formatHex(out.toByteArray());
    }

    private static void field(ByteArrayOutputStream out, byte[] bytes) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes == null ? -1 : bytes.length).array());
        if (bytes != null) {
            out.writeBytes(bytes);
        }
    }

    /** -2 absent, -1 no expiry, else the time to live rounded to seconds (the two runs differ by microseconds). */
    private static long ttlBucket(RespClient redis, byte[] key) {
        long ttl = (Long) redis.call(bytes("PTTL"), key);
        return ttl < 0 ? ttl : Math.round(ttl / 1_000.0);
    }

    private static String text(Object reply) {
        return reply == null ? null : new String((byte[]) reply, StandardCharsets.UTF_8);
    }

    private static String describe(Mutation mutation) {
        return "condition " + mutation.condition + " action " + mutation.action + " create " + mutation.createTtl
                + " update " + mutation.updateTtl + " miss " + mutation.missTtl;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
