package io.github.redisjcache.store;

import java.nio.charset.StandardCharsets;

import io.github.redisjcache.testing.RespClient;

/** Entries the script tests set up by hand and compare afterwards, by their value and time to live. */
final class ScriptTestEntries {

    private ScriptTestEntries() {
    }

    /**
     * Puts a key into a state: absent, or holding bytes with or without a time to live.
     *
     * @param redis the client
     * @param name  the key
     * @param value the bytes, or null for absent
     * @param ttl   milliseconds, or 0 or less for none
     * @return the key's bytes
     */
    static byte[] prepare(RespClient redis, String name, byte[] value, long ttl) {
        byte[] key = bytes(name);
        redis.call("DEL", name);
        if (value != null) {
            if (ttl > 0) {
                redis.call(bytes("SET"), key, value, bytes("PX"), bytes(Long.toString(ttl)));
            } else {
                redis.call(bytes("SET"), key, value);
            }
        }
        return key;
    }

    /** -2 absent, -1 no expiry, else the time to live rounded to seconds (two keys compared differ by microseconds). */
    static long ttlBucket(RespClient redis, byte[] key) {
        long ttl = (Long) redis.call(bytes("PTTL"), key);
        return ttl < 0 ? ttl : Math.round(ttl / 1_000.0);
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
