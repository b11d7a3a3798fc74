package io.github.redisjcache.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One line of {@code CLUSTER NODES}: a node as some cluster member sees it (id, address, flags, master, slots).
 *
 * @param id          the node id
 * @param host        its announced IP (may be empty for a node without address)
 * @param port        its client port
 * @param flags       e.g. {@code myself}, {@code master}, {@code slave}, {@code fail?}, {@code fail}, {@code handshake}
 * @param masterId    the id of its master for a replica, else {@code null}
 * @param linkState   {@code connected} or {@code disconnected}
 * @param slotRanges  the slot ranges it serves, each {@code {first, last}} (migrating/importing entries left out)
 */
public record ClusterNodeInfo(String id, String host, int port, Set<String> flags, String masterId, String linkState,
                              List<int[]> slotRanges) {

    /** Parses the whole text of a {@code CLUSTER NODES} reply. */
    public static List<ClusterNodeInfo> parseAll(String clusterNodes) {
        List<ClusterNodeInfo> nodes = new ArrayList<>();
        for (String line : clusterNodes.split("\r?\n")) {
            if (!line.isBlank()) {
                nodes.add(parse(line.trim()));
            }
        }
        return nodes;
    }

    /** Parses one {@code CLUSTER NODES} line. */
    public static ClusterNodeInfo parse(String line) {
        String[] parts = line.split(" ");
        if (parts.length < 8) {
            throw new IllegalArgumentException("Not a CLUSTER NODES line: " + line);
        }
        // 127.0.0.1:30001@40001 or, on Redis 7, 127.0.0.1:30001@40001,hostname
        String address = parts[1];
        int comma = address.indexOf(',');
        if (comma >= 0) {
            address = address.substring(0, comma);
        }
        int at = address.indexOf('@');
        if (at >= 0) {
            address = address.substring(0, at);
        }
        int colon = address.lastIndexOf(':');
        String host = colon >= 0 ? address.substring(0, colon) : address;
        int port = colon >= 0 && colon + 1 < address.length() ? Integer.parseInt(address.substring(colon + 1)) : 0;
        Set<String> flags = Set.copyOf(Arrays.asList(parts[2].split(",")));
        String masterId = "-".equals(parts[3]) ? null : parts[3];
        List<int[]> slots = new ArrayList<>();
        for (int i = 8; i < parts.length; i++) {
            String slot = parts[i];
            if (slot.startsWith("[")) {
                continue;
            }
            int dash = slot.indexOf('-');
            if (dash >= 0) {
                slots.add(new int[] {Integer.parseInt(slot.substring(0, dash)),
                    Integer.parseInt(slot.substring(dash + 1))});
            } else {
                int single = Integer.parseInt(slot);
                slots.add(new int[] {single, single});
            }
        }
        return new ClusterNodeInfo(parts[0], host, port, flags, masterId, parts[7], List.copyOf(slots));
    }

    /** Whether it has the {@code master} flag. */
    public boolean isMaster() {
        return flags.contains("master");
    }

    /** Whether it has the {@code slave} flag. */
    public boolean isReplica() {
        return flags.contains("slave");
    }

    /** Whether it is the node that produced this listing. */
    public boolean isMyself() {
        return flags.contains("myself");
    }

    /** Whether it is flagged {@code fail} or {@code fail?}. */
    public boolean isFailing() {
        return flags.contains("fail") || flags.contains("fail?");
    }

    /** Whether it serves {@code slot}. */
    public boolean owns(int slot) {
        for (int[] range : slotRanges) {
            if (slot >= range[0] && slot <= range[1]) {
                return true;
            }
        }
        return false;
    }

    /** How many slots it serves. */
    public int slotCount() {
        int count = 0;
        for (int[] range : slotRanges) {
            count += range[1] - range[0] + 1;
        }
        return count;
    }
}
