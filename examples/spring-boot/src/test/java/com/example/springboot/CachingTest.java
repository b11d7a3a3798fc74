package com.example.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.cache.CacheManager;
import org.springframework.cache.jcache.JCacheCacheManager;

import io.github.redisjcache.RedisCachingProvider;
import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.RespClient;
import io.github.redisjcache.testing.TestRedis;

@ExtendWith(UseTestRedis.class)
@RedisTest
@SpringBootTest
class CachingTest {

    @Autowired
    ProductService products;
    @Autowired
    BookService books;
    @Autowired
    CacheManager cacheManager;

    @BeforeEach
    void resetCounters() {
        products.resetCounters();
        books.resetCounters();
    }

    @Test
    void springUsesRedisJcache() {
        assertThat(cacheManager).isInstanceOf(JCacheCacheManager.class);
        javax.cache.CacheManager jcache = ((JCacheCacheManager) cacheManager).getCacheManager();
        assertThat(jcache.getCachingProvider()).isInstanceOf(RedisCachingProvider.class);
        assertThat(jcache.getURI().toString()).endsWith("redis-jcache.yaml");
        assertThat(cacheManager.getCacheNames()).contains("products", "prices", "quotes", "books");
    }

    @Test
    void cacheableCallsTheMethodOnceAndStoresTheValueInRedis() {
        Product first = products.product(1);
        Product second = products.product(1);

        assertThat(second).isEqualTo(first);
        assertThat(products.productLookups()).isEqualTo(1);
        try (RespClient redis = TestRedis.get().client()) {
            // one Redis key per entry, jcache:<cache>:<key>, holding JSON (plain: the types are declared in the YAML)
            List<Object> keys = redis.callList("KEYS", "jcache:products:*");
            assertThat(keys).hasSize(1);
            assertThat(keys.get(0)).hasToString("jcache:products:1");
            String json = redis.callString("GET", keys.get(0).toString());
            assertThat(json).isEqualTo("{\"id\":1,\"name\":\"Product 1\",\"price\":1.99}");
        }
    }

    @Test
    void cachePutReplacesAndCacheEvictRemoves() {
        products.product(2);
        products.update(new Product(2, "Renamed", BigDecimal.TEN));

        assertThat(products.product(2).name()).isEqualTo("Renamed");
        assertThat(products.productLookups()).isEqualTo(1);

        products.evict(2);
        assertThat(products.product(2).name()).isEqualTo("Product 2");
        assertThat(products.productLookups()).isEqualTo(2);

        products.product(3);
        products.evictAll();
        products.product(2);
        products.product(3);
        assertThat(products.productLookups()).isEqualTo(5);
    }

    @Test
    void nullResultsAreCachedToo() {
        assertThat(products.discontinued("X-1")).isNull();
        assertThat(products.discontinued("X-1")).isNull();
        assertThat(products.discontinuedLookups()).isEqualTo(1);
        try (RespClient redis = TestRedis.get().client()) {
            // keys and values declared Object: both carry their class, checked against allowed-packages on reading
            List<Object> keys = redis.callList("KEYS", "jcache:discontinued:*");
            assertThat(keys).singleElement().hasToString("jcache:discontinued:\"X-1\"");
            assertThat(redis.callString("GET", keys.get(0).toString())).contains("org.springframework.cache.support.NullValue");
        }
    }

    @Test
    void quotesExpireAfterTwoSeconds() throws InterruptedException {
        String quote = products.quote("ACME");
        assertThat(products.quote("ACME")).isEqualTo(quote);
        assertThat(products.quoteLookups()).isEqualTo(1);

        Thread.sleep(2300);

        assertThat(products.quote("ACME")).isNotEqualTo(quote);
        assertThat(products.quoteLookups()).isEqualTo(2);
    }

    @Test
    void jsr107Annotations() {
        Book book = books.find("978-0");
        assertThat(books.find("978-0")).isEqualTo(book);
        assertThat(books.lookups()).isEqualTo(1);

        books.save("978-0", new Book("978-0", "Second edition"));
        assertThat(books.find("978-0").title()).isEqualTo("Second edition");
        assertThat(books.lookups()).isEqualTo(1);

        books.remove("978-0");
        assertThat(books.find("978-0").title()).isEqualTo("Title of 978-0");
        assertThat(books.lookups()).isEqualTo(2);
    }

    @Test
    void syncCacheableLoadsOnceWhenSixteenThreadsMissTogether() throws Exception {
        int threads = 16;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return products.price(7);
                }));
            }
            start.countDown();
            Set<String> values = new java.util.HashSet<>();
            for (Future<String> result : results) {
                values.add(result.get(30, TimeUnit.SECONDS));
            }

            assertThat(products.priceLookups()).isEqualTo(1);
            assertThat(values).containsExactly("price of 7 computed by main");
        } finally {
            pool.shutdownNow();
        }
    }
}
