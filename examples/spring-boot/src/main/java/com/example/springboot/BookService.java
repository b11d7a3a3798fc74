package com.example.springboot;

import java.util.concurrent.atomic.AtomicInteger;

import javax.cache.annotation.CacheDefaults;
import javax.cache.annotation.CacheKey;
import javax.cache.annotation.CachePut;
import javax.cache.annotation.CacheRemove;
import javax.cache.annotation.CacheResult;
import javax.cache.annotation.CacheValue;

import org.springframework.stereotype.Service;

/** The standard JSR-107 annotations, which Spring interprets as well (spring-context-support + cache-api). */
@Service
@CacheDefaults(cacheName = "books")
public class BookService {

    private final AtomicInteger lookups = new AtomicInteger();

    /** Cached under the ISBN. */
    @CacheResult
    public Book find(String isbn) {
        lookups.incrementAndGet();
        return new Book(isbn, "Title of " + isbn);
    }

    /** Stores the book under its ISBN (after the method ran). */
    @CachePut
    public void save(@CacheKey String isbn, @CacheValue Book book) {
    }

    /** Removes the book from the cache. */
    @CacheRemove
    public void remove(String isbn) {
    }

    public int lookups() {
        return lookups.get();
    }

    public void resetCounters() {
        lookups.set(0);
    }
}
