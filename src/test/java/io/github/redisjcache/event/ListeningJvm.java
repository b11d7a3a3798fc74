package io.github.redisjcache.event;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;

/**
 * A second JVM for {@link CrossJvmEventsTest}: opens the cache on the Redis given as argument, registers a listener
 * that prints every event as {@code EVENT TYPE key=value old=oldValue}, prints {@code READY}, and runs until its
 * standard input closes.
 */
public final class ListeningJvm {

    private ListeningJvm() {
    }

    /** The configuration both JVMs use. */
    static MutableConfiguration<String, String> configuration() {
        return new MutableConfiguration<String, String>().setTypes(String.class, String.class)
                .setExpiryPolicyFactory(CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MILLISECONDS, 1500)));
    }

    public static void main(String[] args) throws Exception {
        CacheManager manager = Caching.getCachingProvider("io.github.redisjcache.RedisCachingProvider")
                .getCacheManager(URI.create(args[0]), ListeningJvm.class.getClassLoader());
        Cache<String, String> cache = manager.getCache(args[1], String.class, String.class);
        if (cache == null) {
            cache = manager.createCache(args[1], configuration());
        }
        cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
                FactoryBuilder.factoryOf(Printer.class), null, true, true));
        System.out.println("READY");
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            while (in.readLine() != null) {
                // Runs until the parent closes our input.
            }
        }
        manager.close();
    }

    /** Prints each event on a line of its own. */
    public static final class Printer implements CacheEntryCreatedListener<String, String>,
            CacheEntryUpdatedListener<String, String>, CacheEntryRemovedListener<String, String>,
            CacheEntryExpiredListener<String, String> {

        @Override
        public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
            print(events);
        }

        @Override
        public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
            print(events);
        }

        @Override
        public void onRemoved(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
            print(events);
        }

        @Override
        public void onExpired(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
            print(events);
        }

        private static void print(Iterable<CacheEntryEvent<? extends String, ? extends String>> events) {
            for (CacheEntryEvent<? extends String, ? extends String> event : events) {
                System.out.println("EVENT " + event.getEventType() + " " + event.getKey() + "=" + event.getValue()
                        + (event.isOldValueAvailable() ? " old=" + event.getOldValue() : ""));
            }
        }
    }
}
