package io.github.redisjcache.connection;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process-wide registry of shared Redis connections, keyed by their settings and reference-counted.
 *
 * <p>This is the only static state of the library. Nothing connects until the first {@link #acquire}; the last
 * {@link Lease#close()} for a settings value shuts its client down; {@link #closeAll()} resets everything (tests,
 * application shutdown).
 */
public final class ConnectionRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionRegistry.class);
    private static final Map<ConnectionSettings, Entry> ENTRIES = new HashMap<>();
    // Guarded by ENTRIES.
    private static boolean nioWarned;

    private ConnectionRegistry() {
    }

    /**
     * Returns a lease on the shared connection for these settings, opening it if nobody holds one.
     *
     * @param settings the connection settings
     * @return a lease to close when done
     * @throws ConnectionFailedException when the connection cannot be opened
     */
    public static Lease acquire(ConnectionSettings settings) {
        Objects.requireNonNull(settings, "settings");
        synchronized (ENTRIES) {
            Entry entry = ENTRIES.get(settings);
            if (entry == null || entry.connection.isShutdown()) {
                if (entry != null) {
                    // Its client was shut down by someone else (unwrapped and closed): its watchdog is left to stop.
                    entry.connection.replyWatchdog().close();
                }
                entry = new Entry(open(settings));
                ENTRIES.put(settings, entry);
            }
            entry.references++;
            return new Lease(settings, entry.connection);
        }
    }

    private static SharedConnection open(ConnectionSettings settings) {
        try {
            SharedConnection connection = SharedConnection.open(settings);
            LOG.info("Connected to {} (transport {})", settings.describe(), connection.transport().settingName());
            if (settings.redissonConfig() == null && settings.transport() == Transport.AUTO
                    && connection.transport() == Transport.NIO) {
                warnOfNioOnce();
            }
            return connection;
        } catch (InvalidSettingException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.error("Cannot connect to {}: {}", settings.describe(), e.getMessage());
            throw new ConnectionFailedException("Cannot connect to " + settings.describe() + ": " + e.getMessage(), e);
        }
    }

    // Once per JVM: where the provider ships Netty's native transports, NIO carried 0.69-0.98x of io_uring's
    // throughput in the benchmarks, and the cause (Java denying native access, a noexec /tmp) is the user's to mend.
    private static void warnOfNioOnce() {
        if (NativeTransports.shippedFor(System.getProperty("os.name", ""), System.getProperty("os.arch", ""))) {
            String why = NativeTransports.whyNio(NativeTransports.ioUringUnavailability(),
                    NativeTransports.epollUnavailability());
            if (why != null && !nioWarned) {
                nioWarned = true;
                LOG.warn("Netty's native transports do not load here, so connections use NIO, which is slower (set "
                        + "connection.transport to nio to choose it knowingly): {}", why);
            }
        }
    }

    private static void release(ConnectionSettings settings, SharedConnection connection) {
        SharedConnection toClose = null;
        synchronized (ENTRIES) {
            Entry entry = ENTRIES.get(settings);
            if (entry != null && entry.connection == connection && --entry.references <= 0) {
                ENTRIES.remove(settings);
                toClose = connection;
            }
        }
        if (toClose != null) {
            toClose.shutdown();
            LOG.info("Disconnected from {}", settings.describe());
        }
    }

    /** Shuts every shared connection down, whoever holds leases on them; later leases open new connections. */
    public static void closeAll() {
        List<SharedConnection> all;
        synchronized (ENTRIES) {
            all = new ArrayList<>();
            ENTRIES.values().forEach(entry -> all.add(entry.connection));
            ENTRIES.clear();
        }
        all.forEach(SharedConnection::shutdown);
    }

    /**
     * Returns how many distinct connections are open.
     *
     * @return the number of shared connections with at least one lease
     */
    public static int openConnections() {
        synchronized (ENTRIES) {
            return ENTRIES.size();
        }
    }

    private static final class Entry {
        private final SharedConnection connection;
        private int references;

        private Entry(SharedConnection connection) {
            this.connection = connection;
        }
    }

    /** A claim on a shared connection; closing it releases the claim once. */
    public static final class Lease implements AutoCloseable {

        private final ConnectionSettings settings;
        private final SharedConnection connection;
        private boolean released;

        private Lease(ConnectionSettings settings, SharedConnection connection) {
            this.settings = settings;
            this.connection = connection;
        }

        /** @return the shared connection */
        public SharedConnection connection() {
            return connection;
        }

        /** Releases the claim; the connection closes when its last claim is released. Idempotent. */
        @Override
        public void close() {
            synchronized (this) {
                if (released) {
                    return;
                }
                released = true;
            }
            release(settings, connection);
        }
    }
}
