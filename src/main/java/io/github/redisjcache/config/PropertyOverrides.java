package io.github.redisjcache.config;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code connection.*}, {@code events.*} and {@code defaults.*} entries of the properties a cache manager is
 * created with, which override the configuration file; other properties belong to the application and are ignored.
 */
final class PropertyOverrides {

    /** How errors name this source. */
    static final String SOURCE = "cache manager properties";

    private static final String CONNECTION = "connection.";
    private static final String EVENTS = "events.";
    private static final String DEFAULTS = "defaults.";

    private final Map<String, String> connection;
    private final Map<String, String> events;
    private final Map<String, Object> defaults;

    private PropertyOverrides(Map<String, String> connection, Map<String, String> events,
                              Map<String, Object> defaults) {
        this.connection = connection;
        this.events = events;
        this.defaults = defaults;
    }

    /**
     * Picks the overrides out of properties.
     *
     * @param properties the cache manager's properties, or {@code null}
     * @return the overrides
     * @throws InvalidConfigurationException when two {@code defaults.*} properties contradict each other
     */
    static PropertyOverrides of(Properties properties) {
        Map<String, String> connection = new LinkedHashMap<>();
        Map<String, String> events = new LinkedHashMap<>();
        Map<String, Object> defaults = new LinkedHashMap<>();
        if (properties != null) {
            for (String name : names(properties)) {
                if (name.startsWith(CONNECTION)) {
                    connection.put(name.substring(CONNECTION.length()), value(properties, name));
                } else if (name.startsWith(EVENTS)) {
                    events.put(name.substring(EVENTS.length()), value(properties, name));
                } else if (name.startsWith(DEFAULTS)) {
                    put(defaults, name, value(properties, name));
                }
            }
        }
        return new PropertyOverrides(connection, events, defaults);
    }

    // Sorted, so that the outcome does not depend on the hash order of Properties. Entries put() with a value that
    // is not a String (e.g. an Integer from a framework) count too, or they would be silently ignored.
    private static Set<String> names(Properties properties) {
        Set<String> names = new TreeSet<>(properties.stringPropertyNames());
        for (Object key : properties.keySet()) {
            if (key instanceof String) {
                names.add((String) key);
            }
        }
        return names;
    }

    private static String value(Properties properties, String name) {
        String value = properties.getProperty(name);
        return value != null ? value : String.valueOf(properties.get(name));
    }

    // defaults.expiry.policy=created becomes {expiry: {policy: created}}, the shape of the file's defaults section.
    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> defaults, String property, String value) {
        String[] path = property.substring(DEFAULTS.length()).split("\\.", -1);
        Map<String, Object> node = defaults;
        for (int i = 0; i < path.length - 1; i++) {
            Object child = node.computeIfAbsent(path[i], name -> new LinkedHashMap<String, Object>());
            if (!(child instanceof Map)) {
                throw conflict(property, path, i);
            }
            node = (Map<String, Object>) child;
        }
        String last = path[path.length - 1];
        if (node.containsKey(last)) {
            throw conflict(property, path, path.length - 1);
        }
        node.put(last, value);
    }

    private static InvalidConfigurationException conflict(String property, String[] path, int depth) {
        String other = DEFAULTS + String.join(".", Arrays.copyOf(path, depth + 1));
        return new InvalidConfigurationException(SOURCE, property,
                "conflicts with property " + other + ": a setting is either one value or a group of sub-settings");
    }

    /** @return the connection settings by name ({@code timeout}, {@code tls.truststore}, ...), sorted */
    Map<String, String> connection() {
        return connection;
    }

    /** @return the event settings by name ({@code listener-lease}, ...), sorted */
    Map<String, String> events() {
        return events;
    }

    /**
     * Reads the {@code defaults.*} properties as cache settings.
     *
     * @param classLoader loads the classes the settings name
     * @return the settings the properties set
     * @throws InvalidConfigurationException naming the property
     */
    CacheTemplate defaults(ClassLoader classLoader) {
        return new CacheSettingsParser(SOURCE, classLoader).parse("defaults", defaults);
    }
}
