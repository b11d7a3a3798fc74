package io.github.redisjcache.store;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.github.redisjcache.testing.RespClient;

/**
 * Entries the script tests (and the tests of other packages that write entries by command) set up by hand and compare
 * afterwards, by their value, time to live and events.
 */
public final class ScriptTestEntries {

    private static final String END = "end of the change's events";

    private ScriptTestEntries() {
    }

    /**
     * Puts a key into a state: absent, or holding bytes with or without a time to live.
     *
     * @param redis the client
     * @param name  the key
     * @param value the bytes, or null for absent
     * @param ttl   milliseconds, or 0 or less for none
     * @return the key's bytes
     */
    public static byte[] prepare(RespClient redis, String name, byte[] value, long ttl) {
        byte[] key = bytes(name);
        redis.call("DEL", name);
        if (value != null) {
            if (ttl > 0) {
                redis.call(bytes("SET"), key, value, bytes("PX"), bytes(Long.toString(ttl)));
            } else {
                redis.call(bytes("SET"), key, value);
            }
        }
        return key;
    }

    /**
     * An entry's state before a change: absent, or holding some bytes, with or without a time to live.
     *
     * @param value the bytes, or null for absent
     * @param ttl   milliseconds, or 0 or less for none
     */
    record EntryState(byte[] value, long ttl) {
        @Override
        public String toString() {
            return value == null ? "absent" : new String(value, StandardCharsets.UTF_8) + " ttl " + ttl;
        }
    }

    /**
     * The states a conditional change is tried in: absent, holding the expected bytes or others, each with and without
     * a time to live.
     */
    static List<EntryState> conditionalStates(byte[] expected, byte[] other) {
        return List.of(new EntryState(null, 0), new EntryState(expected, TtlCode.ETERNAL),
                new EntryState(expected, 40_000), new EntryState(other, TtlCode.ETERNAL), new EntryState(other, 40_000));
    }

    /** Puts a key into a state (see {@link #prepare(RespClient, String, byte[], long)}). */
    static byte[] prepare(RespClient redis, String name, EntryState state) {
        return prepare(redis, name, state.value(), state.ttl());
    }

    /** -2 absent, -1 no expiry, else the time to live rounded to seconds (two keys compared differ by microseconds). */
    public static long ttlBucket(RespClient redis, byte[] key) {
        long ttl = (Long) redis.call(bytes("PTTL"), key);
        return ttl < 0 ? ttl : Math.round(ttl / 1_000.0);
    }

    /**
     * The messages published on a channel since the last call, in hex: everything a subscriber to it receives before
     * a marker this publishes.
     *
     * @param redis      a client to publish the marker with
     * @param subscriber a client subscribed to the channel, with SSUBSCRIBE when it is sharded
     * @param channel    the channel
     * @param sharded    whether the channel is a sharded one (SPUBLISH)
     * @return the messages, in the order they came
     */
    static List<String> events(RespClient redis, RespClient subscriber, String channel, boolean sharded) {
        redis.call(sharded ? "SPUBLISH" : "PUBLISH", channel, END);
        List<String> events = new ArrayList<>();
        while (true) {
            byte[] payload = (byte[]) ((List<?>) subscriber.nextPush()).get(2);
            if (END.equals(new String(payload, StandardCharsets.UTF_8))) {
                return events;
            }
            events.add(HexFormat.of().formatHex(payload));
        }
    }

    /**
     * How many times Redis ran some commands since its statistics were last reset.
     *
     * @param redis    the client
     * @param commands the commands, as {@code INFO commandstats} names them ({@code evalsha}, {@code set})
     * @return their calls, summed
     */
    public static long calls(RespClient redis, String... commands) {
        Map<String, Long> stats = redis.commandStats();
        long calls = 0;
        for (String command : commands) {
            calls += stats.getOrDefault(command, 0L);
        }
        return calls;
    }

    public static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
