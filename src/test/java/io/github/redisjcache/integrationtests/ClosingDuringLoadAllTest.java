package io.github.redisjcache.integrationtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.Closeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CompletionListener;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.redisjcache.support.CacheManagers;
import io.github.redisjcache.support.Eventually;
import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.RespClient;

/**
 * Closing or destroying a cache while a {@code loadAll} runs in the background waits for it: the loader is closed
 * after its last load, and no loaded entry is stored after {@code destroyCache} removed the entries.
 */
@RedisTest
class ClosingDuringLoadAllTest {

    private static final List<String> STEPS = Collections.synchronizedList(new ArrayList<>());

    private CacheManager manager;

    @BeforeEach
    void open() {
        STEPS.clear();
        manager = CacheManagers.onTestRedis();
    }

    @AfterEach
    void close() {
        manager.close();
    }

    /** A slow loader that records its steps and its closing. */
    public static final class SlowLoader implements CacheLoader<String, String>, Closeable {
        @Override
        public String load(String key) {
            STEPS.add("start " + key);
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            STEPS.add("end " + key);
            return "loaded";
        }

        @Override
        public Map<String, String> loadAll(Iterable<? extends String> keys) {
            Map<String, String> values = new HashMap<>();
            keys.forEach(key -> values.put(key, load(key)));
            return values;
        }

        @Override
        public void close() {
            STEPS.add("close");
        }
    }

    private Cache<String, String> createCache() {
        return manager.createCache("slow", new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class).setReadThrough(true)
                .setCacheLoaderFactory(FactoryBuilder.factoryOf(SlowLoader.class)));
    }

    @Test
    void destroyingTheCacheWaitsForTheLoadThenClosesTheLoaderAndLeavesNoEntry(RespClient redis) {
        Cache<String, String> cache = createCache();
        cache.loadAll(Set.of("a"), false, null);
        Eventually.await(Duration.ofSeconds(5), "the load to start", () -> STEPS.contains("start a"));

        manager.destroyCache("slow");

        assertThat(STEPS).containsExactly("start a", "end a", "close");
        assertThat(redis.callList("KEYS", "jcache:*slow*")).containsExactly("jcache:#destroyed:slow");
    }

    @Test
    void aCompletionListenerThatClosesTheCacheDoesNotWaitForItself() throws Exception {
        Cache<String, String> cache = createCache();
        CompletableFuture<Void> closed = new CompletableFuture<>();

        cache.loadAll(Set.of("a"), false, new CompletionListener() {
            @Override
            public void onCompletion() {
                cache.close();
                closed.complete(null);
            }

            @Override
            public void onException(Exception e) {
                closed.completeExceptionally(e);
            }
        });

        closed.get(5, TimeUnit.SECONDS);
        assertThat(cache.isClosed()).isTrue();
        assertThat(STEPS).containsExactly("start a", "end a", "close");
    }
}
