package io.github.redisjcache.connection;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.redisson.client.codec.StringCodec;
import org.redisson.client.protocol.RedisCommands;
import org.redisson.command.CommandAsyncExecutor;

/**
 * What the connected server can do, by name and version: some commands the cache prefers arrived in Redis 6.2, 7.0
 * and 8.4, or in Valkey 8.1, 9.0 and 9.1.
 */
public final class ServerInfo {

    private final boolean valkey;
    private final int major;
    private final int minor;
    private final String version;

    private ServerInfo(boolean valkey, String version) {
        this.valkey = valkey;
        this.version = version;
        String[] parts = version.split("\\.");
        this.major = parse(parts, 0);
        this.minor = parse(parts, 1);
    }

    /**
     * Reads the fields of {@code INFO server}: Valkey gives its own version in {@code valkey_version} and keeps
     * {@code redis_version} at 7.2.4, the Redis it forked from.
     *
     * @param server the fields
     * @return what they say
     */
    public static ServerInfo of(Map<String, String> server) {
        String valkeyVersion = server.get("valkey_version");
        if (valkeyVersion != null) {
            return new ServerInfo(true, valkeyVersion);
        }
        String version = server.get("redis_version");
        return new ServerInfo(false, version == null ? "0.0.0" : version);
    }

    /**
     * Asks a node for {@code INFO server}, without waiting.
     *
     * @param executor the connection's executor
     * @return what the node said
     */
    public static CompletableFuture<ServerInfo> readAsync(CommandAsyncExecutor executor) {
        return executor.<Map<String, String>, Map<String, String>>readRandomAsync(StringCodec.INSTANCE,
                RedisCommands.INFO_SERVER).toCompletableFuture().thenApply(ServerInfo::of);
    }

    static ServerInfo await(CompletableFuture<ServerInfo> reading, Duration timeout) {
        try {
            return reading.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the Redis server version", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot read the Redis server version: " + e.getMessage(), e);
        }
    }

    private static int parse(String[] parts, int index) {
        try {
            return parts.length > index ? Integer.parseInt(parts[index]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** @return the version string, e.g. {@code 7.0.15} (Valkey's own for Valkey) */
    public String version() {
        return version;
    }

    /** @return the server and its version, e.g. {@code Redis 7.0.15} or {@code Valkey 9.1.2} */
    public String describe() {
        return (valkey ? "Valkey " : "Redis ") + version;
    }

    /** @return whether the server is at least the given version */
    public boolean atLeast(int wantedMajor, int wantedMinor) {
        return major > wantedMajor || (major == wantedMajor && minor >= wantedMinor);
    }

    /** @return whether GETEX, GETDEL and SET ... GET exist (Redis 6.2; Valkey, whose versions start at 7.2) */
    public boolean hasGetEx() {
        return atLeast(6, 2);
    }

    /** @return whether sharded pub/sub (SPUBLISH, SSUBSCRIBE) and SET NX GET exist (Redis 7.0; Valkey) */
    public boolean hasSharding7() {
        return atLeast(7, 0);
    }

    /** @return whether SET compares and sets by itself, with {@code IFEQ} (Redis 8.4, Valkey 8.1) */
    public boolean hasSetIfEquals() {
        return valkey ? atLeast(8, 1) : atLeast(8, 4);
    }

    /**
     * @return whether MSETEX sets many keys with a time to live, on condition that all or none exist (Redis 8.4,
     *         Valkey 9.1)
     */
    public boolean hasMultiSetWithExpiry() {
        return valkey ? atLeast(9, 1) : atLeast(8, 4);
    }

    /**
     * @return whether one command deletes a key on condition that it holds the expected value: {@code DELEX ...
     *         IFEQ} (Redis 8.4) or {@code DELIFEQ} (Valkey 9.0, see {@link #isValkey})
     */
    public boolean hasDeleteIfEquals() {
        return valkey ? atLeast(9, 0) : atLeast(8, 4);
    }

    /**
     * @return whether the server is Valkey, whose compare-and-delete is {@code DELIFEQ key value} (its
     *         {@code DELEX ... IFEQ} came later, in 9.2)
     */
    public boolean isValkey() {
        return valkey;
    }
}
