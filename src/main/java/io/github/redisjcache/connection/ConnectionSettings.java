package io.github.redisjcache.connection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

/**
 * How to reach Redis: the deployment, addresses, credentials, TLS, timeouts and connection pool.
 *
 * <p>Immutable and compared by value: the connection registry shares one client among everyone who asks for equal
 * settings. {@link #toString()} never shows the password.
 *
 * <p>Defaults were chosen by measurement (see the configuration reference in the README): a small pool and few
 * Netty threads beat Redisson's own defaults (64 connections, 32 threads) on small machines.
 */
public final class ConnectionSettings {

    /** Redis's own default port: the port of a server address that names none. */
    public static final int DEFAULT_PORT = 6379;

    /** Sentinel's own default port: the port of a sentinel address that names none. */
    public static final int DEFAULT_SENTINEL_PORT = 26379;

    /** The URI used when nothing else is configured. */
    public static final String DEFAULT_URI = "redis://127.0.0.1:" + DEFAULT_PORT;

    /** System property naming the default connection URI. */
    public static final String URI_PROPERTY = "redisjcache.uri";

    /** Environment variable naming the default connection URI when the system property is absent. */
    public static final String URI_ENVIRONMENT = "REDIS_URL";

    static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    static final int DEFAULT_RETRY_ATTEMPTS = 2;
    static final Duration DEFAULT_RETRY_INTERVAL = Duration.ofMillis(500);
    static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(10);
    // Two: one connection measured about as fast on 2 cores, and two leave a lane free while a batch or a WAIT
    // keeps a connection until its reply. A WAIT for replicas holds its connection until they answer, so
    // acknowledged writes get four (1.4-1.6x the puts of one at 16 threads; BENCHMARKS.md).
    static final int DEFAULT_POOL_SIZE = 2;
    static final int DEFAULT_ACKNOWLEDGED_POOL_SIZE = 4;
    // Ten in a Redis Cluster. Below ten, Redisson 4.7 hands a connection back right after writing a command, to the
    // pool of the server its executor points at by then; a MOVED or ASK reply that Redisson follows first repoints
    // it, and the connection goes to the wrong server's pool, lost to its own for good (BENCHMARKS.md). From ten on
    // a connection is handed back when its reply came, before the redirection is followed.
    static final int CLUSTER_POOL_SIZE = 10;
    static final int DEFAULT_MIN_IDLE = 1;
    static final int DEFAULT_SUBSCRIPTION_POOL_SIZE = 4;
    static final Duration DEFAULT_WAIT_TIMEOUT = Duration.ofSeconds(1);

    private final ConnectionMode mode;
    private final List<String> addresses;
    private final boolean tls;
    private final String username;
    private final String password;
    private final String sentinelPassword;
    private final int database;
    private final String sentinelMaster;
    private final Duration connectTimeout;
    private final Duration timeout;
    private final int retryAttempts;
    private final Duration retryInterval;
    private final Duration pingInterval;
    private final int poolSize;
    private final boolean poolSizeGiven;
    private final int minIdle;
    private final int subscriptionPoolSize;
    private final int nettyThreads;
    private final Transport transport;
    private final String clientName;
    private final ReadFrom readFrom;
    private final String truststore;
    private final String truststorePassword;
    private final String keystore;
    private final String keystorePassword;
    private final boolean verifyHostname;
    private final String redissonConfig;
    private final int waitReplicas;
    private final Duration waitTimeout;

    private ConnectionSettings(Builder b) {
        this.mode = b.mode;
        this.addresses = List.copyOf(b.addresses);
        this.tls = b.tls;
        this.username = b.username;
        this.password = b.password;
        this.sentinelPassword = b.sentinelPassword;
        this.database = b.database;
        this.sentinelMaster = b.sentinelMaster;
        this.connectTimeout = b.connectTimeout;
        this.timeout = b.timeout;
        this.retryAttempts = b.retryAttempts;
        this.retryInterval = b.retryInterval;
        this.pingInterval = b.pingInterval;
        this.poolSizeGiven = b.poolSize > 0;
        this.poolSize = poolSizeGiven ? b.poolSize : Math.max(b.minIdle, defaultPoolSize(b.mode, b.waitReplicas));
        this.minIdle = b.minIdle;
        this.subscriptionPoolSize = b.subscriptionPoolSize;
        this.nettyThreads = b.nettyThreads;
        this.transport = b.transport;
        this.clientName = b.clientName;
        this.readFrom = b.readFrom;
        this.truststore = b.truststore;
        this.truststorePassword = b.truststorePassword;
        this.keystore = b.keystore;
        this.keystorePassword = b.keystorePassword;
        this.verifyHostname = b.verifyHostname;
        this.redissonConfig = b.redissonConfig;
        this.waitReplicas = b.waitReplicas;
        this.waitTimeout = b.waitTimeout;
    }

    /**
     * Returns the default settings: the URI in system property {@value #URI_PROPERTY}, else in environment variable
     * {@value #URI_ENVIRONMENT}, else {@value #DEFAULT_URI}.
     *
     * @return the default settings
     */
    public static ConnectionSettings defaults() {
        return builder().uri(defaultUri()).build();
    }

    /**
     * Returns the URI the defaults connect to.
     *
     * @return the URI from the system property, the environment, or {@value #DEFAULT_URI}
     */
    public static String defaultUri() {
        String fromProperty = System.getProperty(URI_PROPERTY);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return fromProperty.trim();
        }
        String fromEnvironment = System.getenv(URI_ENVIRONMENT);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.trim();
        }
        return DEFAULT_URI;
    }

    /**
     * Reads settings from a Redis URI, see {@link Builder#uri(String)}.
     *
     * @param uri a {@code redis://}, {@code rediss://}, {@code redis-sentinel://} or {@code redis-cluster://} URI
     * @return the settings
     */
    public static ConnectionSettings fromUri(String uri) {
        return builder().uri(uri).build();
    }

    /**
     * Reads settings from properties named as in the configuration reference ({@code uri}, {@code timeout},
     * {@code pool-size}, ...), optionally all under a common prefix such as {@code redisjcache.connection.}.
     *
     * @param properties the properties
     * @param prefix     the prefix every name carries, or an empty string
     * @return the settings
     */
    public static ConnectionSettings fromProperties(Properties properties, String prefix) {
        Builder builder = builder();
        Map<String, String> sorted = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(prefix)) {
                sorted.put(name.substring(prefix.length()), properties.getProperty(name));
            }
        }
        // The URI first, so that explicit settings override what it says.
        String uri = sorted.remove("uri");
        if (uri != null) {
            builder.uri(uri);
        }
        sorted.forEach(builder::set);
        return builder.build();
    }

    /**
     * Returns settings that take everything from a Redisson YAML configuration file, in Redisson's own format.
     *
     * @param location a {@code file:}, {@code classpath:} or other URL of the file, or a file path
     * @return the settings
     */
    public static ConnectionSettings fromRedissonYaml(String location) {
        return builder().redissonConfig(location).build();
    }

    /**
     * Starts settings from the defaults of every value and no address.
     *
     * @return a builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts a builder holding these settings.
     *
     * @return a builder initialised from these settings
     */
    public Builder toBuilder() {
        return new Builder(this);
    }

    private static int defaultPoolSize(ConnectionMode mode, int waitReplicas) {
        if (mode == ConnectionMode.CLUSTER) {
            return CLUSTER_POOL_SIZE;
        }
        return waitReplicas > 0 ? DEFAULT_ACKNOWLEDGED_POOL_SIZE : DEFAULT_POOL_SIZE;
    }

    /** @return the deployment kind */
    public ConnectionMode mode() {
        return mode;
    }

    /** @return the server, sentinel or cluster seed addresses as {@code host:port} */
    public List<String> addresses() {
        return addresses;
    }

    /** @return whether connections use TLS */
    public boolean tls() {
        return tls;
    }

    /** @return the ACL user name, or {@code null} for the default user */
    public String username() {
        return username;
    }

    /** @return the password, or {@code null} */
    public String password() {
        return password;
    }

    /** @return the sentinels' own password when it differs from the servers', or {@code null} */
    public String sentinelPassword() {
        return sentinelPassword;
    }

    /** @return the database index (always 0 on a cluster) */
    public int database() {
        return database;
    }

    /** @return the monitored master's name for Sentinel, else {@code null} */
    public String sentinelMaster() {
        return sentinelMaster;
    }

    /** @return how long to wait for a new connection */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** @return how long to wait for a reply before retrying or failing */
    public Duration timeout() {
        return timeout;
    }

    /** @return how many times a command that could not be sent is retried */
    public int retryAttempts() {
        return retryAttempts;
    }

    /** @return the pause between retries */
    public Duration retryInterval() {
        return retryInterval;
    }

    /** @return how often idle connections are checked with PING (zero disables) */
    public Duration pingInterval() {
        return pingInterval;
    }

    /**
     * @return the connections per server (per master, and per replica when reading from replicas): as given, else 10
     *         in a Redis Cluster, 2 otherwise or 4 with wait-replicas, and never fewer than min-idle
     */
    public int poolSize() {
        return poolSize;
    }

    /** @return the connections per server kept open while idle */
    public int minIdle() {
        return minIdle;
    }

    /** @return the pub/sub connections per server */
    public int subscriptionPoolSize() {
        return subscriptionPoolSize;
    }

    /** @return the Netty I/O threads, 0 for {@code max(2, available processors)} */
    public int nettyThreads() {
        return nettyThreads;
    }

    /** @return how Netty moves the bytes: auto (io_uring, else epoll, else NIO; see {@link Transport}) unless given */
    public Transport transport() {
        return transport;
    }

    /** @return the name shown by {@code CLIENT LIST}, or {@code null} */
    public String clientName() {
        return clientName;
    }

    /** @return where plain reads go */
    public ReadFrom readFrom() {
        return readFrom;
    }

    /** @return the TLS trust store URL, or {@code null} for the JDK's */
    public String truststore() {
        return truststore;
    }

    /** @return the TLS trust store password, or {@code null} */
    public String truststorePassword() {
        return truststorePassword;
    }

    /** @return the TLS key store URL for client certificates, or {@code null} */
    public String keystore() {
        return keystore;
    }

    /** @return the TLS key store password, or {@code null} */
    public String keystorePassword() {
        return keystorePassword;
    }

    /** @return whether TLS checks that the server certificate names the host */
    public boolean verifyHostname() {
        return verifyHostname;
    }

    /** @return the location of a Redisson YAML file that replaces every other connection setting, or null */
    public String redissonConfig() {
        return redissonConfig;
    }

    /** @return how many replicas must acknowledge each cache write (WAIT), 0 for none */
    public int waitReplicas() {
        return waitReplicas;
    }

    /** @return how long a write waits for replica acknowledgement */
    public Duration waitTimeout() {
        return waitTimeout;
    }

    /**
     * Returns the Netty thread count actually used.
     *
     * @return {@link #nettyThreads()} or, when 0, {@code max(2, available processors)}
     */
    public int effectiveNettyThreads() {
        return nettyThreads > 0 ? nettyThreads : Math.max(2, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Describes the target without secrets, for logs and error messages.
     *
     * @return e.g. {@code redis://127.0.0.1:6379/0} or {@code redisson-config file:/etc/redisson.yaml}
     */
    public String describe() {
        if (redissonConfig != null) {
            return "redisson-config " + redissonConfig;
        }
        String scheme = (tls ? "rediss" : "redis") + (mode == ConnectionMode.SENTINEL ? "-sentinel"
                : mode == ConnectionMode.CLUSTER ? "-cluster" : "");
        String user = username != null ? username + "@" : "";
        String db = mode == ConnectionMode.CLUSTER ? "" : "/" + database;
        String master = sentinelMaster != null ? "#" + sentinelMaster : "";
        return scheme + "://" + user + String.join(",", addresses) + db + master;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof ConnectionSettings)) {
            return false;
        }
        ConnectionSettings that = (ConnectionSettings) o;
        return tls == that.tls && database == that.database && retryAttempts == that.retryAttempts
                && poolSize == that.poolSize && minIdle == that.minIdle
                && subscriptionPoolSize == that.subscriptionPoolSize && nettyThreads == that.nettyThreads
                && transport == that.transport
                && verifyHostname == that.verifyHostname && waitReplicas == that.waitReplicas
                && mode == that.mode && addresses.equals(that.addresses)
                && Objects.equals(username, that.username) && Objects.equals(password, that.password)
                && Objects.equals(sentinelPassword, that.sentinelPassword)
                && Objects.equals(sentinelMaster, that.sentinelMaster)
                && connectTimeout.equals(that.connectTimeout) && timeout.equals(that.timeout)
                && retryInterval.equals(that.retryInterval) && pingInterval.equals(that.pingInterval)
                && Objects.equals(clientName, that.clientName) && readFrom == that.readFrom
                && Objects.equals(truststore, that.truststore)
                && Objects.equals(truststorePassword, that.truststorePassword)
                && Objects.equals(keystore, that.keystore) && Objects.equals(keystorePassword, that.keystorePassword)
                && Objects.equals(redissonConfig, that.redissonConfig) && waitTimeout.equals(that.waitTimeout);
    }

    @Override
    public int hashCode() {
        return Objects.hash(mode, addresses, tls, username, database, sentinelMaster, poolSize, redissonConfig);
    }

    @Override
    public String toString() {
        return "ConnectionSettings{" + describe() + ", password=" + (password == null ? "none" : "***")
                + ", connectTimeout=" + connectTimeout + ", timeout=" + timeout + ", retryAttempts=" + retryAttempts
                + ", retryInterval=" + retryInterval + ", poolSize=" + poolSize + ", minIdle=" + minIdle
                + ", nettyThreads=" + effectiveNettyThreads() + ", transport=" + transport.settingName()
                + ", readFrom=" + readFrom
                + ", waitReplicas=" + waitReplicas + "}";
    }

    /** Collects settings; {@link #build()} validates them together. */
    public static final class Builder {

        private ConnectionMode mode = ConnectionMode.STANDALONE;
        private List<String> addresses = new ArrayList<>();
        private boolean tls;
        private String username;
        private String password;
        private String sentinelPassword;
        private int database;
        private String sentinelMaster;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration timeout = DEFAULT_TIMEOUT;
        private int retryAttempts = DEFAULT_RETRY_ATTEMPTS;
        private Duration retryInterval = DEFAULT_RETRY_INTERVAL;
        private Duration pingInterval = DEFAULT_PING_INTERVAL;
        private int poolSize; // 0 until given: the default depends on wait-replicas and min-idle
        private int minIdle = DEFAULT_MIN_IDLE;
        private int subscriptionPoolSize = DEFAULT_SUBSCRIPTION_POOL_SIZE;
        private int nettyThreads;
        private Transport transport = Transport.AUTO;
        private String clientName;
        private ReadFrom readFrom = ReadFrom.MASTER;
        private String truststore;
        private String truststorePassword;
        private String keystore;
        private String keystorePassword;
        private boolean verifyHostname = true;
        private String redissonConfig;
        private int waitReplicas;
        private Duration waitTimeout = DEFAULT_WAIT_TIMEOUT;
        private boolean uriGiven;

        private Builder() {
        }

        private Builder(ConnectionSettings s) {
            mode = s.mode;
            addresses = new ArrayList<>(s.addresses);
            tls = s.tls;
            username = s.username;
            password = s.password;
            sentinelPassword = s.sentinelPassword;
            database = s.database;
            sentinelMaster = s.sentinelMaster;
            connectTimeout = s.connectTimeout;
            timeout = s.timeout;
            retryAttempts = s.retryAttempts;
            retryInterval = s.retryInterval;
            pingInterval = s.pingInterval;
            poolSize = s.poolSizeGiven ? s.poolSize : 0;
            minIdle = s.minIdle;
            subscriptionPoolSize = s.subscriptionPoolSize;
            nettyThreads = s.nettyThreads;
            transport = s.transport;
            clientName = s.clientName;
            readFrom = s.readFrom;
            truststore = s.truststore;
            truststorePassword = s.truststorePassword;
            keystore = s.keystore;
            keystorePassword = s.keystorePassword;
            verifyHostname = s.verifyHostname;
            redissonConfig = s.redissonConfig;
            waitReplicas = s.waitReplicas;
            waitTimeout = s.waitTimeout;
            uriGiven = !s.addresses.isEmpty();
        }

        /**
         * Sets the deployment, addresses, credentials, database and TLS from a URI; other settings may be given
         * as URI parameters ({@code ?timeout=2s&pool-size=4}).
         *
         * @param uri e.g. {@code redis://user:secret@10.0.0.5:6379/2}, {@code rediss://host:6380},
         *            {@code redis-sentinel://s1:26379,s2:26379/0#mymaster}, {@code redis-cluster://n1:7000,n2:7001}
         * @return this builder
         */
        public Builder uri(String uri) {
            RedisUri.apply("connection.uri", uri, this);
            uriGiven = true;
            return this;
        }

        /**
         * Sets one setting by its name in the configuration reference.
         *
         * @param name  e.g. {@code timeout}, {@code pool-size}, {@code tls.truststore}
         * @param value the value as text
         * @return this builder
         * @throws InvalidSettingException for an unknown name or a bad value
         */
        public Builder set(String name, String value) {
            String setting = "connection." + name;
            switch (name) {
                case "uri":
                    return uri(value);
                case "username":
                    username = emptyToNull(value);
                    return this;
                case "password":
                    password = emptyToNull(value);
                    return this;
                case "sentinel-password":
                    sentinelPassword = emptyToNull(value);
                    return this;
                case "database":
                    database = SettingValues.integer(setting, value, 0, Integer.MAX_VALUE);
                    return this;
                case "sentinel-master":
                    sentinelMaster = emptyToNull(value);
                    return this;
                case "connect-timeout":
                    connectTimeout = SettingValues.duration(setting, value);
                    return this;
                case "timeout":
                    timeout = SettingValues.duration(setting, value);
                    return this;
                case "retry-attempts":
                    retryAttempts = SettingValues.integer(setting, value, 0, 100);
                    return this;
                case "retry-interval":
                    retryInterval = SettingValues.duration(setting, value);
                    return this;
                case "ping-interval":
                    pingInterval = SettingValues.duration(setting, value);
                    return this;
                case "pool-size":
                    poolSize = SettingValues.integer(setting, value, 1, 10_000);
                    return this;
                case "min-idle":
                    minIdle = SettingValues.integer(setting, value, 0, 10_000);
                    return this;
                case "subscription-pool-size":
                    subscriptionPoolSize = SettingValues.integer(setting, value, 1, 10_000);
                    return this;
                case "netty-threads":
                    nettyThreads = SettingValues.integer(setting, value, 0, 1_024);
                    return this;
                case "transport":
                    transport = Transport.parse(setting, value);
                    return this;
                case "client-name":
                    clientName = emptyToNull(value);
                    return this;
                case "read-from":
                    readFrom = ReadFrom.parse(setting, value);
                    return this;
                case "tls":
                    tls = SettingValues.bool(setting, value);
                    return this;
                case "tls.truststore":
                    truststore = emptyToNull(value);
                    return this;
                case "tls.truststore-password":
                    truststorePassword = emptyToNull(value);
                    return this;
                case "tls.keystore":
                    keystore = emptyToNull(value);
                    return this;
                case "tls.keystore-password":
                    keystorePassword = emptyToNull(value);
                    return this;
                case "tls.verify-hostname":
                    verifyHostname = SettingValues.bool(setting, value);
                    return this;
                case "redisson-config":
                    redissonConfig = emptyToNull(value);
                    return this;
                case "wait-replicas":
                    waitReplicas = SettingValues.integer(setting, value, 0, 100);
                    return this;
                case "wait-timeout":
                    waitTimeout = SettingValues.duration(setting, value);
                    return this;
                default:
                    throw new InvalidSettingException(setting, "unknown setting; known connection settings are "
                            + String.join(", ", NAMES));
            }
        }

        Builder mode(ConnectionMode mode) {
            this.mode = mode;
            return this;
        }

        Builder addresses(List<String> addresses) {
            this.addresses = new ArrayList<>(addresses);
            return this;
        }

        /**
         * Sets whether connections use TLS.
         *
         * @param tls true for TLS
         * @return this builder
         */
        public Builder tls(boolean tls) {
            this.tls = tls;
            return this;
        }

        /**
         * Sets the ACL user.
         *
         * @param username the user, or {@code null} for the default user
         * @return this builder
         */
        public Builder username(String username) {
            this.username = username;
            return this;
        }

        /**
         * Sets the password.
         *
         * @param password the password, or {@code null}
         * @return this builder
         */
        public Builder password(String password) {
            this.password = password;
            return this;
        }

        /**
         * Sets the database index.
         *
         * @param database 0 or more
         * @return this builder
         */
        public Builder database(int database) {
            this.database = database;
            return this;
        }

        /**
         * Sets the Sentinel master name.
         *
         * @param sentinelMaster the name the sentinels monitor
         * @return this builder
         */
        public Builder sentinelMaster(String sentinelMaster) {
            this.sentinelMaster = sentinelMaster;
            return this;
        }

        /**
         * Sets the reply timeout.
         *
         * @param timeout how long to wait for a reply
         * @return this builder
         */
        public Builder timeout(Duration timeout) {
            this.timeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Sets the connect timeout.
         *
         * @param connectTimeout how long to wait for a new connection
         * @return this builder
         */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Objects.requireNonNull(connectTimeout, "connectTimeout");
            return this;
        }

        /**
         * Sets retries.
         *
         * @param attempts how many times to retry a command that could not be sent
         * @param interval the pause between attempts
         * @return this builder
         */
        public Builder retries(int attempts, Duration interval) {
            this.retryAttempts = attempts;
            this.retryInterval = Objects.requireNonNull(interval, "interval");
            return this;
        }

        /**
         * Sets the connection pool size per server.
         *
         * @param poolSize at least 1; 0 for the default (10 in a cluster, else 2, or 4 with wait-replicas; at least
         *                 min-idle)
         * @return this builder
         */
        public Builder poolSize(int poolSize) {
            this.poolSize = poolSize;
            return this;
        }

        /**
         * Sets the Netty I/O thread count.
         *
         * @param nettyThreads 0 for {@code max(2, available processors)}
         * @return this builder
         */
        public Builder nettyThreads(int nettyThreads) {
            this.nettyThreads = nettyThreads;
            return this;
        }

        /**
         * Sets how Netty moves the bytes.
         *
         * @param transport {@link Transport#AUTO} (the default) for epoll on Linux and NIO elsewhere
         * @return this builder
         */
        public Builder transport(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
            return this;
        }

        /**
         * Takes every connection setting from a Redisson YAML file instead.
         *
         * @param location a URL ({@code file:}, {@code classpath:}, ...) or a file path
         * @return this builder
         */
        public Builder redissonConfig(String location) {
            this.redissonConfig = location;
            return this;
        }

        /**
         * Sets where plain reads go.
         *
         * @param readFrom master (default) or replicas
         * @return this builder
         */
        public Builder readFrom(ReadFrom readFrom) {
            this.readFrom = Objects.requireNonNull(readFrom, "readFrom");
            return this;
        }

        /**
         * Makes each cache write wait until this many replicas acknowledged it.
         *
         * @param replicas 0 for none
         * @param timeout  how long to wait
         * @return this builder
         */
        public Builder waitForReplicas(int replicas, Duration timeout) {
            this.waitReplicas = replicas;
            this.waitTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /**
         * Validates and builds the settings.
         *
         * @return the settings
         * @throws InvalidSettingException naming the first bad setting
         */
        public ConnectionSettings build() {
            if (redissonConfig != null) {
                if (uriGiven) {
                    throw new InvalidSettingException("connection.redisson-config",
                            "cannot be combined with connection.uri: the Redisson file holds the whole connection");
                }
                return new ConnectionSettings(this);
            }
            if (addresses.isEmpty()) {
                throw new InvalidSettingException("connection.uri", "no Redis address given");
            }
            if (mode == ConnectionMode.SENTINEL && (sentinelMaster == null || sentinelMaster.isBlank())) {
                throw new InvalidSettingException("connection.sentinel-master",
                        "a Sentinel connection needs the master's name (redis-sentinel://host:26379#mymaster)");
            }
            if (mode == ConnectionMode.CLUSTER && database != 0) {
                throw new InvalidSettingException("connection.database", "Redis Cluster has only database 0");
            }
            if (poolSize > 0 && minIdle > poolSize) {
                throw new InvalidSettingException("connection.min-idle",
                        "must not exceed pool-size (" + poolSize + "), was " + minIdle);
            }
            if (timeout.isZero()) {
                throw new InvalidSettingException("connection.timeout", "must be greater than zero");
            }
            if (connectTimeout.isZero()) {
                throw new InvalidSettingException("connection.connect-timeout", "must be greater than zero");
            }
            SettingValues.millis("connection.timeout", timeout);
            SettingValues.millis("connection.connect-timeout", connectTimeout);
            SettingValues.millis("connection.retry-interval", retryInterval);
            SettingValues.millis("connection.ping-interval", pingInterval);
            SettingValues.millis("connection.wait-timeout", waitTimeout);
            if ((truststore != null || keystore != null) && !tls) {
                throw new InvalidSettingException(truststore != null ? "connection.tls.truststore"
                        : "connection.tls.keystore", "needs TLS: use a rediss:// URI or set tls to true");
            }
            return new ConnectionSettings(this);
        }

        private static String emptyToNull(String value) {
            return value == null || value.isEmpty() ? null : value;
        }
    }

    /** The names {@link Builder#set(String, String)} accepts, for error messages and documentation. */
    static final List<String> NAMES = Collections.unmodifiableList(List.of("uri", "username", "password",
            "sentinel-password", "database", "sentinel-master", "connect-timeout", "timeout", "retry-attempts",
            "retry-interval", "ping-interval", "pool-size", "min-idle", "subscription-pool-size", "netty-threads",
            "transport", "client-name", "read-from", "tls", "tls.truststore", "tls.truststore-password",
            "tls.keystore", "tls.keystore-password", "tls.verify-hostname", "redisson-config", "wait-replicas",
            "wait-timeout"));
}
