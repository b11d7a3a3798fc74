package io.github.redisjcache.event;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.redisson.client.codec.StringCodec;
import org.redisson.client.protocol.RedisCommands;
import org.redisson.command.CommandAsyncExecutor;
import org.redisson.connection.MasterSlaveEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.github.redisjcache.connection.SharedConnection;

/**
 * Switches on the keyspace notifications for expired keys ({@code notify-keyspace-events} flags {@code K} and
 * {@code x}) on every master, keeping whatever flags the server already has. Managed Redis services often refuse
 * CONFIG; then the answer is no, and expiries are found by sweeping instead.
 */
final class KeyspaceNotifications {

    private static final Logger LOG = LoggerFactory.getLogger(KeyspaceNotifications.class);
    private static final String SETTING = "notify-keyspace-events";

    private final SharedConnection connection;

    KeyspaceNotifications(SharedConnection connection) {
        this.connection = connection;
    }

    boolean enable() {
        CommandAsyncExecutor executor = connection.executor();
        long timeout = connection.operationTimeout().toMillis();
        try {
            for (MasterSlaveEntry master : executor.getConnectionManager().getEntrySet()) {
                Map<String, String> current = executor.<Map<String, String>, Map<String, String>>readAsync(
                        master.getClient(), StringCodec.INSTANCE, RedisCommands.CONFIG_GET_MAP, SETTING)
                        .toCompletableFuture().get(timeout, TimeUnit.MILLISECONDS);
                String flags = current.getOrDefault(SETTING, "");
                String wanted = withExpiredKeyspaceEvents(flags);
                if (!wanted.equals(flags)) {
                    executor.<Void, Void>writeAsync(master, StringCodec.INSTANCE, RedisCommands.CONFIG_SET, SETTING,
                            wanted).toCompletableFuture().get(timeout, TimeUnit.MILLISECONDS);
                }
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.warn("Redis refused to switch on keyspace notifications for expired keys ({}); expiry events of "
                    + "entries nobody touches are found by a periodic sweep instead", e.getMessage());
            return false;
        }
    }

    /** Adds K (keyspace channel) and x (expired events) unless present; A stands for all event classes. */
    static String withExpiredKeyspaceEvents(String flags) {
        StringBuilder wanted = new StringBuilder(flags);
        if (flags.indexOf('K') < 0) {
            wanted.append('K');
        }
        if (flags.indexOf('x') < 0 && flags.indexOf('A') < 0) {
            wanted.append('x');
        }
        return wanted.toString();
    }
}
