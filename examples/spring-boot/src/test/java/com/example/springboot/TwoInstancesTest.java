package com.example.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

import io.github.redisjcache.testing.RedisTest;

/**
 * Two instances of the application on the same Redis share their caches.
 *
 * <p>Both run in this JVM. JCache keeps one cache manager per (URI, class loader), so two contexts with the same
 * configuration would share one manager (and the second would fail to create the caches the first created); each
 * instance therefore gets a class loader of its own, which delegates everything to the application's: a cache manager
 * of its own, as in two JVMs (redis-jcache lets managers with the same connection settings share one connection).
 */
@ExtendWith(UseTestRedis.class)
@RedisTest
class TwoInstancesTest {

    private ConfigurableApplicationContext a;
    private ConfigurableApplicationContext b;

    @BeforeEach
    void startTwoInstances() {
        a = start("A");
        b = start("B");
    }

    @AfterEach
    void stop() {
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
    }

    private static ConfigurableApplicationContext start(String instance) {
        ClassLoader own = new URLClassLoader("instance-" + instance, new URL[0],
                TwoInstancesTest.class.getClassLoader());
        return new SpringApplicationBuilder(CatalogApplication.class)
                .resourceLoader(new DefaultResourceLoader(own))
                .properties("catalog.instance=" + instance)
                .run();
    }

    @Test
    void aValueCachedByOneInstanceIsAHitInTheOther() {
        ProductService serviceA = a.getBean(ProductService.class);
        ProductService serviceB = b.getBean(ProductService.class);

        assertThat(a.getBean(javax.cache.CacheManager.class)).isNotSameAs(b.getBean(javax.cache.CacheManager.class));

        Product cachedByA = serviceA.product(42);
        assertThat(serviceB.product(42)).isEqualTo(cachedByA);
        assertThat(serviceA.productLookups()).isEqualTo(1);
        assertThat(serviceB.productLookups()).isZero();

        // an eviction in B is seen by A
        serviceB.evict(42);
        serviceA.product(42);
        assertThat(serviceA.productLookups()).isEqualTo(2);

        // so is an update
        serviceB.update(new Product(42, "Updated by B", cachedByA.price()));
        assertThat(serviceA.product(42).name()).isEqualTo("Updated by B");
        assertThat(serviceA.productLookups()).isEqualTo(2);
    }

    @Test
    void whenBothInstancesMissTogetherEachLoadsAtMostOnceAndAllSeeTheFirstCommittedValue() throws Exception {
        ProductService serviceA = a.getBean(ProductService.class);
        ProductService serviceB = b.getBean(ProductService.class);

        Set<String> values = missTogether(serviceA, serviceB, service -> service.price(9));

        System.out.printf("price(9): A loaded %d time(s), B %d; everyone got: %s%n", serviceA.priceLookups(),
                serviceB.priceLookups(), values);
        assertThat(serviceA.priceLookups()).isLessThanOrEqualTo(1);
        assertThat(serviceB.priceLookups()).isLessThanOrEqualTo(1);
        // every caller, in both instances, got the one value that was committed first
        assertThat(values).hasSize(1);
        assertThat(values.iterator().next()).isIn("price of 9 computed by A", "price of 9 computed by B");
        assertThat(serviceA.price(9)).isEqualTo(values.iterator().next());
        assertThat(serviceB.price(9)).isEqualTo(values.iterator().next());
    }

    @Test
    void withAnInvokeLockTheMethodRunsOnceAcrossInstances() throws Exception {
        ProductService serviceA = a.getBean(ProductService.class);
        ProductService serviceB = b.getBean(ProductService.class);

        Set<String> values = missTogether(serviceA, serviceB, service -> service.rate("EUR"));

        System.out.printf("rate(EUR) with invoke-lock: A loaded %d time(s), B %d; everyone got: %s%n",
                serviceA.rateLookups(), serviceB.rateLookups(), values);
        assertThat(serviceA.rateLookups() + serviceB.rateLookups()).isEqualTo(1);
        assertThat(values).hasSize(1);
    }

    /** Makes 8 threads in each instance call at the same moment; returns the distinct values they got. */
    private static Set<String> missTogether(ProductService serviceA, ProductService serviceB,
                                            Function<ProductService, String> call) throws Exception {
        int threadsPerInstance = 8;
        ExecutorService pool = Executors.newFixedThreadPool(2 * threadsPerInstance);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < threadsPerInstance; i++) {
                for (ProductService service : List.of(serviceA, serviceB)) {
                    results.add(pool.submit(() -> {
                        start.await();
                        return call.apply(service);
                    }));
                }
            }
            start.countDown();
            Set<String> values = new HashSet<>();
            for (Future<String> result : results) {
                values.add(result.get(30, TimeUnit.SECONDS));
            }
            return values;
        } finally {
            pool.shutdownNow();
        }
    }
}
