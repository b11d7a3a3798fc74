package io.github.redisjcache.integrationtests;

import static io.github.redisjcache.integrationtests.MeasuredCaches.KEY;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.cache.Cache;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.event.EventType;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.redisjcache.integrationtests.MeasuredCaches.Sent;
import io.github.redisjcache.support.RecordingListener;
import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.RespClient;

/**
 * Scripts are called by SHA; a server that forgot them (a restart, a failover, SCRIPT FLUSH) answers NOSCRIPT once,
 * the source is sent with EVAL, which caches it again, and later calls are one EVALSHA again.
 */
@RedisTest
class ScriptCacheFallbackTest {

    private MeasuredCaches caches;

    @BeforeEach
    void open(RespClient redis) {
        caches = new MeasuredCaches(redis);
    }

    @AfterEach
    void close() {
        caches.close();
    }

    @Test
    void aForgottenScriptIsSentOnceWithItsSourceThenCalledBySha(RespClient redis) {
        Cache<String, Integer> cache = caches.create("scripts", ExpiryPolicies.ACCESSED.configuration());
        // Under an access expiry a remove of an expected value is always swap.lua: a mismatch must apply the access
        // expiry, which neither DELEX nor SET ... IFEQ can.
        cache.put(KEY, 1);
        cache.remove(KEY, 1);
        cache.put(KEY, 1);
        redis.call("SCRIPT", "FLUSH");

        Sent afterFlush = caches.measure(() -> assertThat(cache.remove(KEY, 1)).isTrue());
        cache.put(KEY, 2);
        Sent next = caches.measure(() -> assertThat(cache.remove(KEY, 2)).isTrue());

        assertThat(afterFlush.commands()).as("after SCRIPT FLUSH: %s", afterFlush)
                .isEqualTo(Map.of("evalsha", 1L, "eval", 1L));
        assertThat(afterFlush.roundTrips()).isEqualTo(2);
        assertThat(next.commands()).as("the call after: %s", next).isEqualTo(Map.of("evalsha", 1L));
        assertThat(next.roundTrips()).isEqualTo(1);
        assertThat(cache.containsKey(KEY)).isFalse();
    }

    @Test
    void aBatchOfScriptCallsSurvivesAForgottenScript(RespClient redis) {
        Cache<String, Integer> cache = caches.create("scripts-batch", ExpiryPolicies.CREATED.configuration());
        // A listener makes putAll publish an event per entry: a batch of mutate.lua calls, one per entry.
        RecordingListener<String, Integer> listener = new RecordingListener<>();
        cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
                FactoryBuilder.factoryOf(listener), null, false, true));
        cache.put("warm-up", 0);
        redis.call("SCRIPT", "FLUSH");
        Map<String, Integer> entries = entries(50);

        cache.putAll(entries);

        assertThat(cache.getAll(entries.keySet())).isEqualTo(entries);
        assertThat(listener.count(EventType.CREATED)).isEqualTo(51);
        // Loaded again under the SHA the cache calls it by.
        assertThat(redis.callList("SCRIPT", "EXISTS", sha1Of("mutate"))).containsExactly(1L);
    }

    @Test
    void putAllsOneScriptCallSurvivesAForgottenScript(RespClient redis) {
        Cache<String, Integer> cache = caches.create("scripts-putall", ExpiryPolicies.CREATED.configuration());
        cache.putAll(entries(10));
        redis.call("SCRIPT", "FLUSH");
        Map<String, Integer> entries = entries(50);

        Sent afterFlush = caches.measure(() -> cache.putAll(entries));
        Sent next = caches.measure(() -> cache.putAll(entries));

        // On Redis 8.4 an MSETEX goes first and sets nothing, as some of the entries exist and others do not.
        Map<String, Long> beforeScript = MeasuredCaches.MULTI_SET_WITH_EXPIRY ? Map.of("msetex", 1L) : Map.of();
        Map<String, Long> afterFlushSent = new HashMap<>(beforeScript);
        afterFlushSent.putAll(Map.of("evalsha", 1L, "eval", 1L));
        Map<String, Long> nextSent = new HashMap<>(beforeScript);
        nextSent.put("evalsha", 1L);
        assertThat(afterFlush.commands()).as("after SCRIPT FLUSH: %s", afterFlush).isEqualTo(afterFlushSent);
        assertThat(next.commands()).as("the call after: %s", next).isEqualTo(nextSent);
        assertThat(cache.getAll(entries.keySet())).isEqualTo(entries);
        assertThat(redis.callList("SCRIPT", "EXISTS", sha1Of("putall"))).containsExactly(1L);
    }

    private static Map<String, Integer> entries(int count) {
        Map<String, Integer> entries = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            entries.put("k-" + i, i);
        }
        return entries;
    }

    /**
     * The SHA-1 by which the cache calls a script, computed from the script's resource as the store sends it:
     * comment lines emptied and indentation dropped (LuaScriptTest pins that form).
     */
    private static String sha1Of(String script) {
        try (InputStream in = ScriptCacheFallbackTest.class.getResourceAsStream(
                "/io/github/redisjcache/store/" + script + ".lua")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n", -1);
            StringBuilder sent = new StringBuilder();
            for (int i = 0; i < lines.length; i++) {
                String code = lines[i].strip();
                sent.append(code.startsWith("--") ? "" : code).append(i < lines.length - 1 ? "\n" : "");
            }
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(sent.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
