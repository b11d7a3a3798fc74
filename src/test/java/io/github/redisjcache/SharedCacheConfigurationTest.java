package io.github.redisjcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.ModifiedExpiryPolicy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.redisjcache.support.CacheManagers;
import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.RespClient;
import io.github.redisjcache.testing.TestRedis;

/**
 * A cache's configuration lives in Redis next to its entries: another manager (another JVM, or a restarted
 * application) finds the cache, joins it with a compatible configuration, and is refused with an incompatible one.
 */
@RedisTest
class SharedCacheConfigurationTest {

    private CacheManager first;
    private CacheManager second;

    @BeforeEach
    void openManagers() {
        first = CacheManagers.provider().getCacheManager(URI.create(TestRedis.get().uri()),
                getClass().getClassLoader());
        second = CacheManagers.provider().getCacheManager(URI.create(TestRedis.get().uri() + "/0"),
                getClass().getClassLoader());
    }

    @AfterEach
    void closeManagers() {
        first.close();
        second.close();
    }

    private static MutableConfiguration<String, Integer> configuration() {
        return new MutableConfiguration<String, Integer>().setTypes(String.class, Integer.class)
                .setExpiryPolicyFactory(ModifiedExpiryPolicy.factoryOf(new Duration(TimeUnit.MINUTES, 10)));
    }

    @Test
    void anotherManagerFindsACacheCreatedElsewhereWithItsConfiguration() {
        first.createCache("prices", configuration()).put("apple", 3);

        Cache<String, Integer> found = second.getCache("prices", String.class, Integer.class);

        assertThat(found).isNotNull();
        assertThat(found.get("apple")).isEqualTo(3);
        CompleteConfiguration<?, ?> stored = found.getConfiguration(CompleteConfiguration.class);
        assertThat(stored.getExpiryPolicyFactory().create()).isEqualTo(
                new ModifiedExpiryPolicy(new Duration(TimeUnit.MINUTES, 10)));
        assertThat(second.getCacheNames()).containsExactly("prices");
    }

    @Test
    void creatingACacheThatExistsWithACompatibleConfigurationJoinsItAndKeepsItsEntries() {
        first.createCache("prices", configuration()).put("apple", 3);
        first.close();

        // A restarting application creates its caches again at every start.
        Cache<String, Integer> again = second.createCache("prices", configuration().setStatisticsEnabled(true));

        assertThat(again.get("apple")).isEqualTo(3);
    }

    @Test
    void anIncompatibleConfigurationIsRefusedNamingTheDifferences() {
        first.createCache("prices", configuration());

        MutableConfiguration<String, Long> other = new MutableConfiguration<String, Long>()
                .setTypes(String.class, Long.class)
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MINUTES, 5)));

        assertThatThrownBy(() -> second.createCache("prices", other)).isInstanceOf(CacheException.class)
                .hasMessageContaining("prices")
                .hasMessageContaining("valueType: stored java.lang.Integer, requested java.lang.Long")
                .hasMessageContaining("expiry");
    }

    @Test
    void theSameManagerRefusesASecondCreateAsTheSpecificationSays() {
        first.createCache("prices", configuration());

        assertThatThrownBy(() -> first.createCache("prices", configuration())).isInstanceOf(CacheException.class);
    }

    @Test
    void destroyingACacheRemovesItsEntriesAndItsConfiguration(RespClient redis) {
        Cache<String, Integer> cache = first.createCache("prices", configuration());
        for (int i = 0; i < 1200; i++) {
            cache.put("item-" + i, i);
        }
        assertThat(redis.callList("KEYS", "jcache:*prices*")).hasSize(1201);

        second.destroyCache("prices");

        assertThat(redis.callList("KEYS", "jcache:*prices*")).containsExactly("jcache:#destroyed:prices");
        assertThat(second.getCache("prices")).isNull();
    }

    @Test
    void aCacheNobodyCreatedIsNotFound() {
        assertThat(first.getCache("nothing-here")).isNull();
        assertThat(first.getCacheNames()).isEmpty();
    }
}
