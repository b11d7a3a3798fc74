package io.github.redisjcache.keys;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Builds every Redis key and channel name the library uses, and validates their parts: the Java counterpart of the
 * seed's {@code keyPatterns}.
 *
 * <p>Facade keys are {@code prefix:namespace:id}. A cache's entries are {@code prefix:cacheName:encodedKey}, so the
 * entries of one cache spread over every Redis Cluster slot; the library's own records use a segment starting with
 * {@code #} ({@code prefix:#config:cacheName}), which no escaped cache name can start with. Cache names are escaped
 * so that no name can reach into another's keys or act as a glob pattern in SCAN.
 */
public final class KeyNames {

    /** The prefix used when none is configured. */
    public static final String DEFAULT_PREFIX = "jcache";

    static final char SEPARATOR = ':';
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9._\\-]{1,64}");
    private static final int MAX_PART = 1024;

    private final String prefix;

    private KeyNames(String prefix) {
        this.prefix = prefix;
    }

    /**
     * Returns the key names under a prefix.
     *
     * @param prefix 1-64 characters among letters, digits, {@code .}, {@code _} and {@code -}
     * @return the key names
     * @throws IllegalArgumentException when the prefix has other characters
     */
    public static KeyNames withPrefix(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("Key prefix '" + prefix + "' must be 1-64 characters among letters, "
                    + "digits, '.', '_' and '-'");
        }
        return new KeyNames(prefix);
    }

    /**
     * Returns the key names under {@value #DEFAULT_PREFIX}.
     *
     * @return the default key names
     */
    public static KeyNames defaults() {
        return new KeyNames(DEFAULT_PREFIX);
    }

    /** @return the prefix every key starts with */
    public String prefix() {
        return prefix;
    }

    /**
     * Builds a facade key {@code prefix:namespace:id}, like the seed's {@code user:42}.
     *
     * @param namespace what kind of thing, e.g. {@code user}; no {@code :}, no whitespace or control characters
     * @param id        which one, e.g. {@code 42}; may contain {@code :}, no control characters
     * @return the key
     * @throws IllegalArgumentException when a part is empty, too long or has forbidden characters
     */
    public String key(String namespace, String id) {
        checkNamespace(namespace);
        checkId(id);
        return prefix + SEPARATOR + namespace + SEPARATOR + id;
    }

    /**
     * Returns the key names of one cache.
     *
     * @param cacheName the cache's name, any non-empty string
     * @return the cache's key names
     */
    public CacheKeys cache(String cacheName) {
        return new CacheKeys(prefix, escape(cacheName));
    }

    /**
     * Returns the key of the library's record of all caches under this prefix.
     *
     * @return the key, e.g. {@code jcache:#caches}
     */
    public String cacheRegistry() {
        return prefix + SEPARATOR + "#caches";
    }

    /**
     * Returns the pub/sub channel on which JVMs announce changes to the listener registry of the caches under this
     * prefix; a message carries the escaped name of the cache.
     *
     * @return the channel, e.g. {@code jcache:#listener-changes}
     */
    public String listenerChanges() {
        return prefix + SEPARATOR + "#listener-changes";
    }

    /**
     * Returns the pub/sub channel on which cache managers announce that they destroyed a cache under this prefix,
     * so that other cache managers close their instances of it.
     *
     * @return the channel, e.g. {@code jcache:#destroyed}
     */
    public String destroyedCaches() {
        return prefix + SEPARATOR + "#destroyed";
    }

    static void checkNamespace(String namespace) {
        checkPart("namespace", namespace);
        for (int i = 0; i < namespace.length(); i++) {
            char c = namespace.charAt(i);
            if (c == SEPARATOR || Character.isWhitespace(c)) {
                throw new IllegalArgumentException("Key namespace '" + namespace
                        + "' must not contain ':' or whitespace");
            }
        }
    }

    static void checkId(String id) {
        checkPart("id", id);
    }

    private static void checkPart(String what, String part) {
        if (part == null || part.isEmpty()) {
            throw new IllegalArgumentException("Key " + what + " must not be empty");
        }
        if (part.length() > MAX_PART) {
            throw new IllegalArgumentException("Key " + what + " must be at most " + MAX_PART + " characters");
        }
        for (int i = 0; i < part.length(); i++) {
            if (Character.isISOControl(part.charAt(i))) {
                throw new IllegalArgumentException("Key " + what + " must not contain control characters");
            }
        }
    }

    /**
     * Escapes a cache name: {@code %}, {@code :}, {@code #}, glob characters, braces, whitespace and control
     * characters become {@code %XX}, so names stay readable and can never collide or act as patterns.
     */
    static String escape(String cacheName) {
        if (cacheName == null || cacheName.isEmpty()) {
            throw new IllegalArgumentException("A cache name must not be empty");
        }
        // An unpaired surrogate has no UTF-8 form: getBytes would turn it into '?', the name of another cache.
        if (!StandardCharsets.UTF_8.newEncoder().canEncode(cacheName)) {
            throw new IllegalArgumentException("A cache name must be valid Unicode text (no unpaired surrogate)");
        }
        StringBuilder escaped = new StringBuilder(cacheName.length() + 8);
        for (byte b : cacheName.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c < 0x80 && needsEscape((char) c)) {
                escaped.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            } else {
                escaped.append((char) c);
            }
        }
        // Non-ASCII bytes were appended one per char; turn them back into the UTF-8 text they came from.
        return new String(escaped.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    private static boolean needsEscape(char c) {
        return c <= ' ' || c == 0x7F || c == '%' || c == ':' || c == '#' || c == '*' || c == '?' || c == '['
                || c == ']' || c == '\\' || c == '{' || c == '}' || c == '^';
    }
}
