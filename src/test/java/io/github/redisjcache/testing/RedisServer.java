package io.github.redisjcache.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.github.redisjcache.connection.ConnectionSettings;

/**
 * One local {@code redis-server} process (or Sentinel) on a free loopback port, with its own data directory and
 * log file, stopped by its own pid.
 *
 * <p>Every server runs with {@code --port N --bind 127.0.0.1 --save "" --appendonly no --daemonize no --dir <own dir>
 * --logfile <own file>} ({@code --enable-debug-command yes} too on Redis 7+), then the caller's extra arguments. Its
 * port is a random free loopback port below the ephemeral range, never Redis's default port (where a user's own
 * server may run); a taken port is retried with another one. A JVM shutdown hook stops every server still running.
 * {@link #stop()} and {@link #kill()} end the process but keep the port and directory, so that {@link #restart()}
 * can start it again on the same port;
 * {@link #close()} stops it for good and deletes its directory (unless {@value #KEEP_DIRS_PROPERTY} is true).
 */
public final class RedisServer implements AutoCloseable {

    /** The only address servers listen on. */
    public static final String HOST = "127.0.0.1";
    /** System property: when {@code true}, {@link #close()} keeps the server's directory (logs) for post-mortems. */
    public static final String KEEP_DIRS_PROPERTY = "redisjcache.test.keep-server-dirs";

    private static final System.Logger LOG = System.getLogger(RedisServer.class.getName());
    private static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int START_ATTEMPTS = 5;
    private static final int CLUSTER_BUS_OFFSET = 10000;
    /*
     * Ports are picked at random below the ephemeral ranges (Linux 32768+, macOS/Windows 49152+), so that no outgoing
     * connection can grab a stopped server's port before restart() rebinds it. Plain servers use 27000..32767; cluster
     * nodes 10000..16999, their bus ports (port + 10000) being 20000..26999, so the two ranges never meet.
     */
    private static final int PLAIN_PORT_MIN = 27000;
    private static final int PLAIN_PORT_MAX = 32767;
    private static final int CLUSTER_PORT_MIN = 10000;
    private static final int CLUSTER_PORT_MAX = 16999;

    private static final Set<Integer> RESERVED_PORTS = new HashSet<>();
    private static final Set<RedisServer> RUNNING = Collections.synchronizedSet(new LinkedHashSet<>());
    private static boolean shutdownHookInstalled;

    private final RedisBinary binary;
    private final List<String> extraArgs;
    private final boolean clusterCapablePort;
    private final Duration clusterNodeTimeout;
    private final List<String> sentinelDirectives;
    private final Duration startTimeout;
    private final Path dir;
    private final Path logFile;
    private final Path outputFile;

    private int port;
    private Process process;
    private boolean closed;

    private RedisServer(Builder builder, Path dir) {
        this.binary = builder.binary != null ? builder.binary : RedisBinary.get();
        this.extraArgs = List.copyOf(builder.extraArgs);
        this.clusterNodeTimeout = builder.clusterNodeTimeout;
        this.clusterCapablePort = builder.clusterCapablePort || builder.clusterNodeTimeout != null;
        this.sentinelDirectives = builder.sentinelDirectives == null ? null : List.copyOf(builder.sentinelDirectives);
        this.startTimeout = builder.startTimeout;
        this.dir = dir;
        this.logFile = dir.resolve(isSentinel() ? "sentinel.log" : "redis.log");
        this.outputFile = dir.resolve("stdout.log");
    }

    /**
     * Starts a standalone server on a free loopback port with the given extra arguments (e.g.
     * {@code "--notify-keyspace-events", "Ex"}).
     */
    public static RedisServer start(String... extraArgs) {
        return builder().args(extraArgs).start();
    }

    /**
     * Starts a replica of {@code master} on a free loopback port and waits until it is in sync with it
     * ({@code master_link_status:up}).
     *
     * @throws IllegalStateException when it is not in sync within 20 s (the replica is stopped)
     */
    public static RedisServer startReplicaOf(RedisServer master) {
        RedisServer replica = start("--replicaof", HOST, Integer.toString(master.port()));
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        try (RespClient client = replica.client()) {
            while (!"up".equals(client.info("replication").get("master_link_status"))) {
                if (System.nanoTime() > deadline) {
                    replica.close();
                    throw new IllegalStateException("The replica " + replica.address() + " of " + master.address()
                            + " did not sync within 20 s");
                }
                sleep(10);
            }
        }
        return replica;
    }

    /** A builder for servers with more options (binary, cluster mode, sentinel mode, start timeout). */
    public static Builder builder() {
        return new Builder();
    }

    /** Options of a {@link RedisServer} to start. */
    public static final class Builder {
        private RedisBinary binary;
        private final List<String> extraArgs = new ArrayList<>();
        private boolean clusterCapablePort;
        private Duration clusterNodeTimeout;
        private List<String> sentinelDirectives;
        private Duration startTimeout = DEFAULT_START_TIMEOUT;

        private Builder() {
        }

        /** The executable to run; default {@link RedisBinary#get()}. */
        public Builder binary(RedisBinary binary) {
            this.binary = binary;
            return this;
        }

        /** Extra command-line arguments, appended after the standard ones (so they can override them). */
        public Builder args(String... args) {
            this.extraArgs.addAll(Arrays.asList(args));
            return this;
        }

        /** Picks a port whose cluster bus port (port + 10000) is free as well. */
        public Builder clusterCapablePort() {
            this.clusterCapablePort = true;
            return this;
        }

        /**
         * Cluster mode: {@code --cluster-enabled yes --cluster-config-file <own dir>/nodes.conf
         * --cluster-node-timeout <ms>} on a cluster-capable port.
         */
        public Builder clusterEnabled(Duration nodeTimeout) {
            this.clusterNodeTimeout = nodeTimeout;
            return this;
        }

        /**
         * Sentinel mode: runs {@code redis-server <own dir>/sentinel.conf --sentinel}, the generated config holding
         * port, bind, daemonize, dir and logfile followed by these directives (e.g. {@code sentinel monitor ...}).
         */
        public Builder sentinel(List<String> directives) {
            this.sentinelDirectives = new ArrayList<>(directives);
            return this;
        }

        /** How long to wait for the server to answer PING; default 10 s. */
        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        /** Starts the server and waits until it answers PING; retries on another port if the port was taken. */
        public RedisServer start() {
            RedisServer server = new RedisServer(this, createServerDirectory());
            try {
                server.startOnFreePort();
            } catch (RuntimeException | Error e) {
                server.close();
                throw e;
            }
            return server;
        }
    }

    // ---------------------------------------------------------------- accessors

    /** Always {@code "127.0.0.1"}. */
    public String host() {
        return HOST;
    }

    /** The port it listens on (kept across {@link #restart()}). */
    public synchronized int port() {
        return port;
    }

    /** {@code "127.0.0.1:PORT"}. */
    public String address() {
        return HOST + ":" + port();
    }

    /** {@code "redis://127.0.0.1:PORT"}. */
    public String uri() {
        return "redis://" + address();
    }

    /** The pid of the current (or last) process. */
    public synchronized long pid() {
        return process.pid();
    }

    /** Whether the process is running. */
    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Whether it runs as a Sentinel. */
    public boolean isSentinel() {
        return sentinelDirectives != null;
    }

    /** Whether it runs in cluster mode. */
    public boolean isClusterEnabled() {
        return clusterNodeTimeout != null;
    }

    /** A new connection to it; the caller closes it. */
    public RespClient client() {
        return new RespClient(HOST, port());
    }

    /** Its log file ({@code logfile} directive). */
    public Path logFile() {
        return logFile;
    }

    /** Its own data directory ({@code dir} directive), also the process's working directory. */
    public Path dir() {
        return dir;
    }

    /** The executable it runs. */
    public RedisBinary binary() {
        return binary;
    }

    /** The server version, e.g. {@code "7.0.15"}. */
    public String version() {
        return binary.version();
    }

    /** The caller's extra arguments. */
    public List<String> extraArgs() {
        return extraArgs;
    }

    /** The last {@code lines} lines of its log file and of its captured stdout/stderr. */
    public String logTail(int lines) {
        return tail(logFile, lines) + tail(outputFile, lines);
    }

    // ---------------------------------------------------------------- lifecycle

    /**
     * Stops the process gracefully: SIGTERM, wait up to 10 s, then SIGKILL. Port and directory are kept for
     * {@link #restart()}.
     */
    public synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor(process, STOP_TIMEOUT)) {
                LOG.log(Level.WARNING, "{0} did not stop within {1}; killing it", this, STOP_TIMEOUT);
                process.destroyForcibly();
                waitFor(process, STOP_TIMEOUT);
            }
            LOG.log(Level.DEBUG, "Stopped {0}", this);
        }
        RUNNING.remove(this);
    }

    /** Kills the process at once with SIGKILL (a crash, for failover tests) and waits until it is gone. */
    public synchronized void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor(process, STOP_TIMEOUT);
            LOG.log(Level.DEBUG, "Killed {0}", this);
        }
        RUNNING.remove(this);
    }

    /**
     * Starts a new process on the same port, directory and arguments (stopping the current one first if it is
     * running), waiting up to 10 s for the port to be free. Data is not kept ({@code save ""}), but a cluster
     * node's {@code nodes.conf} and a Sentinel's config are, so they rejoin with their identity.
     */
    public synchronized void restart() {
        relaunch(List.of());
    }

    /**
     * Restarts as {@link #restart()} does, as a replica of {@code master}: how a crashed master that keeps no data
     * must come back. Restarted as a master, it would be an empty master that Sentinel could promote again (when the
     * new master misses its down-after time) and make the new master sync from, wiping every write.
     */
    public synchronized void restartAsReplicaOf(RedisServer master) {
        relaunch(List.of("--replicaof", HOST, Integer.toString(master.port())));
    }

    private void relaunch(List<String> restartArgs) {
        if (closed) {
            throw new IllegalStateException(this + " is closed");
        }
        stop();
        awaitPortsFree(Duration.ofSeconds(10));
        launch(false, restartArgs);
    }

    /** Stops the process (gracefully, as {@link #stop()}), releases its port and deletes its directory. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            stop();
        }
        releasePort(port);
        if (!Boolean.getBoolean(KEEP_DIRS_PROPERTY)) {
            deleteRecursively(dir);
        }
    }

    @Override
    public String toString() {
        String pid = process == null ? "-" : Long.toString(process.pid());
        return (isSentinel() ? "redis-sentinel " : "redis-server ") + binary.version() + " at " + HOST + ":" + port
                + " (pid " + pid + ")";
    }

    // ---------------------------------------------------------------- internals

    private synchronized void startOnFreePort() {
        RuntimeException last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            if (port != 0) {
                releasePort(port);
            }
            port = reservePort(clusterCapablePort);
            try {
                launch(true, List.of());
                return;
            } catch (PortTakenException e) {
                LOG.log(Level.DEBUG, "Port {0} was taken, trying another one: {1}", port, e.getMessage());
                last = e;
            }
        }
        throw new IllegalStateException("Could not start redis-server after " + START_ATTEMPTS
                + " attempts on different ports", last);
    }

    private List<String> command(boolean fresh, List<String> restartArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(binary.path().toString());
        if (isSentinel()) {
            Path config = dir.resolve("sentinel.conf");
            if (fresh || !Files.exists(config)) {
                List<String> lines = new ArrayList<>();
                lines.add("port " + port);
                lines.add("bind " + HOST);
                lines.add("daemonize no");
                lines.add("dir " + quote(dir.toString()));
                lines.add("logfile " + quote(logFile.toString()));
                lines.addAll(sentinelDirectives);
                Files.write(config, lines, StandardCharsets.UTF_8);
            }
            command.add(config.toString());
            command.add("--sentinel");
        } else {
            command.addAll(List.of("--port", Integer.toString(port), "--bind", HOST, "--save", "",
                    "--appendonly", "no", "--daemonize", "no", "--dir", dir.toString(),
                    "--logfile", logFile.toString()));
            if (binary.majorVersion() >= 7) {
                command.addAll(List.of("--enable-debug-command", "yes"));
            }
            if (clusterNodeTimeout != null) {
                command.addAll(List.of("--cluster-enabled", "yes",
                        "--cluster-config-file", dir.resolve("nodes.conf").toString(),
                        "--cluster-node-timeout", Long.toString(clusterNodeTimeout.toMillis())));
            }
        }
        command.addAll(extraArgs);
        command.addAll(restartArgs);
        return command;
    }

    /**
     * Starts the process and waits for PING; {@code fresh} = first start on this port (not a restart), with
     * {@code restartArgs} after the server's own arguments for this start only.
     */
    private void launch(boolean fresh, List<String> restartArgs) {
        try {
            if (fresh) {
                // A retry on another port starts clean (logs of a restart are appended to instead).
                Files.deleteIfExists(dir.resolve("nodes.conf"));
                Files.deleteIfExists(logFile);
                Files.deleteIfExists(outputFile);
            }
            ProcessBuilder builder = new ProcessBuilder(command(fresh, restartArgs))
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(outputFile.toFile()));
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + binary.path() + " on port " + port, e);
        }
        RUNNING.add(this);
        installShutdownHook();
        try {
            awaitReady();
        } catch (RuntimeException e) {
            process.destroyForcibly();
            waitFor(process, STOP_TIMEOUT);
            RUNNING.remove(this);
            throw e;
        }
        LOG.log(Level.DEBUG, "Started {0}", this);
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + startTimeout.toNanos();
        String lastProblem = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String tail = logTail(30);
                String message = "redis-server on port " + port + " exited with code " + process.exitValue()
                        + " during startup. Command: " + safeCommand() + "\nLog tail:\n" + tail;
                if (tail.contains("Address already in use")) {
                    throw new PortTakenException(message);
                }
                throw new IllegalStateException(message);
            }
            try (RespClient client = new RespClient(HOST, port, Duration.ofMillis(250), Duration.ofSeconds(2))) {
                client.ping();
                Map<String, String> server = client.info("server");
                String pid = server.get("process_id");
                if (pid != null && Long.parseLong(pid) != process.pid()) {
                    throw new PortTakenException("port " + port + " is answered by another process (pid " + pid
                            + "), not by ours (pid " + process.pid() + ")");
                }
                return;
            } catch (PortTakenException e) {
                throw e;
            } catch (RedisErrorException e) {
                if ("NOAUTH".equals(e.errorCode()) && process.isAlive()) {
                    // Password-protected (--requirepass): it answers, but we cannot ask for its pid.
                    return;
                }
                lastProblem = e.getMessage();
            } catch (RuntimeException e) {
                lastProblem = e.getMessage();
            }
            sleep(10);
        }
        throw new IllegalStateException("redis-server on port " + port + " did not answer PING within "
                + startTimeout + " (" + lastProblem + "). Command: " + safeCommand() + "\nLog tail:\n" + logTail(30));
    }

    private String safeCommand() {
        try {
            return String.join(" ", command(false, List.of()));
        } catch (IOException e) {
            return binary.path().toString();
        }
    }

    private void awaitPortsFree(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!(isFree(port) && (!isClusterEnabled() || isFree(port + CLUSTER_BUS_OFFSET)))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Port " + port + " (or its cluster bus port) is still taken after "
                        + timeout + "; cannot restart " + this);
            }
            sleep(50);
        }
    }

    private static synchronized int reservePort(boolean clusterCapable) {
        for (int attempt = 0; attempt < 500; attempt++) {
            int candidate = clusterCapable
                    ? ThreadLocalRandom.current().nextInt(CLUSTER_PORT_MIN, CLUSTER_PORT_MAX + 1)
                    : ThreadLocalRandom.current().nextInt(PLAIN_PORT_MIN, PLAIN_PORT_MAX + 1);
            if (candidate == ConnectionSettings.DEFAULT_PORT
                    || candidate == ConnectionSettings.DEFAULT_PORT + CLUSTER_BUS_OFFSET
                    || RESERVED_PORTS.contains(candidate)
                    || (clusterCapable && RESERVED_PORTS.contains(candidate + CLUSTER_BUS_OFFSET))) {
                continue;
            }
            if (!isFree(candidate) || (clusterCapable && !isFree(candidate + CLUSTER_BUS_OFFSET))) {
                continue;
            }
            RESERVED_PORTS.add(candidate);
            if (clusterCapable) {
                RESERVED_PORTS.add(candidate + CLUSTER_BUS_OFFSET);
            }
            return candidate;
        }
        throw new IllegalStateException("Found no free loopback port in 500 attempts");
    }

    private static synchronized void releasePort(int port) {
        RESERVED_PORTS.remove(port);
        RESERVED_PORTS.remove(port + CLUSTER_BUS_OFFSET);
    }

    /** Whether {@code 127.0.0.1:port} can be bound (with SO_REUSEADDR, as redis-server binds). */
    static boolean isFree(int port) {
        if (port <= 0 || port > 65535) {
            return false;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path createServerDirectory() {
        Path target = Path.of(System.getProperty("user.dir", ".")).resolve("target");
        Path base = Files.isDirectory(target) ? target.resolve("redis-servers")
                : Path.of(System.getProperty("java.io.tmpdir")).resolve("redis-jcache-servers");
        try {
            Files.createDirectories(base);
            return Files.createTempDirectory(base, "redis-").toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for redis-server under " + base, e);
        }
    }

    private static synchronized void installShutdownHook() {
        if (!shutdownHookInstalled) {
            shutdownHookInstalled = true;
            Runtime.getRuntime().addShutdownHook(new Thread(RedisServer::killAllRunning, "redis-server-cleanup"));
        }
    }

    private static void killAllRunning() {
        List<RedisServer> servers;
        synchronized (RUNNING) {
            servers = new ArrayList<>(RUNNING);
        }
        List<Process> processes = new ArrayList<>();
        for (RedisServer server : servers) {
            Process p = server.process;
            if (p != null && p.isAlive()) {
                p.destroy();
                processes.add(p);
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        for (Process p : processes) {
            long left = Math.max(0, deadline - System.nanoTime());
            try {
                if (!p.waitFor(left, TimeUnit.NANOSECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
            }
        }
        if (!Boolean.getBoolean(KEEP_DIRS_PROPERTY)) {
            for (RedisServer server : servers) {
                deleteRecursively(server.dir);
            }
        }
    }

    private static boolean waitFor(Process p, Duration timeout) {
        try {
            return p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !p.isAlive();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String tail(Path file, int lines) {
        if (!Files.isRegularFile(file)) {
            return "";
        }
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            List<String> last = all.subList(Math.max(0, all.size() - lines), all.size());
            return "--- " + file.getFileName() + " ---\n" + String.join("\n", last) + "\n";
        } catch (IOException | UncheckedIOException e) {
            return "--- " + file.getFileName() + ": unreadable (" + e.getMessage() + ") ---\n";
        }
    }

    private static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort
        }
    }

    /** The chosen port turned out to be taken by someone else; the caller retries on another one. */
    private static final class PortTakenException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        PortTakenException(String message) {
            super(message);
        }
    }
}
