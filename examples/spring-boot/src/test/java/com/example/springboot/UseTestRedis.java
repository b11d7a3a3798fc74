package com.example.springboot;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.github.redisjcache.testing.TestRedis;

/**
 * Points the application at the test Redis before Spring starts it: redis-jcache's default connection is the
 * system property {@code redisjcache.uri} (then {@code REDIS_URL}), which the cache manager reads when it is created.
 * {@code TestRedis} is a redis-server started for the test run on a free loopback port, or the server
 * {@code REDIS_URL} names.
 */
public class UseTestRedis implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        System.setProperty("redisjcache.uri", TestRedis.get().uri());
    }
}
