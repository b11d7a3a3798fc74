package com.example.springboot;

import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

/**
 * Spring's cache annotations. Each method stands for a slow lookup (a database, a remote service) and counts its
 * calls, so that the tests can tell a cache hit from a miss.
 */
@Service
public class ProductService {

    private final String instance;
    private final AtomicInteger productLookups = new AtomicInteger();
    private final AtomicInteger priceLookups = new AtomicInteger();
    private final AtomicInteger rateLookups = new AtomicInteger();
    private final AtomicInteger quoteLookups = new AtomicInteger();
    private final AtomicInteger discontinuedLookups = new AtomicInteger();

    public ProductService(@Value("${catalog.instance:main}") String instance) {
        this.instance = instance;
    }

    /** Cached in "products" under the id. */
    @Cacheable("products")
    public Product product(long id) {
        productLookups.incrementAndGet();
        return new Product(id, "Product " + id, BigDecimal.valueOf(id * 100 + 99, 2));
    }

    /** Replaces the cached product with the one returned. */
    @CachePut(cacheNames = "products", key = "#product.id")
    public Product update(Product product) {
        return product;
    }

    /** Removes the product from the cache. */
    @CacheEvict("products")
    public void evict(long id) {
    }

    /** Empties the cache. */
    @CacheEvict(cacheNames = "products", allEntries = true)
    public void evictAll() {
    }

    /**
     * A slow price computation. {@code sync = true}: when many threads miss at once, one computes and the others wait
     * for its value (Spring runs it through JCache's {@code Cache.invoke}, which redis-jcache makes atomic).
     */
    @Cacheable(cacheNames = "prices", sync = true)
    public String price(long id) {
        priceLookups.incrementAndGet();
        sleep(300);
        return "price of " + id + " computed by " + instance;
    }

    /**
     * A slow exchange-rate lookup, like {@link #price} but cached in "rates", whose template in redis-jcache.yaml sets
     * {@code invoke-lock}: when several instances miss at once, one instance computes and the others wait for its
     * value too.
     */
    @Cacheable(cacheNames = "rates", sync = true)
    public String rate(String currency) {
        rateLookups.incrementAndGet();
        sleep(300);
        return "rate of " + currency + " computed by " + instance;
    }

    /** Quotes expire 2 s after they are cached (the "quotes" template of redis-jcache.yaml). */
    @Cacheable("quotes")
    public String quote(String symbol) {
        quoteLookups.incrementAndGet();
        return symbol + " @ " + System.nanoTime();
    }

    /** A lookup that finds nothing: Spring caches the null too (as its NullValue). */
    @Cacheable("discontinued")
    public Product discontinued(String code) {
        discontinuedLookups.incrementAndGet();
        return null;
    }

    public int productLookups() {
        return productLookups.get();
    }

    public int priceLookups() {
        return priceLookups.get();
    }

    public int rateLookups() {
        return rateLookups.get();
    }

    public int quoteLookups() {
        return quoteLookups.get();
    }

    public int discontinuedLookups() {
        return discontinuedLookups.get();
    }

    /** Resets the counters (tests). */
    public void resetCounters() {
        productLookups.set(0);
        priceLookups.set(0);
        rateLookups.set(0);
        quoteLookups.set(0);
        discontinuedLookups.set(0);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
