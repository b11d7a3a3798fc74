package io.github.redisjcache.benchmarks;

import io.github.redisjcache.testing.RedisServer;
import io.github.redisjcache.testing.RespClient;

/**
 * The redis-server the benchmarks talk to: the one the launcher started (its port in the system property
 * {@value #PORT_PROPERTY}, passed to every JMH fork), else one started here for this JVM (when a benchmark is run
 * on its own with JMH's command line). Never the machine's own Redis.
 */
public final class BenchRedis {

    /** System property holding the port of the shared server. */
    public static final String PORT_PROPERTY = "bench.redis.port";

    private static RedisServer own;

    private BenchRedis() {
    }

    /** @return the port of the server to use, starting one for this JVM if none was given */
    public static synchronized int port() {
        String port = System.getProperty(PORT_PROPERTY);
        if (port != null && !port.isEmpty()) {
            return Integer.parseInt(port);
        }
        if (own == null) {
            own = start();
            RedisServer server = own;
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return own.port();
    }

    /** Starts an isolated server the way the benchmarks want it: no persistence, no eviction. */
    public static RedisServer start() {
        return RedisServer.start("--maxmemory", "0", "--protected-mode", "no");
    }

    public static String uri() {
        return "redis://" + RedisServer.HOST + ":" + port();
    }

    public static RespClient client() {
        return new RespClient(RedisServer.HOST, port());
    }

    /** Empties the server (each benchmark starts from an empty one). */
    public static void flushAll() {
        try (RespClient client = client()) {
            client.flushAll();
        }
    }
}
