package com.example.hibernate;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.github.redisjcache.testing.TestRedis;

/**
 * Points redis-jcache at the test Redis before any session factory is built: the configuration file has no
 * connection, so the cache manager connects to the system property {@code redisjcache.uri} (then {@code REDIS_URL}).
 */
public class UseTestRedis implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        System.setProperty("redisjcache.uri", TestRedis.get().uri());
    }
}
