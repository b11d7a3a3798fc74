package io.github.redisjcache.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Cache names are escaped so that no two names share keys and none acts as a glob pattern. */
class CacheNameEscapingTest {

    /** Names that a naive {@code prefix:name:} scheme would let collide with each other or match as patterns. */
    static final List<String> TRICKY_NAMES = List.of("a", "a:b", "a:", ":a", "a::b", "a%3Ab", "a%", "%", "%25",
            "a*", "*", "a?", "?", "a[b]", "[a]", "a{b}", "{a}", "a}", "#config", "a#b", "a b", "a\tb", "a\nb",
            "a\\b", "a^b", "a-b", "A", "b", "ab", "a\u0000b", "a\u007fb");

    private final KeyNames keys = KeyNames.defaults();

    @ParameterizedTest(name = "{0} is escaped as {1}")
    @CsvSource(delimiter = '|', value = {
        "a:b | a%3Ab", "100% | 100%25", "#tag | %23tag", "a*b | a%2Ab", "a?b | a%3Fb", "[x] | %5Bx%5D",
        "{x} | %7Bx%7D", "a\\b | a%5Cb", "a^b | a%5Eb", "orders.v2-eu_1 | orders.v2-eu_1"})
    void specialCharactersBecomePercentCodes(String name, String escaped) {
        assertThat(keys.cache(name).escapedName()).isEqualTo(escaped);
    }

    @Test
    void whitespaceAndControlCharactersBecomePercentCodes() {
        assertThat(keys.cache("a b\tc\nd").escapedName()).isEqualTo("a%20b%09c%0Ad");
        assertThat(keys.cache("x\u0000y\u007f").escapedName()).isEqualTo("x%00y%7F");
    }

    @Test
    void unicodeNamesStayReadable() {
        assertThat(keys.cache("Bestellungen-für-Zoë").escapedName()).isEqualTo("Bestellungen-für-Zoë");
        assertThat(keys.cache("注文キャッシュ").escapedName()).isEqualTo("注文キャッシュ");
        assertThat(keys.cache("pizza-🍕").escapedName()).isEqualTo("pizza-🍕");
        assertThat(keys.cache("注文:キャッシュ").escapedName()).isEqualTo("注文%3Aキャッシュ");
    }

    @Test
    void noTwoNamesShareAnEscapedName() {
        Set<String> escaped = new HashSet<>();
        for (String name : TRICKY_NAMES) {
            assertThat(escaped.add(keys.cache(name).escapedName())).as("escaped form of %s is unique", name).isTrue();
        }
    }

    @Test
    void aNameThatIsNotValidUnicodeIsRefusedRatherThanTakingTheKeysOfAnother() {
        // A lone surrogate has no UTF-8 form; encoding would replace it with '?', the name "a?" of another cache.
        assertThatThrownBy(() -> keys.cache("a\uD800")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("valid Unicode");
        assertThatThrownBy(() -> keys.cache("\uDC00b")).isInstanceOf(IllegalArgumentException.class);
        assertThat(keys.cache("a\uD83C\uDF55").escapedName()).isEqualTo("a🍕");
    }

    @Test
    void noCacheSeesAnotherCachesEntriesAsItsOwn() {
        byte[] encodedKey = {'k', 0, (byte) 0xFF};
        for (String owner : TRICKY_NAMES) {
            byte[] entry = keys.cache(owner).entry(encodedKey);
            for (String other : TRICKY_NAMES) {
                if (!other.equals(owner)) {
                    assertThat(keys.cache(other).isEntry(entry)).as("%s sees an entry of %s", other, owner).isFalse();
                }
            }
        }
    }

    @Test
    void anEmptyOrMissingCacheNameIsRefused() {
        assertThatThrownBy(() -> keys.cache("")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("cache name");
        assertThatThrownBy(() -> keys.cache(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
