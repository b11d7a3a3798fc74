package io.github.redisjcache.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

import javax.cache.annotation.BeanProvider;

import org.junit.runner.Description;
import org.junit.runner.Result;
import org.junit.runner.notification.RunListener;

import io.github.redisjcache.connection.ServerInfo;
import io.github.redisjcache.tck.beans.BeansServed;
import io.github.redisjcache.testing.RedisCluster;
import io.github.redisjcache.testing.RespClient;
import io.github.redisjcache.testing.TestRedis;

/**
 * Gives the TCK a Redis before its first test: a redis-server of its own on a free loopback port (or the one
 * {@code REDIS_URL} names; or, when {@code redisjcache.tck.deployment} is {@code cluster}, a local Redis Cluster of
 * 3 masters and 3 replicas), which the provider's default cache manager then uses, configured by
 * {@code tck-<codec>.yaml} (or the file {@code redisjcache.tck.config} names). The database is emptied before and
 * after the run.
 *
 * <p>A run is either the core tests or, when {@code redisjcache.tck.bean-provider} names a {@link BeanProvider},
 * the annotation tests. The TCK passes its annotation tests without running them when it finds no bean provider or
 * fails to build one, so an annotation run stops here unless exactly the named provider is on the classpath, and
 * fails at its end if any test took no bean from it. Either kind of run fails if it ran tests of the other kind
 * ({@code -Dtest} overrides the executions' includes).
 */
public class RedisForTck extends RunListener {

    private static final String ANNOTATION_TESTS = "org.jsr107.tck.annotation.";

    private final String expectedBeans = System.getProperty("redisjcache.tck.bean-provider", "");
    private final boolean annotationRun = !expectedBeans.isEmpty();
    private final List<String> otherKind = new ArrayList<>();
    private final List<String> withoutBeans = new ArrayList<>();
    private final boolean clusterRun = "cluster".equals(System.getProperty("redisjcache.tck.deployment"));
    private long beansBeforeTest;
    private TestRedis redis;
    private RedisCluster cluster;

    @Override
    public void testRunStarted(Description description) {
        try {
            start();
        } catch (RuntimeException e) {
            // JUnit drops a listener that throws an Exception and runs the tests anyway, with the provider left to
            // find a Redis by itself (REDIS_URL, else the default address); an Error stops the run.
            throw new AssertionError("The TCK cannot start: " + e.getMessage(), e);
        }
    }

    private void start() {
        if (annotationRun) {
            checkBeanProvider();
        }
        String where;
        if (clusterRun) {
            // Always a cluster of its own: 3 masters and 3 replicas on loopback ports.
            cluster = RedisCluster.start(3, 1);
            System.setProperty("redisjcache.uri", cluster.uri());
            where = "a local Redis Cluster " + cluster.seeds();
        } else {
            redis = TestRedis.get();
            // Empty, or allowed to be emptied (TestRedis refuses a non-empty external database otherwise).
            redis.flush();
            System.setProperty("redisjcache.uri", redis.uri());
            String server;
            try (RespClient client = redis.client()) {
                // "Valkey 9.1.2", not the 7.2.4 that Valkey keeps in redis_version.
                server = ServerInfo.of(client.info("server")).describe();
            }
            where = (redis.isExternal() ? "external " : "") + server + " at " + redis.host() + ":" + redis.port();
        }
        String codec = System.getProperty("redisjcache.tck.codec", "json");
        String config = System.getProperty("redisjcache.tck.config", "tck-" + codec + ".yaml");
        System.setProperty("redisjcache.config", "classpath:" + config);
        System.out.println("TCK runs against " + where + " with the " + codec + " codec (" + config + ")"
                + (annotationRun ? ", beans from " + expectedBeans : ""));
    }

    @Override
    public void testStarted(Description description) {
        beansBeforeTest = BeansServed.count();
        if (isAnnotationTest(description) != annotationRun) {
            otherKind.add(description.getDisplayName());
        }
    }

    @Override
    public void testFinished(Description description) {
        if (annotationRun && isAnnotationTest(description) && BeansServed.count() == beansBeforeTest) {
            withoutBeans.add(description.getDisplayName());
        }
    }

    @Override
    public void testRunFinished(Result result) {
        if (redis != null) {
            // The caches the TCK leaves behind stay in Redis; the next run (another codec, the annotation tests)
            // must find the database as this one did.
            redis.flush();
        }
        if (cluster != null) {
            cluster.close();
        }
        List<String> problems = new ArrayList<>();
        if (!otherKind.isEmpty()) {
            problems.add(otherKind.size() + (annotationRun ? " core tests ran in an annotation run"
                    : " annotation tests ran in a core run") + " (-Dtest overrides the includes: leave the other runs"
                    + " out with -Dtck.<run>.skip), the first " + otherKind.get(0));
        }
        if (!withoutBeans.isEmpty()) {
            problems.add(withoutBeans.size() + " annotation tests got no bean from " + expectedBeans
                    + ", so the TCK passed them without running them (see 'Failed to load BeanProvider' above),"
                    + " the first " + withoutBeans.get(0));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(String.join("; ", problems));
        }
    }

    private static boolean isAnnotationTest(Description description) {
        String className = description.getClassName();
        return className != null && className.startsWith(ANNOTATION_TESTS);
    }

    private void checkBeanProvider() {
        // Looked at by class only: the TCK makes the one instance it uses.
        List<String> found = ServiceLoader.load(BeanProvider.class).stream()
                .map(provider -> provider.type().getName())
                .collect(Collectors.toList());
        if (!found.equals(List.of(expectedBeans))) {
            throw new IllegalStateException("The annotation tests need exactly one BeanProvider, " + expectedBeans
                    + ", on the classpath; found " + found);
        }
    }
}
