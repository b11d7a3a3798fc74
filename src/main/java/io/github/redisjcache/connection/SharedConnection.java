package io.github.redisjcache.connection;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.channel.EventLoopGroup;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.command.CommandAsyncExecutor;
import org.redisson.config.Config;

/**
 * One Redisson client shared by every facade and cache manager that asked for the same {@link ConnectionSettings}.
 *
 * <p>Obtained only through {@link ConnectionRegistry}; closing is the registry's job.
 */
public final class SharedConnection {

    /** How long the graceful parts of Redisson's shutdown and of the event loops' may each take. */
    private static final long GRACEFUL_MILLIS = 2_000;
    /** How long closing waits for both. */
    private static final Duration SHUTDOWN_BOUND = Duration.ofSeconds(10);

    private final ConnectionSettings settings;
    private final RedissonClient client;
    private final EventLoopGroup eventLoops;
    private final ConnectionMode mode;
    private final Duration operationTimeout;
    private final ReplyWatchdog replyWatchdog;
    private final AtomicReference<CompletableFuture<ServerInfo>> serverInfo = new AtomicReference<>();

    private SharedConnection(ConnectionSettings settings, RedissonClient client, EventLoopGroup eventLoops,
                             ConnectionMode mode, Duration operationTimeout) {
        this.settings = settings;
        this.client = client;
        this.eventLoops = eventLoops;
        this.mode = mode;
        this.operationTimeout = operationTimeout;
        this.replyWatchdog = new ReplyWatchdog("redis-jcache-reply-watchdog", ReplyWatchdog.SCAN_MILLIS);
    }

    static SharedConnection open(ConnectionSettings settings) {
        Config config = RedissonConfigFactory.create(settings, Thread.currentThread().getContextClassLoader());
        ConnectionMode mode = config.isClusterConfig() ? ConnectionMode.CLUSTER
                : config.isSentinelConfig() ? ConnectionMode.SENTINEL : ConnectionMode.STANDALONE;
        EventLoopGroup eventLoops = EventLoops.install(config);
        RedissonClient client;
        try {
            client = Redisson.create(config);
        } catch (RuntimeException e) {
            try {
                BoundedShutdown.run(() -> EventLoops.shutDown(eventLoops, GRACEFUL_MILLIS), SHUTDOWN_BOUND,
                        settings.describe());
            } catch (RuntimeException shutdownFailure) {
                // The caller needs to know why the connection failed, not why its cleanup did.
                e.addSuppressed(shutdownFailure);
            }
            throw e;
        }
        return new SharedConnection(settings, client, eventLoops, mode, operationTimeout(settings));
    }

    /**
     * Bounds how long a caller waits for one operation: Redisson retries a command that could not be sent, each
     * attempt bounded by the reply timeout, so the sum of attempts plus the pauses between them, with some slack.
     */
    private static Duration operationTimeout(ConnectionSettings s) {
        long attempts = s.retryAttempts() + 1L;
        return s.connectTimeout().plus(s.timeout().plus(s.retryInterval()).multipliedBy(attempts))
                .plusSeconds(1);
    }

    /** @return the settings this connection was opened with */
    public ConnectionSettings settings() {
        return settings;
    }

    /** @return the deployment, as the settings or the Redisson file say */
    public ConnectionMode mode() {
        return mode;
    }

    /** @return how Netty moves this connection's bytes (as the settings or the Redisson file chose) */
    public Transport transport() {
        return Transport.valueOf(client.getConfig().getTransportMode().name());
    }

    /** @return the Redisson client */
    public RedissonClient client() {
        return client;
    }

    /** @return Redisson's command executor, for commands Redisson's public API does not offer byte-exactly */
    public CommandAsyncExecutor executor() {
        return ((Redisson) client).getCommandExecutor();
    }

    /** @return the longest a synchronous caller waits for one operation before giving up */
    public Duration operationTimeout() {
        return operationTimeout;
    }

    /** @return what bounds the callers' waits for this connection's replies to {@link #operationTimeout()} */
    public ReplyWatchdog replyWatchdog() {
        return replyWatchdog;
    }

    /**
     * Returns facts about the server, read once with {@code INFO server}.
     *
     * @return the server's version and mode
     */
    public ServerInfo serverInfo() {
        return ServerInfo.await(serverInfoAsync(), operationTimeout);
    }

    /**
     * Facts about the server without waiting for them: one {@code INFO server} per connection, asked again only after
     * a failure.
     *
     * @return the server's version and mode, when it answers
     */
    public CompletableFuture<ServerInfo> serverInfoAsync() {
        CompletableFuture<ServerInfo> info = serverInfo.get();
        if (info == null || info.isCompletedExceptionally()) {
            CompletableFuture<ServerInfo> asked = ServerInfo.readAsync(executor());
            info = serverInfo.compareAndSet(info, asked) ? asked : serverInfo.get();
        }
        return info;
    }

    void shutdown() {
        shutdown(SHUTDOWN_BOUND);
    }

    // Redisson leaves event loops it did not make alone; they end after it has closed its connections.
    void shutdown(Duration bound) {
        replyWatchdog.close();
        BoundedShutdown.run(() -> {
            client.shutdown(0, GRACEFUL_MILLIS, TimeUnit.MILLISECONDS);
            EventLoops.shutDown(eventLoops, GRACEFUL_MILLIS);
        }, bound, settings.describe());
    }

    /** @return whether the client has been shut down */
    public boolean isShutdown() {
        return client.isShutdown() || client.isShuttingDown();
    }
}
