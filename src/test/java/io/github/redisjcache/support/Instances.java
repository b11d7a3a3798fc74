package io.github.redisjcache.support;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import javax.cache.CacheManager;

/**
 * Cache managers that share nothing but Redis, as the instances of an application in separate JVMs would: JCache
 * keeps one manager per URI and class loader, so each gets a URI of its own naming the same server.
 */
public final class Instances implements AutoCloseable {

    private final List<CacheManager> managers = new ArrayList<>();

    /**
     * Opens the next instance's cache manager.
     *
     * @param redisUri        the server
     * @param namesAndValues  its properties, as name, value, name, value...
     * @return the manager, closed by {@link #close}
     */
    public CacheManager open(String redisUri, String... namesAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            properties.setProperty(namesAndValues[i], namesAndValues[i + 1]);
        }
        String uri = managers.isEmpty() ? redisUri : redisUri + "/0?client-name=instance-" + managers.size();
        CacheManager manager = CacheManagers.provider().getCacheManager(URI.create(uri),
                Instances.class.getClassLoader(), properties);
        managers.add(manager);
        return manager;
    }

    /** Closes every manager opened. */
    @Override
    public void close() {
        managers.forEach(CacheManager::close);
        managers.clear();
    }
}
