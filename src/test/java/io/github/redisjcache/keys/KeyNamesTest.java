package io.github.redisjcache.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The facade's keys, the seed's {@code keyPatterns}: {@code prefix:namespace:id}, with every part checked. */
class KeyNamesTest {

    private final KeyNames keys = KeyNames.defaults();

    @Test
    void aKeyIsPrefixNamespaceAndId() {
        assertThat(keys.key("user", "42")).isEqualTo("jcache:user:42");
        assertThat(KeyNames.withPrefix("shop-eu.v2_1").key("session", "abc")).isEqualTo("shop-eu.v2_1:session:abc");
    }

    @Test
    void theDefaultPrefixIsJcache() {
        assertThat(keys.prefix()).isEqualTo(KeyNames.DEFAULT_PREFIX).isEqualTo("jcache");
    }

    @Test
    void anIdMayHoldSeparatorsAndUnicode() {
        assertThat(keys.key("cache", "api:/v1/users?page=2")).isEqualTo("jcache:cache:api:/v1/users?page=2");
        assertThat(keys.key("user", "zoë-日本")).isEqualTo("jcache:user:zoë-日本");
    }

    @Test
    void emptyOrMissingPartsAreRefused() {
        assertThatThrownBy(() -> keys.key("", "1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("namespace must not be empty");
        assertThatThrownBy(() -> keys.key("user", "")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id must not be empty");
        assertThatThrownBy(() -> keys.key(null, "1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> keys.key("user", null)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"us:er", "user:", ":user", "us er", "user\t", "\u2003user"})
    void aNamespaceWithASeparatorOrWhitespaceIsRefused(String namespace) {
        assertThatThrownBy(() -> keys.key(namespace, "1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("namespace");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "a\u0000b", "a\u007fb", "a\rb", "\u0085"})
    void controlCharactersAreRefusedInEveryPart(String part) {
        assertThatThrownBy(() -> keys.key("user", part)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("control characters");
        assertThatThrownBy(() -> keys.key(part, "1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overlongPartsAreRefused() {
        String longest = "x".repeat(1024);

        assertThat(keys.key("user", longest)).endsWith(longest);
        assertThatThrownBy(() -> keys.key("user", longest + "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at most 1024");
        assertThatThrownBy(() -> keys.key(longest + "x", "1")).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "my app", "a:b", "a*", "a{b}", "ünï", "tab\t"})
    void badPrefixesAreRefused(String prefix) {
        assertThatThrownBy(() -> KeyNames.withPrefix(prefix)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Key prefix");
    }

    @Test
    void aPrefixLongerThan64CharactersIsRefused() {
        assertThat(KeyNames.withPrefix("p".repeat(64)).prefix()).hasSize(64);
        assertThatThrownBy(() -> KeyNames.withPrefix("p".repeat(65))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KeyNames.withPrefix(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theCacheRegistryIsALibraryRecordUnderThePrefix() {
        assertThat(KeyNames.withPrefix("app").cacheRegistry()).isEqualTo("app:#caches");
    }
}
