package io.github.redisjcache.event;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.redisson.connection.ConnectionManager;
import org.redisson.connection.MasterSlaveEntry;

import io.github.redisjcache.keys.CacheKeys;

/**
 * Names the sharded event channels of a cache on Redis Cluster: one per master, so that an event is published
 * (SPUBLISH, from the script that made the change) on the master that holds the entry and reaches only that
 * master's subscribers, instead of being broadcast to every node.
 *
 * <p>A script may publish only on a channel served by its own node; a channel is served by the master of the hash
 * slot of its name. So each master's channel carries a hash tag chosen to fall in a slot that master owns (the
 * lowest), recomputed when the slots move.
 */
final class ShardChannels {

    private static final long REFRESH_NANOS = 1_000_000_000L;
    private static final int SLOTS = 16384;

    private final ConnectionManager manager;
    private final String[] tags;
    private volatile Map<MasterSlaveEntry, Integer> representatives = Map.of();
    private volatile long refreshedAt;

    ShardChannels(ConnectionManager manager) {
        this.manager = manager;
        this.tags = slotTags(manager);
    }

    /** Finds, for each hash slot, a short tag whose slot it is. */
    private static String[] slotTags(ConnectionManager manager) {
        String[] tags = new String[SLOTS];
        int found = 0;
        for (int i = 0; found < SLOTS; i++) {
            String tag = Integer.toString(i, 36);
            int slot = manager.calcSlot(tag);
            if (tags[slot] == null) {
                tags[slot] = tag;
                found++;
            }
        }
        return tags;
    }

    /**
     * Returns the channel on which the change of an entry is published: the one of the master holding it.
     *
     * @param keys     the cache's key names
     * @param entryKey the entry key
     * @return the channel
     */
    String channelFor(CacheKeys keys, byte[] entryKey) {
        MasterSlaveEntry master = manager.getEntry(manager.calcSlot(entryKey));
        Integer slot = current().get(master);
        if (slot == null) {
            slot = refresh().get(master);
        }
        return keys.shardedEvents(tags[slot == null ? manager.calcSlot(entryKey) : slot]);
    }

    /**
     * Returns the channels of every master, for subscribers.
     *
     * @param keys the cache's key names
     * @return one channel per master
     */
    Set<String> all(CacheKeys keys) {
        Set<String> channels = new LinkedHashSet<>();
        for (Integer slot : current().values()) {
            channels.add(keys.shardedEvents(tags[slot]));
        }
        return channels;
    }

    private Map<MasterSlaveEntry, Integer> current() {
        if (System.nanoTime() - refreshedAt > REFRESH_NANOS) {
            return refresh();
        }
        return representatives;
    }

    private synchronized Map<MasterSlaveEntry, Integer> refresh() {
        Map<MasterSlaveEntry, Integer> fresh = new HashMap<>();
        for (int slot = 0; slot < SLOTS; slot++) {
            MasterSlaveEntry master = manager.getEntry(slot);
            if (master != null) {
                fresh.putIfAbsent(master, slot);
            }
        }
        representatives = fresh;
        refreshedAt = System.nanoTime();
        return fresh;
    }
}
