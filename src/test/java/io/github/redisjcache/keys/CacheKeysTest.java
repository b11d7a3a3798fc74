package io.github.redisjcache.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** The keys of one cache: entries {@code prefix:name:encodedKey}, and the library's own records beside them. */
class CacheKeysTest {

    private final CacheKeys orders = KeyNames.withPrefix("shop").cache("orders:eu");

    @Test
    void anEntryKeyIsThePrefixTheEscapedNameAndTheEncodedKey() {
        assertThat(utf8(orders.entry(utf8("\"42\"")))).isEqualTo("shop:orders%3Aeu:\"42\"");
        assertThat(utf8(orders.entryPrefix())).isEqualTo("shop:orders%3Aeu:");
    }

    /** The one-copy path for ASCII text and the fallback for the rest give the bytes of the UTF-8 encoding. */
    @Test
    void aTextKeyGivesTheSameBytesAsItsUtf8Encoding() {
        for (String text : new String[]{"42", "", "user:7/a b", "\u007f", "zoë-日本", "a\u0080", "😀x", "x".repeat(600)}) {
            assertThat(orders.entryOfText(text)).as(text).isEqualTo(orders.entry(utf8(text)));
        }
    }

    @Test
    void theEncodedKeyIsRecoveredFromTheEntryKey() {
        byte[] binary = {0, 1, (byte) 0xFF, ':', '*', '{', '}'};

        assertThat(orders.encodedKeyOf(orders.entry(binary))).isEqualTo(binary);
        assertThat(orders.encodedKeyOf(orders.entry(new byte[0]))).isEmpty();
    }

    @Test
    void aKeyOfAnotherCacheIsNoEntryOfThisOne() {
        byte[] foreign = KeyNames.withPrefix("shop").cache("orders").entry(utf8("eu:1"));

        assertThat(orders.isEntry(foreign)).isFalse();
        assertThatThrownBy(() -> orders.encodedKeyOf(foreign)).isInstanceOf(IllegalArgumentException.class);
        assertThat(orders.isEntry(utf8("shop:"))).isFalse();
    }

    @Test
    void theEntryPatternCoversTheEntriesOnly() {
        assertThat(orders.entryPattern()).isEqualTo("shop:orders%3Aeu:*");
    }

    @Test
    void theLibrarysRecordsUseASegmentNoEscapedNameCanStartWith() {
        assertThat(orders.config()).isEqualTo("shop:#config:orders%3Aeu");
        assertThat(orders.listeners()).isEqualTo("shop:#listeners:orders%3Aeu");
        assertThat(orders.events()).isEqualTo("shop:#events:orders%3Aeu");
        CacheKeys named = KeyNames.withPrefix("shop").cache("#config");
        assertThat(utf8(named.entryPrefix())).isEqualTo("shop:%23config:");
        assertThat(orders.isEntry(utf8(orders.config()))).isFalse();
    }

    @Test
    void shardedEventChannelsCarryTheSlotTag() {
        assertThat(orders.shardedEvents("7")).isEqualTo("shop:#events:orders%3Aeu:{7}");
    }

    @Test
    void entryPrefixReturnsACopy() {
        orders.entryPrefix()[0] = 'X';

        assertThat(utf8(orders.entryPrefix())).startsWith("shop:");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String utf8(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
