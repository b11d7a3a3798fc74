package io.github.redisjcache.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.github.redisjcache.connection.ConnectionSettings;

class RedisUrlTests {

    @Test
    void parsesUserPasswordHostPortAndDatabase() {
        RedisUrl url = RedisUrl.parse("redis://user:pw@127.0.0.1:1234/2");
        assertEquals("127.0.0.1", url.host());
        assertEquals(1234, url.port());
        assertEquals(2, url.database());
        assertEquals("user", url.user());
        assertEquals("pw", url.password());
        assertEquals("redis://user:pw@127.0.0.1:1234/2", url.toUri());
        assertFalse(url.toString().contains("pw"), "toString masks the password: " + url);
    }

    @Test
    void appliesDefaults() {
        RedisUrl url = RedisUrl.parse("redis://localhost");
        assertEquals("localhost", url.host());
        assertEquals(ConnectionSettings.DEFAULT_PORT, url.port());
        assertEquals(0, url.database());
        assertNull(url.user());
        assertNull(url.password());
        assertEquals(new RedisUrl("localhost", 6390, 0, null, null), RedisUrl.parse("redis://localhost:6390/"));
    }

    @Test
    void passwordOnlyForms() {
        RedisUrl colon = RedisUrl.parse("redis://:secret@10.1.2.3:7000");
        assertNull(colon.user());
        assertEquals("secret", colon.password());
        RedisUrl bare = RedisUrl.parse("redis://secret@10.1.2.3:7000/5");
        assertNull(bare.user());
        assertEquals("secret", bare.password());
        assertEquals(5, bare.database());
    }

    @Test
    void decodesEscapedCredentialsAndIpv6() {
        RedisUrl url = RedisUrl.parse("redis://us%40er:p%3Aw%2Fd+x@[::1]:6380/1");
        assertEquals("us@er", url.user());
        assertEquals("p:w/d+x", url.password());
        assertEquals("::1", url.host());
        assertEquals(6380, url.port());
        assertEquals(url, RedisUrl.parse(url.toUri()));
    }

    @Test
    void rejectsMalformedUrls() {
        assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse("http://localhost"));
        IllegalArgumentException tls = assertThrows(IllegalArgumentException.class,
                () -> RedisUrl.parse("rediss://u:topsecret@host"));
        assertTrue(tls.getMessage().contains("TLS"));
        assertFalse(tls.getMessage().contains("topsecret"), "the message hides the password");
        assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse("redis://host:notaport"));
        assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse("redis://host:70000"));
        assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse("redis://host/x"));
        assertThrows(IllegalArgumentException.class, () -> RedisUrl.parse("redis://:1234"));
    }
}
