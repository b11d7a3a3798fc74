package io.github.redisjcache.integrationtests;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;

import io.github.redisjcache.connection.ServerInfo;
import io.github.redisjcache.support.CacheManagers;
import io.github.redisjcache.support.Eventually;
import io.github.redisjcache.testing.RespClient;
import io.github.redisjcache.testing.TestRedis;

/**
 * Caches on the test Redis reached through a {@link RoundTripProxy}, and a way to see what one operation sent: the
 * commands and round trips the proxy saw, and the commands Redis ran ({@code INFO commandstats}, which also counts
 * the commands a script calls).
 */
final class MeasuredCaches implements AutoCloseable {

    /** The key a measured operation works on, and the key the same operation warms up on first. */
    static final String KEY = "k";
    static final String WARM_UP_KEY = "warm-up";

    /** What the tests' server says of itself, asked once; before the constants read from it. */
    private static final ServerInfo SERVER = server();

    /**
     * What a compare-and-set nobody listens to sends, when it leaves a mismatched entry alone: {@code set}
     * ({@code SET ... IFEQ}) where the tests' server has the option, else {@code evalsha} ({@code swap.lua}).
     */
    static final String COMPARE_AND_SET = SERVER.hasSetIfEquals() ? "set" : "evalsha";

    /**
     * What a compare-and-delete nobody listens to sends, when it leaves a mismatched entry alone: {@code delex}
     * ({@code DELEX ... IFEQ}) or {@code delifeq} (Valkey) where the tests' server has it, else {@code evalsha}
     * ({@code swap.lua}).
     */
    static final String COMPARE_AND_DELETE = !SERVER.hasDeleteIfEquals() ? "evalsha"
            : SERVER.isValkey() ? "delifeq" : "delex";

    /** Whether the tests' server has MSETEX (Redis 8.4, Valkey 9.1), which a putAll of entries that expire sends. */
    static final boolean MULTI_SET_WITH_EXPIRY = SERVER.hasMultiSetWithExpiry();

    private final RespClient redis;
    private final RoundTripProxy proxy;
    private final CacheManager manager;

    MeasuredCaches(RespClient redis) {
        this.redis = redis;
        this.proxy = new RoundTripProxy(TestRedis.get().host(), TestRedis.get().port());
        // No idle PINGs: only the measured operation may talk to Redis.
        this.manager = CacheManagers.provider().getCacheManager(URI.create(proxy.uri() + "?ping-interval=0"),
                MeasuredCaches.class.getClassLoader());
    }

    <K, V> Cache<K, V> create(String name, MutableConfiguration<K, V> configuration) {
        return manager.createCache(name, configuration);
    }

    /**
     * Runs an operation once on {@link #WARM_UP_KEY} (scripts loaded, server version read, connections open), then
     * measures it on {@link #KEY}.
     */
    Sent measure(Consumer<String> operation) {
        operation.accept(WARM_UP_KEY);
        return measure(() -> operation.accept(KEY));
    }

    /** Measures an operation as it is, without warming up. */
    Sent measure(Runnable operation) {
        redis.call("CONFIG", "RESETSTAT");
        proxy.reset();
        operation.run();
        long roundTrips = proxy.roundTrips();
        Map<String, Long> sent = proxy.commands();
        Map<String, Long> ran = new TreeMap<>(redis.commandStats());
        ran.remove("config|resetstat");
        return new Sent(sent, roundTrips, ran);
    }

    /**
     * Waits until the client has sent a command some number of times since the last measurement began: for work an
     * operation leaves to another thread, which must not land among the next measurement's commands.
     */
    void awaitSent(String command, long times, Duration limit) {
        Eventually.await(limit, times + " " + command + " sent through the proxy",
                () -> proxy.commands().getOrDefault(command, 0L) >= times);
    }

    @Override
    public void close() {
        manager.close();
        proxy.close();
    }

    private static ServerInfo server() {
        try (RespClient client = TestRedis.get().client()) {
            return ServerInfo.of(client.info("server"));
        }
    }

    /**
     * What an operation sent.
     *
     * @param commands   the commands the client sent, by lower-case name
     * @param roundTrips times the client waited for Redis
     * @param ran        the commands Redis ran, scripts' own calls included, as {@code INFO commandstats} names them
     */
    record Sent(Map<String, Long> commands, long roundTrips, Map<String, Long> ran) {

        @Override
        public String toString() {
            return commands + " in " + roundTrips + " round trip(s); Redis ran " + ran;
        }
    }
}
