package io.github.redisjcache.testing;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A local Redis Sentinel setup: one master, one replica and three Sentinels (quorum 2) monitoring them, with
 * helpers to crash the master and wait for the Sentinels' failover.
 *
 * <p>Sentinels use {@code down-after-milliseconds 1000}, {@code failover-timeout 3000} and {@code parallel-syncs 1}.
 * {@link #master()} and {@link #replica()} are the servers in their <em>initial</em> roles; after a failover ask
 * {@link #currentMasterAddress()}.
 */
public final class RedisSentinels implements AutoCloseable {

    /**
     * The Sentinels' {@code failover-timeout}: among other things, a Sentinel starts no new failover of a master
     * within twice this time of the previous one.
     */
    public static final Duration FAILOVER_TIMEOUT = Duration.ofMillis(3000);

    /** Number of Sentinels started. */
    public static final int SENTINEL_COUNT = 3;
    /** Quorum of the monitored master. */
    public static final int QUORUM = 2;

    private static final System.Logger LOG = System.getLogger(RedisSentinels.class.getName());
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);

    private final String masterName;
    private final RedisServer master;
    private final RedisServer replica;
    private final List<RedisServer> sentinels;
    private String lastKilledMasterAddress;

    private RedisSentinels(String masterName, RedisServer master, RedisServer replica, List<RedisServer> sentinels) {
        this.masterName = masterName;
        this.master = master;
        this.replica = replica;
        this.sentinels = List.copyOf(sentinels);
    }

    /** Starts master, replica and three Sentinels for master name {@code mymaster}. */
    public static RedisSentinels start() {
        return start("mymaster");
    }

    /**
     * Starts master, replica (in sync) and three Sentinels, and waits (up to 30 s) until every Sentinel knows the
     * master, the replica and the two other Sentinels.
     */
    public static RedisSentinels start(String masterName) {
        long started = System.nanoTime();
        List<RedisServer> all = new ArrayList<>();
        try {
            RedisServer master = RedisServer.start("--repl-diskless-sync-delay", "0");
            all.add(master);
            RedisServer replica = RedisServer.start("--replicaof", RedisServer.HOST, Integer.toString(master.port()),
                    "--repl-diskless-sync-delay", "0");
            all.add(replica);
            long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
            awaitUntil(deadline, "the replica is in sync", () -> replicaProblem(replica, master));
            List<String> directives = List.of(
                    "sentinel resolve-hostnames no",
                    "sentinel monitor " + masterName + " " + RedisServer.HOST + " " + master.port() + " " + QUORUM,
                    "sentinel down-after-milliseconds " + masterName + " 1000",
                    "sentinel failover-timeout " + masterName + " " + FAILOVER_TIMEOUT.toMillis(),
                    "sentinel parallel-syncs " + masterName + " 1");
            List<RedisServer> sentinels = new ArrayList<>();
            for (int i = 0; i < SENTINEL_COUNT; i++) {
                RedisServer sentinel = RedisServer.builder().sentinel(directives).start();
                all.add(sentinel);
                sentinels.add(sentinel);
            }
            RedisSentinels setup = new RedisSentinels(masterName, master, replica, sentinels);
            awaitUntil(deadline, "every Sentinel knows master, replica and the other Sentinels",
                    setup::discoveryProblem);
            LOG.log(Level.INFO, "Redis Sentinel setup {0} (master {1}, replica {2}) ready in {3} ms", setup.uri(),
                    master.address(), replica.address(),
                    String.valueOf(Duration.ofNanos(System.nanoTime() - started).toMillis()));
            return setup;
        } catch (RuntimeException | Error e) {
            for (int i = all.size() - 1; i >= 0; i--) {
                all.get(i).close();
            }
            throw e;
        }
    }

    /** The server started as master. */
    public RedisServer master() {
        return master;
    }

    /** The server started as replica of {@link #master()}. */
    public RedisServer replica() {
        return replica;
    }

    /** The three Sentinels. */
    public List<RedisServer> sentinels() {
        return sentinels;
    }

    /** The monitored master's name, e.g. {@code mymaster}. */
    public String masterName() {
        return masterName;
    }

    /** {@code "127.0.0.1:port"} of every Sentinel. */
    public List<String> sentinelAddresses() {
        return sentinels.stream().map(RedisServer::address).collect(Collectors.toList());
    }

    /** {@code redis-sentinel://127.0.0.1:s1,127.0.0.1:s2,127.0.0.1:s3/0#<masterName>}. */
    public String uri() {
        return "redis-sentinel://" + String.join(",", sentinelAddresses()) + "/0#" + masterName;
    }

    /** The master's {@code "host:port"} according to the first running Sentinel. */
    public String currentMasterAddress() {
        RuntimeException last = null;
        for (RedisServer sentinel : sentinels) {
            if (!sentinel.isAlive()) {
                continue;
            }
            try {
                return masterAddressSeenBy(sentinel);
            } catch (RuntimeException e) {
                last = e;
            }
        }
        throw new IllegalStateException("No running Sentinel answered get-master-addr-by-name " + masterName, last);
    }

    /** The server that the Sentinels currently consider the master. */
    public RedisServer currentMaster() {
        String address = currentMasterAddress();
        for (RedisServer server : List.of(master, replica)) {
            if (server.address().equals(address)) {
                return server;
            }
        }
        throw new IllegalStateException("The Sentinels name " + address + ", which is not one of our servers");
    }

    /** Kills (SIGKILL) the current master and returns it; {@link #awaitFailover(Duration)} awaits the promotion. */
    public RedisServer killMaster() {
        RedisServer current = currentMaster();
        lastKilledMasterAddress = current.address();
        current.kill();
        return current;
    }

    /**
     * Waits until every running Sentinel names a new master (other than the one {@link #killMaster()} killed, or
     * than the current one if none was killed) and that server reports {@code role:master}; returns its
     * {@code "host:port"}.
     */
    public String awaitFailover(Duration timeout) {
        String old = lastKilledMasterAddress != null ? lastKilledMasterAddress : currentMasterAddress();
        String[] result = new String[1];
        awaitUntil(System.nanoTime() + timeout.toNanos(), "the Sentinels promote a new master instead of " + old,
                () -> {
            String agreed = null;
            for (RedisServer sentinel : sentinels) {
                if (!sentinel.isAlive()) {
                    continue;
                }
                String address = masterAddressSeenBy(sentinel);
                if (address.equals(old)) {
                    return sentinel.address() + " still names " + old;
                }
                if (agreed != null && !agreed.equals(address)) {
                    return "Sentinels disagree: " + agreed + " vs " + address;
                }
                agreed = address;
            }
            if (agreed == null) {
                return "no Sentinel is running";
            }
            RedisServer promoted = serverAt(agreed);
            try (RespClient client = promoted.client()) {
                String role = client.info("replication").get("role");
                if (!"master".equals(role)) {
                    return agreed + " has role " + role;
                }
            }
            result[0] = agreed;
            return null;
        });
        lastKilledMasterAddress = null;
        return result[0];
    }

    /** Stops the Sentinels, then the replica and the master, and deletes their directories. */
    @Override
    public void close() {
        sentinels.forEach(RedisServer::close);
        replica.close();
        master.close();
    }

    @Override
    public String toString() {
        return "RedisSentinels[" + uri() + "]";
    }

    // ---------------------------------------------------------------- internals

    private RedisServer serverAt(String address) {
        for (RedisServer server : List.of(master, replica)) {
            if (server.address().equals(address)) {
                return server;
            }
        }
        throw new IllegalStateException(address + " is not one of our servers");
    }

    private String masterAddressSeenBy(RedisServer sentinel) {
        try (RespClient client = sentinel.client()) {
            List<Object> reply = client.callList("SENTINEL", "get-master-addr-by-name", masterName);
            if (reply == null || reply.size() < 2) {
                throw new IllegalStateException(sentinel.address() + " does not know master " + masterName);
            }
            return reply.get(0) + ":" + reply.get(1);
        }
    }

    private static String replicaProblem(RedisServer replica, RedisServer master) {
        try (RespClient client = replica.client()) {
            Map<String, String> info = client.info("replication");
            if (!"up".equals(info.get("master_link_status"))) {
                return replica.address() + " has master_link_status:" + info.get("master_link_status");
            }
        } catch (RuntimeException e) {
            return e.toString();
        }
        try (RespClient client = master.client()) {
            Map<String, String> info = client.info("replication");
            String slave = info.getOrDefault("slave0", "");
            if (!slave.contains("state=online")) {
                return master.address() + " sees its replica as " + slave;
            }
        } catch (RuntimeException e) {
            return e.toString();
        }
        return null;
    }

    private String discoveryProblem() {
        for (RedisServer sentinel : sentinels) {
            try (RespClient client = sentinel.client()) {
                Map<String, String> masterInfo = pairs(client.callList("SENTINEL", "MASTER", masterName));
                String flags = masterInfo.get("flags");
                if (!"master".equals(flags)) {
                    return sentinel.address() + " sees the master with flags " + flags;
                }
                if (!"1".equals(masterInfo.get("num-slaves"))) {
                    return sentinel.address() + " knows " + masterInfo.get("num-slaves") + " replicas";
                }
                if (!String.valueOf(SENTINEL_COUNT - 1).equals(masterInfo.get("num-other-sentinels"))) {
                    return sentinel.address() + " knows " + masterInfo.get("num-other-sentinels") + " other Sentinels";
                }
                // SENTINEL SLAVES works on 6.2 and 7 (REPLICAS too, but SLAVES is the older spelling).
                List<Object> replicas = client.callList("SENTINEL", "SLAVES", masterName);
                boolean replicaOk = false;
                for (Object entry : replicas) {
                    Map<String, String> r = pairs(castList(entry));
                    if (String.valueOf(replica.port()).equals(r.get("port")) && "slave".equals(r.get("flags"))
                            && "ok".equals(r.get("master-link-status"))) {
                        replicaOk = true;
                    }
                }
                if (!replicaOk) {
                    return sentinel.address() + " does not yet see replica " + replica.address() + " as healthy";
                }
            } catch (RuntimeException e) {
                return e.toString();
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> castList(Object o) {
        return (List<Object>) o;
    }

    private static Map<String, String> pairs(List<Object> flat) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            map.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
        }
        return map;
    }

    private static void awaitUntil(long deadline, String what, Supplier<String> check) {
        String problem = safely(check);
        while (problem != null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out waiting until " + what + ": " + problem);
            }
            RedisServer.sleep(50);
            problem = safely(check);
        }
    }

    private static String safely(Supplier<String> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            return e.toString();
        }
    }
}
