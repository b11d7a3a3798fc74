package io.github.redisjcache.config;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.cache.Cache;
import javax.cache.configuration.Factory;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;

/** Classes that configuration files and stored configurations name in the tests. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A loader with a public no-argument constructor. */
    public static class NamedLoader implements CacheLoader<Object, Object> {
        @Override
        public Object load(Object key) {
            return null;
        }

        @Override
        public Map<Object, Object> loadAll(Iterable<?> keys) {
            return Map.of();
        }
    }

    /** A writer with a public no-argument constructor. */
    public static class NamedWriter implements CacheWriter<Object, Object> {
        @Override
        public void write(Cache.Entry<?, ?> entry) {
        }

        @Override
        public void writeAll(Collection<Cache.Entry<?, ?>> entries) {
        }

        @Override
        public void delete(Object key) {
        }

        @Override
        public void deleteAll(Collection<?> keys) {
        }
    }

    /** A factory of loaders that counts how often it was asked to create one. */
    public static class CountingLoaderFactory implements Factory<CacheLoader<Object, Object>> {
        private static final long serialVersionUID = 1L;
        static final AtomicInteger CREATED = new AtomicInteger();

        @Override
        public CacheLoader<Object, Object> create() {
            CREATED.incrementAndGet();
            return new NamedLoader();
        }
    }

    /** A factory of writers that counts how often it was asked to create one. */
    public static class CountingWriterFactory implements Factory<CacheWriter<Object, Object>> {
        private static final long serialVersionUID = 1L;
        static final AtomicInteger CREATED = new AtomicInteger();

        @Override
        public CacheWriter<Object, Object> create() {
            CREATED.incrementAndGet();
            return new NamedWriter();
        }
    }

    /** A loader the library cannot create: its only constructor takes an argument. */
    public static class LoaderWithoutNoArgConstructor extends NamedLoader {
        public LoaderWithoutNoArgConstructor(String url) {
        }
    }

    /** Neither a loader nor a factory. */
    public static class NotALoader {
    }

    /** A custom expiry policy with a public no-argument constructor. */
    public static class CustomExpiry implements ExpiryPolicy {
        @Override
        public Duration getExpiryForCreation() {
            return Duration.ONE_HOUR;
        }

        @Override
        public Duration getExpiryForAccess() {
            return null;
        }

        @Override
        public Duration getExpiryForUpdate() {
            return null;
        }
    }

    /** A custom expiry policy another JVM cannot create from its class name. */
    public static class CustomExpiryWithoutNoArgConstructor extends CustomExpiry {
        public CustomExpiryWithoutNoArgConstructor(long millis) {
        }
    }
}
