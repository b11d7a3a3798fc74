package io.github.redisjcache.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Closeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.redisjcache.support.CacheManagers;
import io.github.redisjcache.support.Eventually;
import io.github.redisjcache.testing.RedisTest;

/**
 * An asynchronous listener that is {@link Closeable} is closed after the events queued for it, never under them:
 * on deregistration and when its cache closes.
 */
@RedisTest
class AsyncListenerClosingTest {

    private static final List<String> STEPS = Collections.synchronizedList(new ArrayList<>());

    private CacheManager manager;
    private Cache<String, String> cache;
    private MutableCacheEntryListenerConfiguration<String, String> listener;

    /** Takes its time over each event, and records what happens to it. */
    public static final class SlowListener implements CacheEntryCreatedListener<String, String>, Closeable {
        @Override
        public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            events.forEach(event -> STEPS.add("created " + event.getKey()));
        }

        @Override
        public void close() {
            STEPS.add("close");
        }
    }

    @BeforeEach
    void open() {
        STEPS.clear();
        manager = CacheManagers.onTestRedis();
        cache = manager.createCache("slow-listener", new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class));
        listener = new MutableCacheEntryListenerConfiguration<>(FactoryBuilder.factoryOf(SlowListener.class), null,
                false, false);
        cache.registerCacheEntryListener(listener);
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void deregistrationClosesTheListenerAfterItsQueuedEvents() {
        cache.put("a", "1");
        cache.put("b", "2");
        cache.put("c", "3");

        cache.deregisterCacheEntryListener(listener);

        Eventually.await(Duration.ofSeconds(5), "the listener to close", () -> STEPS.contains("close"));
        assertThat(STEPS).containsExactly("created a", "created b", "created c", "close");
    }

    @Test
    void closingTheCacheClosesTheListenerAfterItsQueuedEvents() {
        cache.put("a", "1");
        cache.put("b", "2");

        cache.close();

        assertThat(STEPS).containsExactly("created a", "created b", "close");
    }
}
