package io.github.redisjcache.testing;

import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that empties the shared {@link TestRedis} before each test (restarting its local server first
 * if a previous test stopped or killed it) and injects {@link TestRedis} and {@link RespClient} parameters.
 *
 * <p>An injected {@link RespClient} is authenticated and selected like {@link TestRedis#client()}, and is closed
 * when the scope it was resolved in ends (the test method, or the class for constructor and {@code @BeforeAll}
 * parameters). Usually applied with {@link RedisTest @RedisTest}. Since every test empties the one shared server,
 * such tests must not run concurrently with each other.
 */
public class RedisExtension implements BeforeEachCallback, ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RedisExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        TestRedis redis = TestRedis.get();
        redis.ensureRunning();
        redis.flush();
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == TestRedis.class || type == RespClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        TestRedis redis = TestRedis.get();
        redis.ensureRunning();
        if (parameterContext.getParameter().getType() == TestRedis.class) {
            return redis;
        }
        RespClient client = redis.client();
        // The store closes AutoCloseable values when this context ends.
        extensionContext.getStore(NAMESPACE).put(new Object(), client);
        return client;
    }
}
