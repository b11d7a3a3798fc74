package com.example.swapin;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.management.CacheStatisticsMXBean;
import javax.cache.spi.CachingProvider;
import javax.management.JMX;
import javax.management.ObjectName;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The same assertions on any JCache provider: {@code Caching.getCachingProvider()} is whichever the build put on
 * the classpath and named in {@code javax.cache.spi.CachingProvider}.
 */
class ProductCatalogTest {

    private CacheManager cacheManager;
    private ProductRepository repository;
    private ProductCatalog catalog;

    @BeforeEach
    void start() {
        cacheManager = Caching.getCachingProvider().getCacheManager();
        repository = new ProductRepository();
        repository.save(new Product("p-1", "Kettle"));
        repository.save(new Product("p-2", "Teapot"));
        catalog = new ProductCatalog(cacheManager, repository);
    }

    @AfterEach
    void stop() {
        cacheManager.destroyCache(ProductCatalog.PRODUCTS);
        cacheManager.destroyCache(ProductCatalog.VIEWS);
        cacheManager.close();
    }

    @Test
    void runsOnTheProviderTheBuildChose() {
        CachingProvider provider = cacheManager.getCachingProvider();
        System.out.println("ProductCatalogTest runs on " + provider.getClass().getName());
        assertThat(provider.getClass().getName()).isEqualTo(System.getProperty("javax.cache.spi.CachingProvider"));
    }

    @Test
    void readsTheRepositoryOnceForRepeatedReads() {
        assertThat(catalog.product("p-1")).isEqualTo(new Product("p-1", "Kettle"));
        assertThat(catalog.product("p-1")).isEqualTo(new Product("p-1", "Kettle"));
        assertThat(catalog.product("p-1")).isEqualTo(new Product("p-1", "Kettle"));

        assertThat(repository.reads()).isEqualTo(1);
    }

    @Test
    void renamingUpdatesTheCacheAndEvictingReadsAgain() {
        catalog.product("p-2");
        catalog.rename("p-2", "Teapot, blue");

        assertThat(catalog.product("p-2").name()).isEqualTo("Teapot, blue");
        assertThat(repository.reads()).isEqualTo(1);

        catalog.evict("p-2");
        assertThat(catalog.product("p-2").name()).isEqualTo("Teapot, blue");
        assertThat(repository.reads()).isEqualTo(2);
    }

    @Test
    void productsExpire() throws InterruptedException {
        catalog.product("p-1");
        Thread.sleep(ProductCatalog.PRODUCT_TTL_MILLIS + 300);

        catalog.product("p-1");
        assertThat(repository.reads()).isEqualTo(2);
    }

    @Test
    void unknownProductsAreNotCached() {
        assertThat(catalog.product("nope")).isNull();
        assertThat(catalog.product("nope")).isNull();

        assertThat(repository.reads()).isEqualTo(2);
    }

    @Test
    void viewsAreCountedAtomically() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 50; i++) {
                        catalog.view("p-1");
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }

        assertThat(catalog.views("p-1")).isEqualTo(400);
    }

    @Test
    void statisticsAreInJmx() throws Exception {
        catalog.product("p-1"); // miss, loaded
        catalog.product("p-1"); // hit
        catalog.product("p-1"); // hit

        ObjectName name = new ObjectName("javax.cache:type=CacheStatistics,CacheManager="
                + cacheManager.getURI().toString().replaceAll("[,:=\n]", ".") + ",Cache=" + ProductCatalog.PRODUCTS);
        CacheStatisticsMXBean statistics = JMX.newMXBeanProxy(ManagementFactory.getPlatformMBeanServer(), name,
                CacheStatisticsMXBean.class);
        assertThat(statistics.getCacheHits()).isEqualTo(2);
        assertThat(statistics.getCacheMisses()).isEqualTo(1);
        assertThat(statistics.getCacheGets()).isEqualTo(3);
    }
}
