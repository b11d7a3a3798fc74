package com.example.swapin;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.integration.CacheLoader;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.MutableEntry;

/**
 * The application: a product catalog in front of a slow repository, with a view counter. Only {@code javax.cache}:
 * which provider holds the caches (Redis or memory) is decided outside the code.
 */
public class ProductCatalog {

    public static final String PRODUCTS = "catalog.products";
    public static final String VIEWS = "catalog.views";
    /** Products are read again from the repository this long after they were cached. */
    public static final long PRODUCT_TTL_MILLIS = 1000;

    private final ProductRepository repository;
    private final Cache<String, Product> products;
    private final Cache<String, Long> views;

    public ProductCatalog(CacheManager cacheManager, ProductRepository repository) {
        this.repository = repository;
        this.products = cacheManager.createCache(PRODUCTS, new MutableConfiguration<String, Product>()
                .setTypes(String.class, Product.class)
                .setReadThrough(true)
                .setCacheLoaderFactory(FactoryBuilder.factoryOf(new RepositoryLoader(repository)))
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(
                        new Duration(TimeUnit.MILLISECONDS, PRODUCT_TTL_MILLIS)))
                .setStatisticsEnabled(true));
        this.views = cacheManager.createCache(VIEWS, new MutableConfiguration<String, Long>()
                .setTypes(String.class, Long.class));
    }

    /** The product, from the cache, or from the repository (read-through) on a miss. */
    public Product product(String sku) {
        return products.get(sku);
    }

    /** Renames a product: the repository, then the cache. */
    public void rename(String sku, String name) {
        Product renamed = new Product(sku, name);
        repository.save(renamed);
        products.put(sku, renamed);
    }

    /** Forgets the cached product; the next read goes to the repository. */
    public void evict(String sku) {
        products.remove(sku);
    }

    /** Counts a view, atomically; returns the new count. */
    public long view(String sku) {
        return views.invoke(sku, new Increment());
    }

    public long views(String sku) {
        Long count = views.get(sku);
        return count == null ? 0 : count;
    }

    /** Reads missing products from the repository. */
    static final class RepositoryLoader implements CacheLoader<String, Product>, Serializable {
        private static final long serialVersionUID = 1L;
        private final transient ProductRepository repository;

        RepositoryLoader(ProductRepository repository) {
            this.repository = repository;
        }

        @Override
        public Product load(String sku) {
            return repository.find(sku);
        }

        @Override
        public Map<String, Product> loadAll(Iterable<? extends String> skus) {
            Map<String, Product> found = new HashMap<>();
            for (String sku : skus) {
                Product product = repository.find(sku);
                if (product != null) {
                    found.put(sku, product);
                }
            }
            return found;
        }
    }

    /** Adds one to a counter that starts at 0. */
    static final class Increment implements EntryProcessor<String, Long, Long>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public Long process(MutableEntry<String, Long> entry, Object... arguments) {
            long next = (entry.exists() ? entry.getValue() : 0L) + 1;
            entry.setValue(next);
            return next;
        }
    }
}
