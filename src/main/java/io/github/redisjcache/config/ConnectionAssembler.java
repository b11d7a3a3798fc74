package io.github.redisjcache.config;

import java.util.LinkedHashMap;
import java.util.Map;

import io.github.redisjcache.connection.ConnectionSettings;
import io.github.redisjcache.connection.InvalidSettingException;

/**
 * Builds connection settings from layers of named settings (the manager's URI or file, then its properties), later
 * layers winning, and blames the layer a refused setting came from.
 */
final class ConnectionAssembler {

    static final String DEFAULT_URI_SOURCE = "the default connection URI (system property "
            + ConnectionSettings.URI_PROPERTY + ", else environment variable " + ConnectionSettings.URI_ENVIRONMENT
            + ")";

    private static final String PREFIX = "connection.";

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> sources = new LinkedHashMap<>();

    /**
     * Adds a layer that overrides the layers added before it.
     *
     * @param source   where the settings come from, named in errors
     * @param settings settings by name, e.g. {@code uri}, {@code timeout}, {@code tls.truststore}
     * @return this assembler
     */
    ConnectionAssembler add(String source, Map<String, String> settings) {
        settings.forEach((name, value) -> {
            values.put(name, value);
            sources.put(name, source);
        });
        return this;
    }

    /**
     * Builds the settings; without a {@code uri} or {@code redisson-config}, the default URI is the base.
     *
     * @return the settings
     * @throws InvalidConfigurationException naming the layer and the setting
     */
    ConnectionSettings build() {
        ConnectionSettings.Builder builder = ConnectionSettings.builder();
        // The URI first, so that the other settings override what its query parameters say.
        if (values.containsKey("uri")) {
            apply(builder, "uri", values.get("uri"));
        } else if (!values.containsKey("redisson-config")) {
            try {
                builder.uri(ConnectionSettings.defaultUri());
            } catch (InvalidSettingException e) {
                throw InvalidConfigurationException.of(DEFAULT_URI_SOURCE, e);
            }
        }
        values.forEach((name, value) -> {
            if (!name.equals("uri")) {
                apply(builder, name, value);
            }
        });
        try {
            return builder.build();
        } catch (InvalidSettingException e) {
            throw InvalidConfigurationException.of(sourceOf(e.setting()), e);
        }
    }

    private void apply(ConnectionSettings.Builder builder, String name, String value) {
        try {
            builder.set(name, value);
        } catch (InvalidSettingException e) {
            throw InvalidConfigurationException.of(sources.get(name), e);
        }
    }

    // Settings checked together are reported under one name, e.g. connection.min-idle or "connection.uri (database)".
    private String sourceOf(String setting) {
        String name = setting.startsWith(PREFIX) ? setting.substring(PREFIX.length()) : setting;
        int space = name.indexOf(' ');
        name = space < 0 ? name : name.substring(0, space);
        if (sources.containsKey(name)) {
            return sources.get(name);
        }
        if (sources.containsKey("uri")) {
            return sources.get("uri");
        }
        return sources.isEmpty() ? DEFAULT_URI_SOURCE : sources.values().iterator().next();
    }
}
