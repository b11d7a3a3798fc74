package com.example.swapin.redis;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

import io.github.redisjcache.testing.TestRedis;

/**
 * What the tests need to run on redis-jcache, and only then (the "redis" profile adds this source folder): a Redis.
 * {@code TestRedis} starts a redis-server on a free loopback port for the test run (or uses the one REDIS_URL
 * names), and the default cache manager connects to the system property {@code redisjcache.uri}.
 */
public class RedisForTests implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        System.setProperty("redisjcache.uri", TestRedis.get().uri());
    }
}
