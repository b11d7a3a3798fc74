package io.github.redisjcache.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The parsed configuration file: its connection and event settings by name, its defaults and its cache templates. */
final class ConfigurationFile {

    static final List<String> SECTIONS = List.of("connection", "events", "defaults", "caches");

    private final Map<String, String> connection;
    private final Map<String, String> events;
    private final CacheTemplates templates;

    private ConfigurationFile(Map<String, String> connection, Map<String, String> events, CacheTemplates templates) {
        this.connection = Collections.unmodifiableMap(connection);
        this.events = Collections.unmodifiableMap(events);
        this.templates = templates;
    }

    /**
     * Parses and validates a configuration file.
     *
     * @param source      the file's URI, named in errors
     * @param text        the YAML text
     * @param classLoader loads the classes the file names, to refuse missing ones now rather than later
     * @return the file's content
     * @throws InvalidConfigurationException naming the file, the key path and the reason
     */
    static ConfigurationFile parse(String source, String text, ClassLoader classLoader) {
        Object root = YamlDocument.parse(source, text);
        if (root != null && !(root instanceof Map)) {
            throw new InvalidConfigurationException(source, null, "expected a map with the sections "
                    + String.join(", ", SECTIONS) + ", was " + YamlValues.describe(root));
        }
        Map<String, Object> sections = YamlValues.map(source, "", root);
        YamlValues.checkKnown(source, "", sections, SECTIONS, "sections");

        Map<String, String> connection = new LinkedHashMap<>();
        YamlValues.map(source, "connection", sections.get("connection")).forEach((name, value) ->
                flatten(source, "connection." + name, name, value, connection));

        Map<String, Object> eventSection = YamlValues.map(source, "events", sections.get("events"));
        YamlValues.checkKnown(source, "events", eventSection, EventSettings.NAMES, "event settings");
        Map<String, String> events = new LinkedHashMap<>();
        eventSection.forEach((name, value) -> events.put(name, YamlValues.text(source, "events." + name, value)));

        CacheSettingsParser parser = new CacheSettingsParser(source, classLoader);
        CacheTemplate defaults = parser.parse("defaults", sections.get("defaults"));
        Map<String, CacheTemplate> caches = new LinkedHashMap<>();
        for (Map.Entry<String, Object> cache : YamlValues.map(source, "caches", sections.get("caches")).entrySet()) {
            String name = cache.getKey();
            if (name.isEmpty()) {
                throw new InvalidConfigurationException(source, "caches", "a cache name or pattern must not be empty");
            }
            caches.put(name, parser.parse("caches." + quoted(name), cache.getValue()));
        }
        return new ConfigurationFile(connection, events, new CacheTemplates(defaults, caches));
    }

    // Nested maps become dotted names (tls: {truststore: x} is tls.truststore), as ConnectionSettings expects.
    private static void flatten(String source, String key, String name, Object value, Map<String, String> settings) {
        if (value instanceof Map) {
            YamlValues.map(source, key, value).forEach((child, childValue) ->
                    flatten(source, key + "." + child, name + "." + child, childValue, settings));
            return;
        }
        if (settings.containsKey(name)) {
            throw new InvalidConfigurationException(source, key, "set twice (once as a nested and once as a dotted "
                    + "key)");
        }
        settings.put(name, YamlValues.text(source, key, value));
    }

    // Template names may contain dots, which would make the key path ambiguous.
    private static String quoted(String name) {
        return name.indexOf('.') >= 0 ? "\"" + name + "\"" : name;
    }

    /** @return the connection settings by name ({@code uri}, {@code tls.truststore}, ...), in file order */
    Map<String, String> connection() {
        return connection;
    }

    /** @return the event settings by name ({@code listener-lease}, ...), in file order */
    Map<String, String> events() {
        return events;
    }

    /** @return the defaults and templates */
    CacheTemplates templates() {
        return templates;
    }
}
