package io.github.redisjcache.testing;

import java.lang.System.Logger.Level;
import java.util.Optional;

/**
 * The JVM-wide shared standalone Redis for tests: a local {@link RedisServer} started on first use, or the external
 * server named by {@code REDIS_URL} (system property, then environment variable).
 *
 * <p>Tests empty it between tests ({@link #flush()}), so an external server whose selected database already holds
 * keys is refused on first use unless {@code -D}{@value #ALLOW_FLUSH_PROPERTY}{@code =true}.
 */
public final class TestRedis {

    /** System property that allows tests to empty a non-empty external database. */
    public static final String ALLOW_FLUSH_PROPERTY = "redisjcache.test.allow-flush";

    private static final System.Logger LOG = System.getLogger(TestRedis.class.getName());
    private static TestRedis instance;

    private final RedisUrl url;
    private final RedisServer server;

    private TestRedis(RedisUrl url, RedisServer server) {
        this.url = url;
        this.server = server;
    }

    /** The shared instance, starting the local server (or checking the external one) on first call. */
    public static synchronized TestRedis get() {
        if (instance == null) {
            Optional<RedisUrl> external = RedisUrl.fromEnvironment();
            if (external.isPresent()) {
                instance = external(external.get());
                LOG.log(Level.INFO, "Tests use the external Redis at {0} (REDIS_URL)", external.get());
            } else {
                RedisServer server = RedisServer.start();
                instance = new TestRedis(new RedisUrl(RedisServer.HOST, server.port(), 0, null, null), server);
                LOG.log(Level.INFO, "Tests use the shared local {0}", server);
            }
        }
        return instance;
    }

    /** Checks an external server on first use: its selected database must be empty unless flushing is allowed. */
    static TestRedis external(RedisUrl url) {
        TestRedis candidate = new TestRedis(url, null);
        try (RespClient client = candidate.client()) {
            long keys = client.dbSize();
            if (keys > 0 && !Boolean.getBoolean(ALLOW_FLUSH_PROPERTY)) {
                throw new IllegalStateException("REDIS_URL points at " + url + ", whose database " + url.database()
                        + " holds " + keys + " keys. Tests empty that database (FLUSHDB) before every test, so they"
                        + " refuse to run against it. Point REDIS_URL at an empty database, or set -D"
                        + ALLOW_FLUSH_PROPERTY + "=true if its data may be deleted.");
            }
        }
        return candidate;
    }

    /**
     * The URI clients should use: {@code redis://127.0.0.1:PORT} for the local server; for an external one the
     * {@code REDIS_URL} in normalized form, credentials and database included.
     */
    public String uri() {
        return server != null ? server.uri() : url.toUri();
    }

    /** Host of the server. */
    public String host() {
        return url.host();
    }

    /** Port of the server. */
    public int port() {
        return url.port();
    }

    /** Database tests use (0 for the local server). */
    public int database() {
        return url.database();
    }

    /** ACL user name from {@code REDIS_URL}, if any. */
    public Optional<String> user() {
        return Optional.ofNullable(url.user());
    }

    /** Password from {@code REDIS_URL}, if any. */
    public Optional<String> password() {
        return Optional.ofNullable(url.password());
    }

    /** Whether it is an external server from {@code REDIS_URL}. */
    public boolean isExternal() {
        return server == null;
    }

    /**
     * The local server, or empty for an external one. Tests may {@code kill()}, {@code stop()} or {@code restart()}
     * it ({@link RedisExtension} restarts it before the next test) but must not {@code close()} it.
     */
    public Optional<RedisServer> server() {
        return Optional.ofNullable(server);
    }

    /** A new connection, authenticated and with the database selected as {@code REDIS_URL} says; the caller closes it. */
    public RespClient client() {
        RespClient client = new RespClient(url.host(), url.port());
        try {
            if (url.password() != null) {
                client.auth(url.user(), url.password());
            }
            if (url.database() != 0) {
                client.select(url.database());
            }
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
        return client;
    }

    /** Restarts the local server if a test stopped or killed it; no-op for an external server. */
    public synchronized void ensureRunning() {
        if (server != null && !server.isAlive()) {
            LOG.log(Level.INFO, "The shared {0} is not running; restarting it", server);
            server.restart();
        }
    }

    /** Empties it: {@code FLUSHALL} on the local server, {@code FLUSHDB} of the selected database on an external one. */
    public void flush() {
        try (RespClient client = client()) {
            if (server != null) {
                client.flushAll();
            } else {
                client.flushDb();
            }
        }
    }

    @Override
    public String toString() {
        return server != null ? "TestRedis[" + server + "]" : "TestRedis[external " + url + "]";
    }
}
