package io.github.redisjcache.connection;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.redisson.client.codec.StringCodec;
import org.redisson.client.protocol.RedisCommands;
import org.redisson.command.CommandAsyncExecutor;

/** What the connected Redis can do, by version: some commands the cache prefers arrived in Redis 6.2 and 7.0. */
public final class ServerInfo {

    private final int major;
    private final int minor;
    private final String version;

    ServerInfo(String version) {
        this.version = version;
        String[] parts = version.split("\\.");
        this.major = parse(parts, 0);
        this.minor = parse(parts, 1);
    }

    static ServerInfo read(CommandAsyncExecutor executor, Duration timeout) {
        try {
            Map<String, String> server = executor.<Map<String, String>, Map<String, String>>readRandomAsync(
                    StringCodec.INSTANCE, RedisCommands.INFO_SERVER).toCompletableFuture()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            String version = server.get("redis_version");
            return new ServerInfo(version == null ? "0.0.0" : version);
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

    /** @return the version string, e.g. {@code 7.0.15} */
    public String version() {
        return version;
    }

    /** @return whether the server is at least the given version */
    public boolean atLeast(int wantedMajor, int wantedMinor) {
        return major > wantedMajor || (major == wantedMajor && minor >= wantedMinor);
    }

    /** @return whether GETEX, GETDEL and SET ... GET exist (Redis 6.2) */
    public boolean hasGetEx() {
        return atLeast(6, 2);
    }

    /** @return whether sharded pub/sub (SPUBLISH, SSUBSCRIBE) and SET NX GET exist (Redis 7.0) */
    public boolean hasSharding7() {
        return atLeast(7, 0);
    }
}
