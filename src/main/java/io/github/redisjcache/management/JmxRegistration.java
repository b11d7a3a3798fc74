package io.github.redisjcache.management;

import java.lang.management.ManagementFactory;

import javax.cache.CacheException;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/** Registers a cache's MXBeans in the platform MBean server under the object names the specification gives. */
public final class JmxRegistration {

    /** The two kinds of bean a cache has. */
    public enum Kind {
        /** {@code javax.cache:type=CacheConfiguration,...}. */
        CONFIGURATION("CacheConfiguration"),
        /** {@code javax.cache:type=CacheStatistics,...}. */
        STATISTICS("CacheStatistics");

        private final String type;

        Kind(String type) {
            this.type = type;
        }
    }

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final String managerName;
    private final String cacheName;

    /**
     * Creates the registration of one cache.
     *
     * @param managerUri the cache manager's URI
     * @param cacheName  the cache's name
     */
    public JmxRegistration(String managerUri, String cacheName) {
        this.managerName = safe(managerUri);
        this.cacheName = safe(cacheName);
    }

    /**
     * Registers a bean unless one is registered under its name.
     *
     * @param kind the bean's kind
     * @param bean the bean
     */
    public void register(Kind kind, Object bean) {
        ObjectName name = name(kind);
        try {
            if (!server.isRegistered(name)) {
                server.registerMBean(bean, name);
            }
        } catch (InstanceAlreadyExistsException e) {
            // Registered meanwhile by another thread: the bean is there, which is what we want.
        } catch (Exception e) {
            throw new CacheException("Cannot register MXBean " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Unregisters a bean if registered.
     *
     * @param kind the bean's kind
     */
    public void unregister(Kind kind) {
        ObjectName name = name(kind);
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (InstanceNotFoundException e) {
            // Unregistered meanwhile: the outcome is the one wanted.
        } catch (Exception e) {
            throw new CacheException("Cannot unregister MXBean " + name + ": " + e.getMessage(), e);
        }
    }

    /**
     * Builds a bean's object name.
     *
     * @param kind the bean's kind
     * @return {@code javax.cache:type=...,CacheManager=...,Cache=...}
     */
    public ObjectName name(Kind kind) {
        try {
            return new ObjectName("javax.cache:type=" + kind.type + ",CacheManager=" + managerName + ",Cache="
                    + cacheName);
        } catch (MalformedObjectNameException e) {
            throw new CacheException("Illegal MXBean name for cache " + cacheName + ": " + e.getMessage(), e);
        }
    }

    private static String safe(String text) {
        return text == null ? "" : text.replaceAll(",|:|=|\n", ".");
    }
}
