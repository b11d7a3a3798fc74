package io.github.redisjcache.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.event.EventType;

import org.junit.jupiter.api.Test;

import io.github.redisjcache.support.CacheManagers;
import io.github.redisjcache.support.Eventually;
import io.github.redisjcache.support.RecordingListener;
import io.github.redisjcache.testing.JvmProcess;
import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.TestRedis;

/** Listeners and expiry events between two JVMs that share nothing but Redis. */
@RedisTest
class CrossJvmEventsTest {

    private static final String CACHE = "shared";

    /** @return the URI of the Redis both JVMs use */
    String redisUri() {
        return TestRedis.get().uri();
    }

    @Test
    void aListenerInAnotherJvmHearsChangesAndExpiriesOnce() {
        CacheManager manager = CacheManagers.provider().getCacheManager(java.net.URI.create(redisUri()),
                getClass().getClassLoader());
        try (JvmProcess other = JvmProcess.start(ListeningJvm.class, Map.of(), redisUri(), CACHE)) {
            Cache<String, String> cache = manager.createCache(CACHE, ListeningJvm.configuration());
            other.awaitLine("READY"::equals, Duration.ofSeconds(60));
            // Our own listener too: the expiry must reach both JVMs, once each.
            RecordingListener<String, String> here = new RecordingListener<>();
            cache.registerCacheEntryListener(new javax.cache.configuration.MutableCacheEntryListenerConfiguration<>(
                    javax.cache.configuration.FactoryBuilder.factoryOf(here), null, true, true));

            Eventually.await(Duration.ofSeconds(10), "this JVM to learn of the other's listener", () -> {
                cache.put("probe", "p");
                return other.lines().stream().anyMatch(line -> line.startsWith("EVENT ") && line.contains("probe"));
            });
            cache.remove("probe");
            cache.put("a", "1");
            cache.put("a", "2");
            cache.remove("a");
            cache.put("b", "x");

            other.awaitLine(line -> line.equals("EVENT EXPIRED b=x old=x"), Duration.ofSeconds(15));
            Eventually.await(Duration.ofSeconds(15), "the expiry here", () -> here.count(EventType.EXPIRED) >= 1);
            sleep(2000);
            List<String> heard = other.lines().stream().filter(line -> line.startsWith("EVENT ") &&
                    !line.contains("probe")).collect(Collectors.toList());
            // Each key's events in order; keys on different masters of a cluster travel on different channels,
            // so the order between keys is not promised.
            assertThat(heard).hasSize(5);
            assertThat(eventsOf("a", heard)).containsExactly("EVENT CREATED a=1", "EVENT UPDATED a=2 old=1",
                    "EVENT REMOVED a=2 old=2");
            assertThat(eventsOf("b", heard)).containsExactly("EVENT CREATED b=x", "EVENT EXPIRED b=x old=x");
            assertThat(here.events().stream().filter(line -> line.startsWith("EXPIRED b=")).count()).isEqualTo(1);
        } finally {
            manager.close();
        }
    }

    private static List<String> eventsOf(String key, List<String> lines) {
        return lines.stream().filter(line -> line.split(" ")[2].startsWith(key + "="))
                .collect(Collectors.toList());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
