package io.github.redisjcache.benchmarks;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import javax.cache.Cache;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.MutableEntry;

/** The data every benchmark works on: the same keys, values and bulk sets for every contender. */
public final class Workload {

    /** Entries present before the benchmark. */
    public static final int KEYS = 10_000;
    /** Keys the entry processors increment (few, so that concurrent invocations meet on the same key). */
    public static final int HOT_KEYS = 64;
    /** Entries per getAll and putAll. */
    public static final int BULK = 100;
    /** Prebuilt bulk key sets and maps per thread. */
    public static final int BULK_SETS = 32;

    /** System property: a file the benchmarks append their correctness checks to. */
    public static final String CHECKS_PROPERTY = "bench.checks";

    public static final String[] KEY = new String[KEYS];
    public static final String[] MISSING = new String[KEYS];
    public static final String[] HOT = new String[HOT_KEYS];
    public static final Item[] VALUE = new Item[KEYS];

    static {
        for (int i = 0; i < KEYS; i++) {
            KEY[i] = "key-" + i;
            MISSING[i] = "missing-" + i;
            VALUE[i] = Item.sample(i);
        }
        for (int i = 0; i < HOT_KEYS; i++) {
            HOT[i] = "counter-" + i;
        }
    }

    private Workload() {
    }

    /** Fills a cache with the {@link #KEYS} entries and the hot keys at quantity 0. */
    public static void populate(Cache<String, Item> cache) {
        Map<String, Item> chunk = new HashMap<>();
        for (int i = 0; i < KEYS; i++) {
            chunk.put(KEY[i], VALUE[i]);
            if (chunk.size() == 500) {
                cache.putAll(chunk);
                chunk.clear();
            }
        }
        for (int i = 0; i < HOT_KEYS; i++) {
            Item item = Item.sample(i);
            item.setQuantity(0);
            chunk.put(HOT[i], item);
        }
        cache.putAll(chunk);
    }

    /** Random bulk key sets of {@link #BULK} keys. */
    @SuppressWarnings("unchecked")
    public static Set<String>[] keySets(SplittableRandom random) {
        Set<String>[] sets = new Set[BULK_SETS];
        for (int s = 0; s < BULK_SETS; s++) {
            Set<String> set = new HashSet<>();
            while (set.size() < BULK) {
                set.add(KEY[random.nextInt(KEYS)]);
            }
            sets[s] = set;
        }
        return sets;
    }

    /** Random bulk maps of {@link #BULK} entries. */
    @SuppressWarnings("unchecked")
    public static Map<String, Item>[] maps(SplittableRandom random) {
        Map<String, Item>[] maps = new Map[BULK_SETS];
        for (int s = 0; s < BULK_SETS; s++) {
            Map<String, Item> map = new LinkedHashMap<>();
            while (map.size() < BULK) {
                int k = random.nextInt(KEYS);
                map.put(KEY[k], VALUE[k]);
            }
            maps[s] = map;
        }
        return maps;
    }

    /** The entry processor of the invoke benchmark: increments the item's quantity. */
    public static final class Increment implements EntryProcessor<String, Item, Integer>, Serializable {
        private static final long serialVersionUID = 1L;
        public static final Increment INSTANCE = new Increment();

        @Override
        public Integer process(MutableEntry<String, Item> entry, Object... arguments) {
            Item item = entry.getValue();
            Item next = item == null ? Item.sample(0) : item.incremented();
            if (item == null) {
                next.setQuantity(1);
            }
            entry.setValue(next);
            return next.getQuantity();
        }
    }

    /** Appends a line to the checks file, if the launcher asked for one; always prints it. */
    public static void check(String line) {
        System.out.println("CHECK " + line);
        String file = System.getProperty(CHECKS_PROPERTY);
        if (file == null || file.isEmpty()) {
            return;
        }
        try {
            Path path = Paths.get(file);
            Files.write(path, (line + System.lineSeparator()).getBytes(StandardCharsets.UTF_8),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("Cannot write " + file + ": " + e);
        }
    }
}
