package com.example.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;

import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.TestRedis;

/** Runs the quick start against the test Redis and checks what it reports. */
@RedisTest
class QuickstartTest {

    private CachingProvider provider;
    private CacheManager manager;

    @BeforeEach
    void connect() {
        provider = Caching.getCachingProvider();
        manager = provider.getCacheManager(URI.create(TestRedis.get().uri()), getClass().getClassLoader());
    }

    @AfterEach
    void close() {
        manager.close();
    }

    @Test
    void quickstartDoesWhatItSays() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Quickstart.Result result = Quickstart.run(manager, new PrintStream(printed, true, StandardCharsets.UTF_8));

        // put/get, putIfAbsent, expiry
        assertThat(result.greeting()).isEqualTo("Hello");
        assertThat(result.secondWriterKeptOut()).isTrue();
        assertThat(result.greetingExpired()).isTrue();

        // invoke: every increment of every thread counted once
        assertThat(result.counter()).isEqualTo((long) Quickstart.COUNTER_THREADS * Quickstart.INCREMENTS_PER_THREAD);

        // the synchronous listener saw the creation and the update before put returned, and the expiry (reported
        // when Redis expires the entry, through keyspace notifications) soon after
        assertThat(result.events()).startsWith("CREATED en=Hello", "UPDATED en=Hello, Redis");
        assertThat(result.events()).contains("EXPIRED en");

        // read-through: the database is asked once; the second read is served by Redis, faster than the database
        assertThat(result.databaseCalls()).isEqualTo(1);
        assertThat(result.firstReadMillis()).isGreaterThanOrEqualTo(Quickstart.DATABASE_DELAY_MILLIS);
        assertThat(result.secondReadMillis()).isLessThan(Quickstart.DATABASE_DELAY_MILLIS);

        // statistics from the CacheStatisticsMXBean: greetings had get(hit), putIfAbsent(present: hit),
        // get(hit), get after expiry (miss); two puts. products: a miss that loaded, then a hit.
        assertThat(result.greetingHits()).isEqualTo(3);
        assertThat(result.greetingMisses()).isEqualTo(1);
        assertThat(result.greetingPuts()).isEqualTo(2);
        assertThat(result.productMisses()).isEqualTo(1);
        assertThat(result.productHits()).isEqualTo(1);

        // a short report, and no cache left behind in Redis: only the tombstones of the three destroyed caches, which
        // tell managers that missed the news and expire within a day
        String report = printed.toString(StandardCharsets.UTF_8);
        assertThat(report.lines().count()).isBetween(6L, 14L);
        assertThat(report).contains("read-through", "statistics", "invoke");
        try (var client = TestRedis.get().client()) {
            assertThat(client.callList("KEYS", "*")).containsExactlyInAnyOrder("jcache:#destroyed:quickstart.greetings",
                    "jcache:#destroyed:quickstart.counters", "jcache:#destroyed:quickstart.products");
            for (Object key : client.callList("KEYS", "*")) {
                assertThat(client.callLong("PTTL", (String) key)).isBetween(1L, 86_400_000L);
            }
        }
    }
}
