package io.github.redisjcache.testing;

import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A local Redis Cluster of {@code masters × (1 + replicasPerMaster)} {@link RedisServer}s, formed without
 * {@code redis-cli} (ADDSLOTS, MEET, REPLICATE), with helpers to inspect it, reshard it and fail nodes.
 *
 * <p>Nodes run with {@code --cluster-enabled yes --cluster-config-file <own dir>/nodes.conf
 * --cluster-node-timeout 1000 --repl-diskless-sync-delay 0} plus the caller's extra arguments. Master {@code i}
 * starts with the {@code i}-th even share of the 16384 slots. {@link #masters()} and {@link #replicas()} are the
 * nodes in their <em>initial</em> roles; after a failover ask {@link #masterForSlot(int)} or
 * {@link #clusterNodes()}.
 */
public final class RedisCluster implements AutoCloseable {

    /** The {@code cluster-node-timeout} of every node. */
    public static final Duration NODE_TIMEOUT = Duration.ofMillis(1000);

    private static final System.Logger LOG = System.getLogger(RedisCluster.class.getName());
    private static final Duration FORMATION_TIMEOUT = Duration.ofSeconds(30);
    private static final int ADDSLOTS_BATCH = 1000;
    private static final int MIGRATE_BATCH = 100;

    private final List<RedisServer> masters;
    private final List<RedisServer> replicas;
    private final int replicasPerMaster;
    private final Map<RedisServer, String> nodeIds = new LinkedHashMap<>();
    private Duration formationTime;

    private RedisCluster(List<RedisServer> masters, List<RedisServer> replicas, int replicasPerMaster) {
        this.masters = List.copyOf(masters);
        this.replicas = List.copyOf(replicas);
        this.replicasPerMaster = replicasPerMaster;
    }

    /**
     * Starts the servers, forms the cluster and waits (up to 30 s) until it is healthy: every node reports
     * {@code cluster_state:ok} with all slots served, all nodes know each other and agree on the roles, and every
     * replica is connected to its master.
     */
    public static RedisCluster start(int masters, int replicasPerMaster, String... extraArgs) {
        if (masters < 1 || replicasPerMaster < 0) {
            throw new IllegalArgumentException("need at least 1 master and 0 or more replicas per master");
        }
        long started = System.nanoTime();
        List<String> args = new ArrayList<>(List.of("--repl-diskless-sync-delay", "0"));
        args.addAll(List.of(extraArgs));
        List<RedisServer> masterServers = new ArrayList<>();
        List<RedisServer> replicaServers = new ArrayList<>();
        RedisCluster cluster = null;
        try {
            for (int i = 0; i < masters; i++) {
                masterServers.add(startNode(args));
            }
            for (int i = 0; i < masters * replicasPerMaster; i++) {
                replicaServers.add(startNode(args));
            }
            cluster = new RedisCluster(masterServers, replicaServers, replicasPerMaster);
            cluster.form();
            cluster.formationTime = Duration.ofNanos(System.nanoTime() - started);
            LOG.log(Level.INFO, "Redis Cluster of {0} masters and {1} replicas formed in {2} ms: {3}", masters,
                    replicaServers.size(), String.valueOf(cluster.formationTime.toMillis()), cluster.seeds());
            return cluster;
        } catch (RuntimeException | Error e) {
            if (cluster != null) {
                cluster.close();
            } else {
                masterServers.forEach(RedisServer::close);
                replicaServers.forEach(RedisServer::close);
            }
            throw e;
        }
    }

    private static RedisServer startNode(List<String> args) {
        return RedisServer.builder().clusterEnabled(NODE_TIMEOUT).args(args.toArray(String[]::new)).start();
    }

    private void form() {
        long deadline = System.nanoTime() + FORMATION_TIMEOUT.toNanos();
        List<RedisServer> all = nodes();
        for (RedisServer node : all) {
            try (RespClient client = node.client()) {
                nodeIds.put(node, client.callString("CLUSTER", "MYID"));
            }
        }
        // Distinct config epochs up front (as redis-cli does) spare the nodes an epoch collision round.
        for (int i = 0; i < all.size(); i++) {
            try (RespClient client = all.get(i).client()) {
                client.call("CLUSTER", "SET-CONFIG-EPOCH", Integer.toString(i + 1));
            }
        }
        for (int i = 0; i < masters.size(); i++) {
            int first = i * ClusterSlots.SLOT_COUNT / masters.size();
            int last = (i + 1) * ClusterSlots.SLOT_COUNT / masters.size() - 1;
            try (RespClient client = masters.get(i).client()) {
                // Redis 6.2 has no ADDSLOTSRANGE, so send ADDSLOTS in batches.
                for (int from = first; from <= last; from += ADDSLOTS_BATCH) {
                    int to = Math.min(last, from + ADDSLOTS_BATCH - 1);
                    List<String> command = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
                    for (int slot = from; slot <= to; slot++) {
                        command.add(Integer.toString(slot));
                    }
                    client.call(command.toArray(String[]::new));
                }
            }
        }
        try (RespClient first = all.get(0).client()) {
            for (RedisServer node : all.subList(1, all.size())) {
                first.call("CLUSTER", "MEET", RedisServer.HOST, Integer.toString(node.port()));
            }
        }
        awaitUntil(deadline, "all nodes know each other", this::meetProblem);
        for (int i = 0; i < replicas.size(); i++) {
            RedisServer replica = replicas.get(i);
            String masterId = nodeIds.get(masters.get(i / replicasPerMaster));
            awaitUntil(deadline, "replica " + replica.address() + " replicates its master", () -> {
                try (RespClient client = replica.client()) {
                    client.call("CLUSTER", "REPLICATE", masterId);
                    return null;
                } catch (RedisErrorException e) {
                    return e.serverMessage();
                }
            });
        }
        awaitUntil(deadline, "the cluster is healthy", this::healthProblem);
        awaitUntil(deadline, "every node sees the intended replicas", this::topologyProblem);
    }

    // ---------------------------------------------------------------- accessors

    /** The nodes started as masters (master {@code i} got the {@code i}-th share of the slots). */
    public List<RedisServer> masters() {
        return masters;
    }

    /** The nodes started as replicas; replica {@code k} of master {@code i} is at {@code i * replicasPerMaster + k}. */
    public List<RedisServer> replicas() {
        return replicas;
    }

    /** The replicas started for master {@code masterIndex}. */
    public List<RedisServer> replicasOf(int masterIndex) {
        return replicas.subList(masterIndex * replicasPerMaster, (masterIndex + 1) * replicasPerMaster);
    }

    /** All nodes: masters, then replicas. */
    public List<RedisServer> nodes() {
        List<RedisServer> all = new ArrayList<>(masters);
        all.addAll(replicas);
        return all;
    }

    /** {@code "127.0.0.1:port"} of every node (masters first). */
    public List<String> seeds() {
        return nodes().stream().map(RedisServer::address).collect(Collectors.toList());
    }

    /** {@code redis-cluster://127.0.0.1:p1,127.0.0.1:p2,...} with the address of every initial master. */
    public String uri() {
        return "redis-cluster://" + masters.stream().map(RedisServer::address).collect(Collectors.joining(","));
    }

    /** The cluster node id of a node. */
    public String nodeId(RedisServer node) {
        String id = nodeIds.get(node);
        if (id == null) {
            throw new IllegalArgumentException(node + " is not a node of this cluster");
        }
        return id;
    }

    /** How long {@link #start} took, servers' start included. */
    public Duration formationTime() {
        return formationTime;
    }

    /** The slot of a key, as {@link ClusterSlots#slotOf(byte[])}. */
    public static int slotOf(byte[] key) {
        return ClusterSlots.slotOf(key);
    }

    /** The slot of a key, as {@link ClusterSlots#slotOf(String)}. */
    public static int slotOf(String key) {
        return ClusterSlots.slotOf(key);
    }

    // ---------------------------------------------------------------- queries

    /** The topology ({@code CLUSTER NODES}) as the first running node sees it. */
    public List<ClusterNodeInfo> clusterNodes() {
        try (RespClient client = anyAliveNode().client()) {
            return ClusterNodeInfo.parseAll(client.callString("CLUSTER", "NODES"));
        }
    }

    /** The master currently serving {@code slot}, according to {@code CLUSTER SLOTS} of a running node. */
    public RedisServer masterForSlot(int slot) {
        if (slot < 0 || slot >= ClusterSlots.SLOT_COUNT) {
            throw new IllegalArgumentException("slot " + slot + " out of range");
        }
        Map<Integer, RedisServer> owners = slotOwners(slot, slot);
        RedisServer owner = owners.get(slot);
        if (owner == null) {
            throw new IllegalStateException("No node serves slot " + slot);
        }
        return owner;
    }

    /** A new connection to the master serving {@code key}; the caller closes it. */
    public RespClient clientForKey(String key) {
        return masterForSlot(slotOf(key)).client();
    }

    /** {@code DBSIZE} of a node. */
    public long countKeys(RedisServer master) {
        try (RespClient client = master.client()) {
            return client.dbSize();
        }
    }

    /** {@code FLUSHALL} on every running master (replicas follow). */
    public void flushAll() {
        for (RedisServer master : currentMasters()) {
            try (RespClient client = master.client()) {
                client.flushAll();
            }
        }
    }

    /** The running nodes that currently are masters serving slots, according to {@code CLUSTER NODES}. */
    public List<RedisServer> currentMasters() {
        List<RedisServer> result = new ArrayList<>();
        for (ClusterNodeInfo info : clusterNodes()) {
            RedisServer server = serverWithId(info.id());
            if (info.isMaster() && !info.isFailing() && info.slotCount() > 0 && server != null && server.isAlive()) {
                result.add(server);
            }
        }
        return result;
    }

    // ---------------------------------------------------------------- failures and resharding

    /** Kills (SIGKILL) the node started as master {@code index} and returns it, for {@link RedisServer#restart()}. */
    public RedisServer killMaster(int index) {
        RedisServer master = masters.get(index);
        master.kill();
        return master;
    }

    /**
     * Moves slots {@code fromSlot..toSlot} (inclusive) and their keys to {@code targetMaster} with the standard live
     * resharding procedure (SETSLOT IMPORTING/MIGRATING, GETKEYSINSLOT + MIGRATE ... REPLACE KEYS, SETSLOT NODE on
     * target, source and the other masters), then waits until every node agrees and the cluster is healthy.
     */
    public void migrateSlots(int fromSlot, int toSlot, RedisServer targetMaster) {
        if (fromSlot < 0 || toSlot >= ClusterSlots.SLOT_COUNT || fromSlot > toSlot) {
            throw new IllegalArgumentException("bad slot range " + fromSlot + ".." + toSlot);
        }
        String targetId = nodeId(targetMaster);
        Map<Integer, RedisServer> owners = slotOwners(fromSlot, toSlot);
        List<RedisServer> otherMasters = currentMasters();
        Map<RedisServer, RespClient> clients = new HashMap<>();
        try {
            RespClient target = clients.computeIfAbsent(targetMaster, RedisServer::client);
            for (int slot = fromSlot; slot <= toSlot; slot++) {
                RedisServer sourceServer = owners.get(slot);
                if (sourceServer == null) {
                    throw new IllegalStateException("No node serves slot " + slot);
                }
                if (sourceServer.equals(targetMaster)) {
                    continue;
                }
                String s = Integer.toString(slot);
                RespClient source = clients.computeIfAbsent(sourceServer, RedisServer::client);
                target.call("CLUSTER", "SETSLOT", s, "IMPORTING", nodeId(sourceServer));
                source.call("CLUSTER", "SETSLOT", s, "MIGRATING", targetId);
                while (true) {
                    Object keys = source.call("CLUSTER", "GETKEYSINSLOT", s, Integer.toString(MIGRATE_BATCH));
                    List<?> list = (List<?>) keys;
                    if (list.isEmpty()) {
                        break;
                    }
                    List<byte[]> command = new ArrayList<>();
                    for (String part : List.of("MIGRATE", RedisServer.HOST, Integer.toString(targetMaster.port()), "",
                            "0", "5000", "REPLACE", "KEYS")) {
                        command.add(part.getBytes(StandardCharsets.UTF_8));
                    }
                    for (Object key : list) {
                        command.add((byte[]) key);
                    }
                    source.call(command.toArray(byte[][]::new));
                }
                target.call("CLUSTER", "SETSLOT", s, "NODE", targetId);
                source.call("CLUSTER", "SETSLOT", s, "NODE", targetId);
                for (RedisServer other : otherMasters) {
                    if (!other.equals(targetMaster) && !other.equals(sourceServer)) {
                        clients.computeIfAbsent(other, RedisServer::client)
                                .call("CLUSTER", "SETSLOT", s, "NODE", targetId);
                    }
                }
            }
        } finally {
            clients.values().forEach(RespClient::close);
        }
        long deadline = System.nanoTime() + FORMATION_TIMEOUT.toNanos();
        awaitUntil(deadline, "every node sees slots " + fromSlot + ".." + toSlot + " on " + targetMaster.address(),
                () -> ownershipProblem(fromSlot, toSlot, targetId));
        awaitUntil(deadline, "the cluster is healthy", this::healthProblem);
    }

    /**
     * Waits until every running node reports {@code cluster_state:ok} with all slots served by running masters,
     * the running nodes agree on each other's roles, and every running replica is connected to its master.
     */
    public void awaitHealthy(Duration timeout) {
        awaitUntil(System.nanoTime() + timeout.toNanos(), "the cluster is healthy", this::healthProblem);
    }

    /** Stops every node (in parallel) and deletes their directories. */
    @Override
    public void close() {
        List<Thread> threads = new ArrayList<>();
        for (RedisServer node : nodes()) {
            Thread thread = new Thread(node::close, "close-" + node.address());
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                nodes().forEach(RedisServer::kill);
                nodes().forEach(RedisServer::close);
                return;
            }
        }
    }

    @Override
    public String toString() {
        return "RedisCluster" + seeds();
    }

    // ---------------------------------------------------------------- internals

    private RedisServer anyAliveNode() {
        for (RedisServer node : nodes()) {
            if (node.isAlive()) {
                return node;
            }
        }
        throw new IllegalStateException("No node of the cluster is running");
    }

    private RedisServer serverWithId(String id) {
        for (Map.Entry<RedisServer, String> entry : nodeIds.entrySet()) {
            if (entry.getValue().equals(id)) {
                return entry.getKey();
            }
        }
        return null;
    }

    private RedisServer serverAtPort(int port) {
        for (RedisServer node : nodes()) {
            if (node.port() == port) {
                return node;
            }
        }
        return null;
    }

    /** Owners of slots {@code from..to} per {@code CLUSTER SLOTS} of a running node (masters preferred). */
    private Map<Integer, RedisServer> slotOwners(int from, int to) {
        RedisServer asked = masters.stream().filter(RedisServer::isAlive).findFirst().orElseGet(this::anyAliveNode);
        List<Object> ranges;
        try (RespClient client = asked.client()) {
            ranges = client.callList("CLUSTER", "SLOTS");
        }
        Map<Integer, RedisServer> owners = new HashMap<>();
        for (Object rangeObject : ranges) {
            List<?> range = (List<?>) rangeObject;
            int first = ((Long) range.get(0)).intValue();
            int last = ((Long) range.get(1)).intValue();
            List<?> master = (List<?>) range.get(2);
            RedisServer server = serverAtPort(((Long) master.get(1)).intValue());
            for (int slot = Math.max(first, from); slot <= Math.min(last, to); slot++) {
                owners.put(slot, server);
            }
        }
        return owners;
    }

    private Map<RedisServer, List<ClusterNodeInfo>> viewsOfAliveNodes(Map<RedisServer, RespClient> clients) {
        Map<RedisServer, List<ClusterNodeInfo>> views = new LinkedHashMap<>();
        for (RedisServer node : nodes()) {
            if (node.isAlive()) {
                views.put(node, ClusterNodeInfo.parseAll(clients.computeIfAbsent(node, RedisServer::client)
                        .callString("CLUSTER", "NODES")));
            }
        }
        return views;
    }

    private String meetProblem() {
        return withClients(clients -> {
            for (Map.Entry<RedisServer, List<ClusterNodeInfo>> view : viewsOfAliveNodes(clients).entrySet()) {
                List<String> known = new ArrayList<>();
                for (ClusterNodeInfo info : view.getValue()) {
                    if (info.flags().contains("handshake") || info.flags().contains("noaddr")) {
                        return view.getKey().address() + " is still in handshake with " + info.port();
                    }
                    known.add(info.id());
                }
                if (!known.containsAll(nodeIds.values())) {
                    return view.getKey().address() + " knows only " + known.size() + " of " + nodeIds.size()
                            + " nodes";
                }
            }
            return null;
        });
    }

    private String healthProblem() {
        return withClients(clients -> {
            Map<RedisServer, List<ClusterNodeInfo>> views = viewsOfAliveNodes(clients);
            // Each running node's own idea of its role and master.
            Map<String, ClusterNodeInfo> selfViews = new HashMap<>();
            for (Map.Entry<RedisServer, List<ClusterNodeInfo>> view : views.entrySet()) {
                for (ClusterNodeInfo info : view.getValue()) {
                    if (info.isMyself()) {
                        selfViews.put(info.id(), info);
                    }
                }
            }
            for (Map.Entry<RedisServer, List<ClusterNodeInfo>> view : views.entrySet()) {
                RedisServer node = view.getKey();
                RespClient client = clients.get(node);
                Map<String, String> info = RespClient.parseInfo(client.callString("CLUSTER", "INFO"));
                if (!"ok".equals(info.get("cluster_state"))) {
                    return node.address() + " reports cluster_state:" + info.get("cluster_state");
                }
                if (!String.valueOf(ClusterSlots.SLOT_COUNT).equals(info.get("cluster_slots_ok"))) {
                    return node.address() + " reports cluster_slots_ok:" + info.get("cluster_slots_ok");
                }
                if (!String.valueOf(nodeIds.size()).equals(info.get("cluster_known_nodes"))) {
                    return node.address() + " reports cluster_known_nodes:" + info.get("cluster_known_nodes");
                }
                int covered = 0;
                for (ClusterNodeInfo other : view.getValue()) {
                    RedisServer otherServer = serverWithId(other.id());
                    boolean otherAlive = otherServer != null && otherServer.isAlive();
                    if (other.slotCount() > 0) {
                        if (!otherAlive) {
                            return node.address() + " still sees the stopped node " + other.port() + " serving slots";
                        }
                        covered += other.slotCount();
                    }
                    if (!otherAlive) {
                        continue;
                    }
                    if (other.isFailing() || other.flags().contains("handshake")) {
                        return node.address() + " sees " + other.port() + " as " + other.flags();
                    }
                    if (!other.isMyself() && !"connected".equals(other.linkState())) {
                        return node.address() + " is not connected to " + other.port();
                    }
                    ClusterNodeInfo self = selfViews.get(other.id());
                    if (self != null && (self.isMaster() != other.isMaster()
                            || !Objects.equals(self.masterId(), other.masterId()))) {
                        return node.address() + " does not yet see the current role of " + other.port();
                    }
                }
                if (covered != ClusterSlots.SLOT_COUNT) {
                    return node.address() + " sees " + covered + " slots served";
                }
                ClusterNodeInfo self = selfViews.get(nodeIds.get(node));
                if (self != null && self.isReplica()) {
                    Map<String, String> replication = client.info("replication");
                    if (!"up".equals(replication.get("master_link_status"))) {
                        return "replica " + node.address() + " has master_link_status:"
                                + replication.get("master_link_status");
                    }
                }
            }
            return null;
        });
    }

    private String topologyProblem() {
        return withClients(clients -> {
            for (Map.Entry<RedisServer, List<ClusterNodeInfo>> view : viewsOfAliveNodes(clients).entrySet()) {
                for (int i = 0; i < replicas.size(); i++) {
                    String replicaId = nodeIds.get(replicas.get(i));
                    String masterId = nodeIds.get(masters.get(i / replicasPerMaster));
                    boolean seen = view.getValue().stream()
                            .anyMatch(n -> n.id().equals(replicaId) && n.isReplica() && masterId.equals(n.masterId()));
                    if (!seen) {
                        return view.getKey().address() + " does not see " + replicas.get(i).address()
                                + " as replica of " + masters.get(i / replicasPerMaster).address();
                    }
                }
            }
            return null;
        });
    }

    private String ownershipProblem(int from, int to, String targetId) {
        return withClients(clients -> {
            for (Map.Entry<RedisServer, List<ClusterNodeInfo>> view : viewsOfAliveNodes(clients).entrySet()) {
                for (ClusterNodeInfo info : view.getValue()) {
                    for (int slot = from; slot <= to; slot++) {
                        if (info.owns(slot) != info.id().equals(targetId)) {
                            return view.getKey().address() + " sees slot " + slot + " on " + info.port();
                        }
                    }
                }
            }
            return null;
        });
    }

    private static String withClients(java.util.function.Function<Map<RedisServer, RespClient>, String> check) {
        Map<RedisServer, RespClient> clients = new HashMap<>();
        try {
            return check.apply(clients);
        } catch (RuntimeException e) {
            return e.toString();
        } finally {
            clients.values().forEach(RespClient::close);
        }
    }

    /** Polls {@code check} (null = done, else what is still wrong) until done or the deadline passes. */
    private void awaitUntil(long deadline, String what, java.util.function.Supplier<String> check) {
        String problem = check.get();
        while (problem != null) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Timed out waiting until " + what + ": " + problem + "\n"
                        + describeNodes());
            }
            RedisServer.sleep(50);
            problem = check.get();
        }
    }

    private String describeNodes() {
        StringBuilder sb = new StringBuilder();
        for (RedisServer node : nodes()) {
            sb.append(node).append(node.isAlive() ? "" : " (not running)").append('\n');
            if (node.isAlive()) {
                try (RespClient client = node.client()) {
                    sb.append(client.callString("CLUSTER", "NODES"));
                } catch (RuntimeException e) {
                    sb.append("  CLUSTER NODES failed: ").append(e).append('\n');
                }
            }
        }
        return sb.toString();
    }
}
