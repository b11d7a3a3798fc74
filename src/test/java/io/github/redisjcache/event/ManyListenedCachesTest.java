package io.github.redisjcache.event;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.Serializable;

import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.redisjcache.support.CacheManagers;
import io.github.redisjcache.testing.RedisTest;

/**
 * Regression: each cache with listeners subscribes to its event channel (and to a keyspace pattern with an expiry
 * listener); with Redisson's default of 5 subscriptions per pub/sub connection, the tenth such cache of one manager
 * failed to subscribe.
 */
@RedisTest
class ManyListenedCachesTest {

    private CacheManager manager;

    @BeforeEach
    void connect() {
        manager = CacheManagers.onTestRedis();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void fortyCachesWithExpiryListeners() {
        for (int i = 0; i < 40; i++) {
            String name = "listened-" + i;
            assertThatCode(() -> manager.createCache(name, new MutableConfiguration<String, String>()
                    .setTypes(String.class, String.class)
                    .addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(
                            FactoryBuilder.factoryOf(ExpiryListener.class), null, false, true))))
                    .as("createCache(%s)", name)
                    .doesNotThrowAnyException();
        }
    }

    @Test
    void eightyCachesWithCreatedListeners() {
        for (int i = 0; i < 80; i++) {
            String name = "created-" + i;
            assertThatCode(() -> manager.createCache(name, new MutableConfiguration<String, String>()
                    .setTypes(String.class, String.class)
                    .addCacheEntryListenerConfiguration(new MutableCacheEntryListenerConfiguration<>(
                            FactoryBuilder.factoryOf(CreatedListener.class), null, false, true))))
                    .as("createCache(%s)", name)
                    .doesNotThrowAnyException();
        }
    }

    /** Listens for expiries. */
    public static class ExpiryListener implements CacheEntryExpiredListener<String, String>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public void onExpired(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
        }
    }

    /** Listens for creations. */
    public static class CreatedListener implements CacheEntryCreatedListener<String, String>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
        }
    }
}
