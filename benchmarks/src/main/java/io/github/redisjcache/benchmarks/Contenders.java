package io.github.redisjcache.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.spi.CachingProvider;

import org.redisson.config.Config;
import org.redisson.config.SingleServerConfig;
import org.redisson.config.TransportMode;

/**
 * Opens the JCache contenders:
 * <ul>
 *   <li>{@code ours-json}, {@code ours-kryo}: redis-jcache with that codec, through
 *       {@code Caching.getCachingProvider("io.github.redisjcache.RedisCachingProvider")} and a
 *       {@code redis://127.0.0.1:<port>} manager URI (with {@code pool-size}, {@code netty-threads} and
 *       {@code transport} parameters when the benchmark sets them, else our defaults);</li>
 *   <li>{@code redisson}: Redisson's own JCache ({@code org.redisson.jcache.JCachingProvider}) with its default codec,
 *       configured through a Redisson YAML file URI (its defaults, or the benchmark's pool, Netty threads and
 *       transport).</li>
 * </ul>
 */
public final class Contenders {

    public static final String OURS_PROVIDER = "io.github.redisjcache.RedisCachingProvider";
    public static final String REDISSON_PROVIDER = "org.redisson.jcache.JCachingProvider";

    /** The value {@code default} of the pool and netty parameters: the contender's own default. */
    public static final String DEFAULT = "default";

    private Contenders() {
    }

    /** An open cache manager and its provider, closed together. */
    public static final class Opened implements AutoCloseable {
        public final CachingProvider provider;
        public final CacheManager manager;

        Opened(CachingProvider provider, CacheManager manager) {
            this.provider = provider;
            this.manager = manager;
        }

        public Cache<String, Item> cache(String name) {
            return cache(name, null);
        }

        /**
         * A cache with an expiry policy.
         *
         * @param name   the cache name
         * @param expiry the policy's factory, or null for the default (eternal)
         */
        public Cache<String, Item> cache(String name, Factory<? extends ExpiryPolicy> expiry) {
            Cache<String, Item> cache = manager.getCache(name, String.class, Item.class);
            if (cache == null) {
                MutableConfiguration<String, Item> configuration = new MutableConfiguration<String, Item>()
                        .setTypes(String.class, Item.class);
                if (expiry != null) {
                    configuration.setExpiryPolicyFactory(expiry);
                }
                cache = manager.createCache(name, configuration);
            }
            return cache;
        }

        @Override
        public void close() {
            manager.close();
        }
    }

    /**
     * Opens a contender's cache manager.
     *
     * @param contender {@code ours-json}, {@code ours-kryo} or {@code redisson}
     * @param pool      connections per server, or {@value #DEFAULT}
     * @param netty     Netty threads, or {@value #DEFAULT}, optionally followed by {@code :} and a transport
     * @param tag       makes the manager distinct (a second manager in the same JVM)
     */
    public static Opened open(String contender, String pool, String netty, String tag) {
        if (contender.startsWith("ours-")) {
            return openOurs(contender.substring("ours-".length()), pool, netty, tag);
        }
        if (contender.equals("redisson")) {
            return openRedisson(pool, netty, tag);
        }
        throw new IllegalArgumentException("Unknown contender " + contender);
    }

    /** The manager URI of our provider for these settings. */
    public static URI oursUri(String pool, String netty, String tag) {
        StringBuilder query = new StringBuilder();
        if (!DEFAULT.equals(pool)) {
            query.append("&pool-size=").append(pool);
            if (Integer.parseInt(pool) < 1) {
                throw new IllegalArgumentException("pool " + pool);
            }
        }
        if (!DEFAULT.equals(nettyThreads(netty))) {
            query.append("&netty-threads=").append(nettyThreads(netty));
        }
        if (transport(netty) != null) {
            query.append("&transport=").append(transport(netty));
        }
        if (tag != null && !tag.isEmpty()) {
            query.append("&client-name=").append(tag);
        }
        return URI.create(BenchRedis.uri() + (query.length() == 0 ? "" : "?" + query.substring(1)));
    }

    private static Opened openOurs(String codec, String pool, String netty, String tag) {
        return new Opened(Caching.getCachingProvider(OURS_PROVIDER), oursManager(oursUri(pool, netty, tag), codec));
    }

    /**
     * Opens our provider's cache manager for a URI (a server the benchmark started itself, say).
     *
     * @param uri   the manager URI
     * @param codec {@code json} or {@code kryo}
     */
    public static CacheManager oursManager(URI uri, String codec) {
        CachingProvider provider = Caching.getCachingProvider(OURS_PROVIDER);
        Properties properties = new Properties();
        properties.setProperty("defaults.codec", codec);
        return provider.getCacheManager(uri, provider.getDefaultClassLoader(), properties);
    }

    /** Redisson's configuration for these settings: its defaults unless the benchmark sets pool or threads. */
    public static Config redissonConfig(String pool, String netty) {
        Config config = new Config();
        SingleServerConfig single = config.useSingleServer().setAddress(BenchRedis.uri());
        if (!DEFAULT.equals(pool)) {
            int size = Integer.parseInt(pool);
            single.setConnectionPoolSize(size);
            single.setConnectionMinimumIdleSize(Math.min(size, single.getConnectionMinimumIdleSize()));
        }
        if (!DEFAULT.equals(nettyThreads(netty))) {
            config.setNettyThreads(Integer.parseInt(nettyThreads(netty)));
        }
        if (transport(netty) != null) {
            config.setTransportMode(TransportMode.valueOf(transport(netty).toUpperCase(Locale.ROOT).replace('-', '_')));
        }
        return config;
    }

    /**
     * The Netty threads of a netty parameter.
     *
     * @param netty {@code <threads>} or {@code <threads>:<transport>}, threads a number or {@value #DEFAULT}
     */
    public static String nettyThreads(String netty) {
        int colon = netty.indexOf(':');
        return colon < 0 ? netty : netty.substring(0, colon);
    }

    /**
     * The transport of a netty parameter ({@code nio}, {@code epoll}, {@code io-uring}), or null for the
     * contender's default (NIO for Redisson, {@code auto} for ours).
     */
    public static String transport(String netty) {
        int colon = netty.indexOf(':');
        return colon < 0 ? null : netty.substring(colon + 1);
    }

    private static Opened openRedisson(String pool, String netty, String tag) {
        CachingProvider provider = Caching.getCachingProvider(REDISSON_PROVIDER);
        try {
            // Redisson's provider reads its configuration from a YAML file URI.
            Path yaml = Files.createTempFile("redisson-jcache-" + (tag == null ? "" : tag), ".yaml");
            Files.write(yaml, redissonConfig(pool, netty).toYAML().getBytes(StandardCharsets.UTF_8));
            yaml.toFile().deleteOnExit();
            CacheManager manager = provider.getCacheManager(yaml.toUri(), provider.getDefaultClassLoader());
            return new Opened(provider, manager);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
