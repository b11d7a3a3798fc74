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
 * {@code shadow.lua} calls at a time, master by master ({@link RedisStore#forEachChunk}).
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
        long[] made = {0};
        store.forEachChunk(keys.entryPattern(), entryKeys -> {
            RedisStore.Batch batch = store.batch();
            List<CompletableFuture<Boolean>> calls = new ArrayList<>(entryKeys.size());
            for (byte[] entryKey : entryKeys) {
                byte[] shadow = keys.shadow(entryKey);
                if (shadow != null) {
                    calls.add(batch.commands().shadowIfMissing(entryKey, shadow, graceMillis));
                }
            }
            if (!calls.isEmpty()) {
                for (Boolean shadowed : batch.await(awaiter, calls)) {
                    if (shadowed) {
                        made[0]++;
                    }
                }
            }
        });
        return made[0];
    }
}
