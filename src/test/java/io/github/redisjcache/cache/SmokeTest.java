package io.github.redisjcache.cache;

import static org.assertj.core.api.Assertions.assertThat;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;

import org.junit.jupiter.api.Test;

import io.github.redisjcache.support.CacheManagers;
import io.github.redisjcache.testing.RedisTest;

@RedisTest
class SmokeTest {

    @Test
    void putsAndGets() {
        CacheManager manager = CacheManagers.onTestRedis();
        Cache<String, Integer> cache = manager.createCache("smoke",
                new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class));
        cache.put("a", 1);
        assertThat(cache.get("a")).isEqualTo(1);
        assertThat(cache.getAndPut("a", 2)).isEqualTo(1);
        assertThat(cache.putIfAbsent("a", 3)).isFalse();
        assertThat(cache.replace("a", 2, 4)).isTrue();
        assertThat(cache.get("a")).isEqualTo(4);
        assertThat(cache.remove("a", 4)).isTrue();
        assertThat(cache.containsKey("a")).isFalse();
        cache.put("b", 5);
        assertThat(cache.iterator().next().getValue()).isEqualTo(5);
        Integer incremented = cache.invoke("b", (entry, args) -> {
            entry.setValue(entry.getValue() + 1);
            return entry.getValue();
        });
        assertThat(incremented).isEqualTo(6);
        manager.destroyCache("smoke");
        manager.close();
    }
}
