package io.github.redisjcache.config;

import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

import io.github.redisjcache.connection.ConnectionSettings;
import io.github.redisjcache.keys.KeyNames;

/**
 * What a cache manager is configured with: how to reach Redis, and the cache settings of the configuration file and
 * of the {@code defaults.*} properties. Immutable.
 */
public final class ManagerConfiguration {

    private static final String MANAGER_URI_SOURCE = "the cache manager URI";

    private final ConnectionSettings connection;
    private final EventSettings events;
    private final URI file;
    private final CacheTemplates templates;

    private ManagerConfiguration(ConnectionSettings connection, EventSettings events, URI file,
                                 CacheTemplates templates) {
        this.connection = connection;
        this.events = events;
        this.file = file;
        this.templates = templates;
    }

    /** System property naming the configuration file of the default cache manager. */
    public static final String CONFIG_PROPERTY = "redisjcache.config";

    /** Environment variable naming the configuration file of the default cache manager. */
    public static final String CONFIG_ENVIRONMENT = "REDISJCACHE_CONFIG";

    /**
     * Reads a cache manager's configuration from its URI and properties.
     *
     * <ul>
     *   <li>the default URI (or {@code null}): the file named by system property {@value #CONFIG_PROPERTY} or
     *   environment variable {@value #CONFIG_ENVIRONMENT} if one is set, else the default connection and no
     *   file;</li>
     *   <li>a Redis URI ({@code redis://}, {@code rediss://}, {@code redis-sentinel://}, ...): that connection;</li>
     *   <li>a {@code file:}, {@code jar:} or {@code classpath:} URI: a YAML configuration file.</li>
     * </ul>
     * Properties named {@code connection.<setting>}, {@code events.<setting>} and {@code defaults.<setting>} override
     * the file; others are ignored.
     *
     * @param uri         the URI the application asked for
     * @param properties  the properties the application passed, or {@code null}
     * @param classLoader the cache manager's class loader: resolves {@code classpath:} URIs and named classes
     * @param defaultUri  the provider's default URI
     * @return the configuration
     * @throws InvalidConfigurationException naming the source, the key and the reason
     */
    public static ManagerConfiguration load(URI uri, Properties properties, ClassLoader classLoader, URI defaultUri) {
        ClassLoader loader = classLoader != null ? classLoader : ManagerConfiguration.class.getClassLoader();
        PropertyOverrides overrides = PropertyOverrides.of(properties);
        ConnectionAssembler connection = new ConnectionAssembler();
        EventSettings.Assembler events = new EventSettings.Assembler();
        CacheTemplates templates = CacheTemplates.none();
        URI file = null;
        URI effective = uri == null || uri.equals(defaultUri) ? defaultFile() : uri;
        if (effective != null) {
            if (ConfigurationSource.isRedis(effective)) {
                connection.add(MANAGER_URI_SOURCE, Map.of("uri", effective.toString()));
            } else {
                String source = ConfigurationSource.describe(effective);
                ConfigurationFile parsed = ConfigurationFile.parse(source,
                        ConfigurationSource.read(effective, loader), loader);
                connection.add(source, parsed.connection());
                events.add(source, parsed.events());
                templates = parsed.templates();
                file = effective;
            }
        }
        connection.add(PropertyOverrides.SOURCE, overrides.connection());
        events.add(PropertyOverrides.SOURCE, overrides.events());
        CacheTemplate defaults = templates.defaults().overlaidWith(overrides.defaults(loader));
        return new ManagerConfiguration(connection.build(), events.build(), file, templates.withDefaults(defaults));
    }

    /**
     * Finds the file the default cache manager reads: system property {@value #CONFIG_PROPERTY}, else environment
     * variable {@value #CONFIG_ENVIRONMENT}, else none.
     */
    private static URI defaultFile() {
        String location = System.getProperty(CONFIG_PROPERTY);
        if (location == null || location.isBlank()) {
            location = System.getenv(CONFIG_ENVIRONMENT);
        }
        if (location == null || location.isBlank()) {
            return null;
        }
        try {
            return URI.create(location.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("system property " + CONFIG_PROPERTY, null,
                    "not a URI: " + e.getMessage(), e);
        }
    }

    /** @return how to reach Redis */
    public ConnectionSettings connection() {
        return connection;
    }

    /** @return the timing of listener registrations and expiry reports */
    public EventSettings events() {
        return events;
    }

    /** @return the configuration file's URI, empty when the manager was given a Redis URI or the default one */
    public Optional<URI> file() {
        return Optional.ofNullable(file);
    }

    /**
     * Returns a cache's settings: the defaults overlaid, setting by setting, with the template of that exact name,
     * else with the matching wildcard template that has the most literal characters.
     *
     * @param cacheName the cache's name
     * @return the settings, never {@code null}; empty when nothing is configured
     */
    public CacheTemplate templateFor(String cacheName) {
        return templates.templateFor(Objects.requireNonNull(cacheName, "cacheName"));
    }

    /**
     * Returns the key prefix a cache's Redis keys start with, unless its configuration is a
     * {@code RedisCacheConfiguration} that sets its own.
     *
     * @param cacheName the cache's name
     * @return the configured prefix, else {@value KeyNames#DEFAULT_PREFIX}
     */
    public String keyPrefixFor(String cacheName) {
        return templateFor(cacheName).keyPrefix().orElse(KeyNames.DEFAULT_PREFIX);
    }

    @Override
    public String toString() {
        return "ManagerConfiguration{connection=" + connection + ", events=" + events + ", file="
                + (file == null ? "none" : ConfigurationSource.describe(file)) + ", defaults=" + templates.defaults()
                + "}";
    }
}
