package io.github.redisjcache.store;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import io.github.redisjcache.connection.ConnectionRegistry;
import io.github.redisjcache.connection.ConnectionSettings;
import io.github.redisjcache.connection.ServerInfo;
import io.github.redisjcache.testing.TestRedis;

/**
 * The store's single-node {@link Commands} on the tests' Redis, connected before a test class and closed after it:
 * {@code @RegisterExtension static final StoreCommandsExtension STORE = new StoreCommandsExtension();}.
 */
final class StoreCommandsExtension implements BeforeAllCallback, AfterAllCallback {

    private ConnectionRegistry.Lease lease;
    private Commands commands;

    @Override
    public void beforeAll(ExtensionContext context) {
        lease = ConnectionRegistry.acquire(ConnectionSettings.fromUri(TestRedis.get().uri()));
        commands = new RedisStore(lease.connection()).single();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (lease != null) { // null when beforeAll was skipped: no server to run on
            lease.close();
        }
    }

    /** @return the commands of the connection open for the current test class */
    Commands commands() {
        return commands;
    }

    /**
     * Commands on the same connection that send a compare-and-set as one SET when {@code conditionalSets} says so.
     *
     * @param conditionalSets which conditional SETs to send
     * @return the commands
     */
    Commands commandsWith(ConditionalSets conditionalSets) {
        var executor = lease.connection().executor();
        return new Commands(executor, new Scripts(executor), conditionalSets);
    }

    /** @return what the tests' server says of itself */
    ServerInfo serverInfo() throws Exception {
        return ServerInfo.readAsync(lease.connection().executor()).get(10, TimeUnit.SECONDS);
    }
}
