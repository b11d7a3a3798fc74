package io.github.redisjcache.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.github.redisjcache.testing.RedisTest;
import io.github.redisjcache.testing.RespClient;

/**
 * {@code shadow.lua} gives a shadow only to an entry that will expire and has none, with the entry's value and a
 * time to live of the entry's plus the grace period.
 */
@RedisTest
class ShadowScriptTest {

    private static final String ENTRY = "shadow-test:entry";
    private static final String SHADOW = "{shadow-test:entry}#old:shadow-test:entry";
    private static final long GRACE = 60_000;

    @RegisterExtension
    static final StoreCommandsExtension STORE = new StoreCommandsExtension();

    @BeforeEach
    void clean(RespClient redis) {
        redis.call("DEL", ENTRY, SHADOW);
    }

    @Test
    void anEntryThatWillExpireGetsAShadowOutlivingItByTheGrace(RespClient redis) throws Exception {
        redis.call("SET", ENTRY, "value", "PX", "30000");

        assertThat(shadowIfMissing()).isTrue();

        assertThat(redis.call("GET", SHADOW)).isEqualTo(bytes("value"));
        assertThat((Long) redis.call("PTTL", SHADOW)).isBetween(GRACE + 29_000, GRACE + 30_000);
    }

    @Test
    void anEntryThatNeverExpiresOrIsAbsentGetsNone(RespClient redis) throws Exception {
        assertThat(shadowIfMissing()).isFalse();
        redis.call("SET", ENTRY, "value");

        assertThat(shadowIfMissing()).isFalse();

        assertThat((Long) redis.call("EXISTS", SHADOW)).isZero();
    }

    @Test
    void aShadowAlreadyThereIsLeftAsItIs(RespClient redis) throws Exception {
        redis.call("SET", ENTRY, "new value", "PX", "30000");
        redis.call("SET", SHADOW, "what a write left", "PX", "90000");

        assertThat(shadowIfMissing()).isFalse();

        assertThat(redis.call("GET", SHADOW)).isEqualTo(bytes("what a write left"));
        assertThat((Long) redis.call("PTTL", SHADOW)).isGreaterThan(89_000);
    }

    private static boolean shadowIfMissing() throws Exception {
        return STORE.commands().shadowIfMissing(bytes(ENTRY), bytes(SHADOW), GRACE).get(10, TimeUnit.SECONDS);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
