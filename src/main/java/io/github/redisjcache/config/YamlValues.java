package io.github.redisjcache.config;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the plain values SnakeYAML's safe constructor produces, naming the source and key path in every error. */
final class YamlValues {

    private YamlValues() {
    }

    /**
     * Reads a single value as text.
     *
     * @param source where the value came from
     * @param key    its full key path
     * @param value  a string, number or boolean; {@code null} stays {@code null}
     * @return the text, or {@code null}
     */
    static String text(String source, String key, Object value) {
        if (value == null || value instanceof String) {
            return (String) value;
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw new InvalidConfigurationException(source, key, "expected a single value, was " + describe(value));
    }

    /**
     * Reads a map whose keys are setting or cache names.
     *
     * @param source where the value came from
     * @param key    its full key path
     * @param value  a map; {@code null} (an empty YAML entry) reads as an empty map
     * @return the entries with text keys, in the file's order
     */
    static Map<String, Object> map(String source, String key, Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map)) {
            throw new InvalidConfigurationException(source, key, "expected a map of settings, was " + describe(value));
        }
        Map<String, Object> entries = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
            // YAML keys may be numbers or booleans (e.g. a cache named 2024); names are text.
            String name = String.valueOf(entry.getKey());
            if (entries.containsKey(name)) {
                throw new InvalidConfigurationException(source, child(key, name), "duplicate key");
            }
            entries.put(name, entry.getValue());
        }
        return entries;
    }

    /**
     * Refuses keys that are not settings.
     *
     * @param source  where the map came from
     * @param key     the map's full key path, or an empty string for the document
     * @param entries the map
     * @param known   the accepted names
     * @param what    what the names are, e.g. {@code cache settings}
     */
    static void checkKnown(String source, String key, Map<String, ?> entries, List<String> known, String what) {
        for (String name : entries.keySet()) {
            if (!known.contains(name)) {
                throw new InvalidConfigurationException(source, child(key, name),
                        "unknown setting; known " + what + " are " + String.join(", ", known));
            }
        }
    }

    /**
     * Builds a child's key path.
     *
     * @param parent the parent's key path, or an empty string
     * @param name   the child's name
     * @return e.g. {@code caches.users}
     */
    static String child(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    /**
     * Describes a value's kind for error messages.
     *
     * @param value a YAML value
     * @return e.g. {@code a list}; never the value itself
     */
    static String describe(Object value) {
        if (value == null) {
            return "empty";
        }
        if (value instanceof Map) {
            return "a map";
        }
        if (value instanceof Collection) {
            return "a list";
        }
        // Values are not echoed: a misplaced one may be a password.
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return "a single value";
        }
        return "a " + value.getClass().getSimpleName();
    }
}
