package io.github.redisjcache.tck;

import org.junit.runner.Description;
import org.junit.runner.notification.RunListener;

import io.github.redisjcache.testing.TestRedis;

/**
 * Gives the TCK a Redis before its first test: a redis-server of its own on a free loopback port (or the one
 * {@code REDIS_URL} names), which the provider's default cache manager then uses.
 */
public class RedisForTck extends RunListener {

    @Override
    public void testRunStarted(Description description) {
        TestRedis redis = TestRedis.get();
        System.setProperty("redisjcache.uri", redis.uri());
        String codec = System.getProperty("redisjcache.tck.codec", "json");
        System.setProperty("redisjcache.config", "classpath:tck-" + codec + ".yaml");
        System.out.println("TCK runs against " + (redis.isExternal() ? "external " : "") + "Redis at "
                + redis.host() + ":" + redis.port() + " with the " + codec + " codec");
    }
}
