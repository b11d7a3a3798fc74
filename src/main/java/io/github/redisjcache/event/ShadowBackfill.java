package io.github.redisjcache.event;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.redisjcache.keys.CacheKeys;
import io.github.redisjcache.store.Awaiter;
import io.github.redisjcache.store.RedisStore;

/**
 * Gives the entries of a cache that will expire a shadow when they have none: entries written while no JVM listened
 * for the cache's expiries, whose expiry could not be reported otherwise. One SCAN chunk and one batch of
 * {@code shadow.lua} calls at a time, master by master, so that Redis is never busy with it for long.
 */
final class ShadowBackfill {

    private final RedisStore store;
    private final Awaiter awaiter;
    private final long graceMillis;

    /**
     * @param store       the store
     * @param awaiter     waits for each batch
     * @param graceMillis how much longer than its entry a shadow lives
     */
    ShadowBackfill(RedisStore store, Awaiter awaiter, long graceMillis) {
        this.store = store;
        this.awaiter = awaiter;
        this.graceMillis = graceMillis;
    }

    /**
     * Goes once over every entry of a cache.
     *
     * @param keys the cache's key names
     * @return how many shadows it made
     */
    long run(CacheKeys keys) {
        long made = 0;
        for (var master : store.masters()) {
            String cursor = "0";
            do {
                RedisStore.ScanChunk chunk = store.scan(master, cursor, keys.entryPattern(), RedisStore.SCAN_COUNT);
                RedisStore.Batch batch = store.batch();
                List<CompletableFuture<Boolean>> calls = new ArrayList<>(chunk.keys().size());
                for (byte[] entryKey : chunk.keys()) {
                    byte[] shadow = keys.shadow(entryKey);
                    if (shadow != null) {
                        calls.add(batch.commands().shadowIfMissing(entryKey, shadow, graceMillis));
                    }
                }
                if (!calls.isEmpty()) {
                    for (Boolean shadowed : batch.await(awaiter, calls)) {
                        if (shadowed) {
                            made++;
                        }
                    }
                }
                cursor = chunk.cursor();
            } while (!"0".equals(cursor));
        }
        return made;
    }
}
