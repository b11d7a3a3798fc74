package io.github.redisjcache.connection;

import java.io.IOException;
import java.io.InputStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.stream.Collectors;

import org.redisson.client.codec.ByteArrayCodec;
import org.redisson.config.BaseMasterSlaveServersConfig;
import org.redisson.config.ClusterServersConfig;
import org.redisson.config.Config;
import org.redisson.config.ReadMode;
import org.redisson.config.SentinelServersConfig;
import org.redisson.config.SingleServerConfig;
import org.redisson.config.SubscriptionMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns {@link ConnectionSettings} into a Redisson {@link Config}. */
final class RedissonConfigFactory {

    private static final Logger LOG = LoggerFactory.getLogger(RedissonConfigFactory.class);

    /**
     * Channels one pub/sub connection carries. Redis sets no limit; Redisson's default of 5 made the tenth cache with
     * expiry listeners fail to subscribe with four pub/sub connections.
     */
    static final int SUBSCRIPTIONS_PER_CONNECTION = 256;

    private RedissonConfigFactory() {
    }

    static Config create(ConnectionSettings settings, ClassLoader classLoader) {
        Config config = settings.redissonConfig() != null
                ? fromYaml(settings.redissonConfig(), classLoader)
                : fromSettings(settings);
        // The store calls its scripts by SHA-1 itself and sends a script's source on purpose where it must not meet
        // NOSCRIPT (batches followed by WAIT). Redisson's script cache would turn such a batch's EVAL into SCRIPT LOAD
        // and EVALSHA by what it remembers loading on each server, which a failover or SCRIPT FLUSH makes untrue.
        config.setUseScriptCache(false);
        config.setCodec(ByteArrayCodec.INSTANCE);
        // Redisson looks through every reply for references to its own objects stored as values; this provider
        // stores only bytes, so there are none to find (the look was 4 % of the client's CPU in a getAll of 100).
        config.setReferenceEnabled(false);
        PubSubFraming.install(config);
        warnOfSmallClusterPool(config);
        return config;
    }

    private static void warnOfSmallClusterPool(Config config) {
        if (!config.isClusterConfig()) {
            return;
        }
        int poolSize = config.useClusterServers().getMasterConnectionPoolSize();
        if (poolSize < ConnectionSettings.CLUSTER_POOL_SIZE) {
            LOG.warn("pool-size {} in a Redis Cluster: with fewer than {} connections per server, Redisson can lose "
                    + "a server's connections for good when it follows MOVED or ASK redirections (resharding, "
                    + "failover), after which every call to that server fails; use {} or more",
                    poolSize, ConnectionSettings.CLUSTER_POOL_SIZE, ConnectionSettings.CLUSTER_POOL_SIZE);
        }
    }

    private static Config fromSettings(ConnectionSettings s) {
        Config config = new Config();
        config.setNettyThreads(s.effectiveNettyThreads());
        config.setTransportMode(s.transport().redissonMode());
        config.setUsername(s.username());
        config.setPassword(s.password());
        if (s.tls()) {
            config.setSslTruststore(url("connection.tls.truststore", s.truststore()));
            config.setSslTruststorePassword(s.truststorePassword());
            config.setSslKeystore(url("connection.tls.keystore", s.keystore()));
            config.setSslKeystorePassword(s.keystorePassword());
            config.setSslVerificationMode(s.verifyHostname()
                    ? org.redisson.config.SslVerificationMode.STRICT
                    : org.redisson.config.SslVerificationMode.CA_ONLY);
        }
        String scheme = s.tls() ? "rediss://" : "redis://";
        List<String> addresses = s.addresses().stream().map(a -> scheme + a).collect(Collectors.toList());
        switch (s.mode()) {
            case CLUSTER: {
                ClusterServersConfig cluster = config.useClusterServers();
                addresses.forEach(cluster::addNodeAddress);
                applyCommon(cluster, s);
                break;
            }
            case SENTINEL: {
                SentinelServersConfig sentinel = config.useSentinelServers();
                addresses.forEach(sentinel::addSentinelAddress);
                sentinel.setMasterName(s.sentinelMaster());
                sentinel.setDatabase(s.database());
                sentinel.setCheckSentinelsList(false);
                if (s.sentinelPassword() != null) {
                    sentinel.setSentinelPassword(s.sentinelPassword());
                }
                applyCommon(sentinel, s);
                break;
            }
            default: {
                SingleServerConfig single = config.useSingleServer();
                single.setAddress(addresses.get(0));
                single.setDatabase(s.database());
                single.setConnectionPoolSize(s.poolSize());
                single.setConnectionMinimumIdleSize(s.minIdle());
                single.setSubscriptionConnectionPoolSize(s.subscriptionPoolSize());
                single.setSubscriptionConnectionMinimumIdleSize(1);
                single.setSubscriptionsPerConnection(SUBSCRIPTIONS_PER_CONNECTION);
                single.setConnectTimeout(SettingValues.millis("connection.connect-timeout", s.connectTimeout()));
                single.setTimeout(SettingValues.millis("connection.timeout", s.timeout()));
                single.setRetryAttempts(s.retryAttempts());
                single.setRetryInterval(SettingValues.millis("connection.retry-interval", s.retryInterval()));
                single.setPingConnectionInterval(SettingValues.millis("connection.ping-interval", s.pingInterval()));
                single.setClientName(s.clientName());
                break;
            }
        }
        return config;
    }

    private static void applyCommon(BaseMasterSlaveServersConfig<?> servers, ConnectionSettings s) {
        servers.setMasterConnectionPoolSize(s.poolSize());
        servers.setMasterConnectionMinimumIdleSize(s.minIdle());
        servers.setSlaveConnectionPoolSize(s.poolSize());
        // Replicas are only connected to when reads go there.
        servers.setSlaveConnectionMinimumIdleSize(s.readFrom() == ReadFrom.MASTER ? 0 : s.minIdle());
        servers.setSubscriptionConnectionPoolSize(s.subscriptionPoolSize());
        servers.setSubscriptionConnectionMinimumIdleSize(1);
        servers.setSubscriptionsPerConnection(SUBSCRIPTIONS_PER_CONNECTION);
        servers.setSubscriptionMode(SubscriptionMode.MASTER);
        servers.setReadMode(readMode(s.readFrom()));
        servers.setConnectTimeout(SettingValues.millis("connection.connect-timeout", s.connectTimeout()));
        servers.setTimeout(SettingValues.millis("connection.timeout", s.timeout()));
        servers.setRetryAttempts(s.retryAttempts());
        servers.setRetryInterval(SettingValues.millis("connection.retry-interval", s.retryInterval()));
        servers.setPingConnectionInterval(SettingValues.millis("connection.ping-interval", s.pingInterval()));
        servers.setClientName(s.clientName());
    }

    private static ReadMode readMode(ReadFrom readFrom) {
        switch (readFrom) {
            case REPLICA:
                return ReadMode.SLAVE;
            case MASTER_REPLICA:
                return ReadMode.MASTER_SLAVE;
            default:
                return ReadMode.MASTER;
        }
    }

    private static URL url(String setting, String location) {
        if (location == null) {
            return null;
        }
        try {
            if (location.startsWith("classpath:")) {
                URL resource = Thread.currentThread().getContextClassLoader()
                        .getResource(location.substring("classpath:".length()).replaceFirst("^/", ""));
                if (resource == null) {
                    throw new InvalidSettingException(setting, "no class path resource " + location);
                }
                return resource;
            }
            if (location.contains(":/")) {
                return new URL(location);
            }
            return Paths.get(location).toUri().toURL();
        } catch (MalformedURLException e) {
            throw new InvalidSettingException(setting, "not a URL or file path: " + location, e);
        }
    }

    private static Config fromYaml(String location, ClassLoader classLoader) {
        String setting = "connection.redisson-config";
        try (InputStream in = open(setting, location, classLoader)) {
            String yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return Config.fromYAML(relocateClassNames(yaml));
        } catch (IOException | RuntimeException e) {
            if (e instanceof InvalidSettingException) {
                throw (InvalidSettingException) e;
            }
            throw new InvalidSettingException(setting, "cannot read Redisson configuration " + location + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Redisson travels inside this library under another package, so class names a Redisson file gives (codecs,
     * load balancers, as {@code !<org.redisson...>} tags) are rewritten to where those classes are now.
     */
    static String relocateClassNames(String yaml) {
        // Built at run time so that the build's relocation does not rewrite this string as well.
        String original = String.join(".", "org", "redisson") + ".";
        String current = Config.class.getPackageName().replaceFirst("\\.config$", "") + ".";
        return original.equals(current) ? yaml : yaml.replace(original, current);
    }

    private static InputStream open(String setting, String location, ClassLoader classLoader) throws IOException {
        if (location.startsWith("classpath:")) {
            String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
            ClassLoader loader = classLoader != null ? classLoader : RedissonConfigFactory.class.getClassLoader();
            InputStream in = loader.getResourceAsStream(resource);
            if (in == null) {
                throw new InvalidSettingException(setting, "no class path resource " + resource);
            }
            return in;
        }
        if (location.contains(":/") && !location.startsWith("file:")) {
            return new URL(location).openStream();
        }
        Path path = location.startsWith("file:") ? Paths.get(java.net.URI.create(location)) : Paths.get(location);
        if (!Files.isReadable(path)) {
            throw new InvalidSettingException(setting, "no readable file " + path);
        }
        return Files.newInputStream(path);
    }
}
