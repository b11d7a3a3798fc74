package com.example.swapin;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** The system of record (a database in real life): slow, so the catalog caches what it reads. */
public class ProductRepository {

    private final Map<String, Product> products = new ConcurrentHashMap<>();
    private final AtomicInteger reads = new AtomicInteger();

    public void save(Product product) {
        products.put(product.sku(), product);
    }

    public Product find(String sku) {
        reads.incrementAndGet();
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return products.get(sku);
    }

    /** How many times {@link #find} ran. */
    public int reads() {
        return reads.get();
    }
}
