package io.github.redisjcache.config;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;

import io.github.redisjcache.codec.ClassAllowList;
import io.github.redisjcache.connection.InvalidSettingException;
import io.github.redisjcache.connection.SettingValues;
import io.github.redisjcache.keys.KeyNames;

/** Reads the cache settings of {@code defaults}, of a template, or of {@code defaults.*} properties. */
final class CacheSettingsParser {

    /** The cache settings, in the order the reference documents them. */
    static final List<String> NAMES = List.of("codec", "allowed-packages", "key-prefix", "compression-threshold",
            "invoke-lock", "expiry", "statistics", "management", "read-through", "write-through", "loader", "writer",
            "key-type", "value-type");

    static final List<String> EXPIRY_NAMES = List.of("policy", "duration");

    private static final Pattern CLASS_NAME = Pattern.compile(
            "\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*"
                    + "(\\.\\p{javaJavaIdentifierStart}\\p{javaJavaIdentifierPart}*)*");

    private final String source;
    private final ClassLoader classLoader;

    /**
     * Creates a parser for one source.
     *
     * @param source      where the settings come from, named in errors
     * @param classLoader loads the classes the settings name, to refuse missing ones early
     */
    CacheSettingsParser(String source, ClassLoader classLoader) {
        this.source = source;
        this.classLoader = classLoader;
    }

    /**
     * Reads one map of cache settings.
     *
     * @param key  the map's full key path, e.g. {@code caches.users}
     * @param node the map (an empty YAML entry reads as no settings)
     * @return the template
     * @throws InvalidConfigurationException naming the source, the key path and the reason
     */
    CacheTemplate parse(String key, Object node) {
        Map<String, Object> settings = YamlValues.map(source, key, node);
        YamlValues.checkKnown(source, key, settings, NAMES, "cache settings");
        CacheTemplate.Builder template = CacheTemplate.builder();
        for (Map.Entry<String, Object> setting : settings.entrySet()) {
            apply(template, YamlValues.child(key, setting.getKey()), setting.getKey(), setting.getValue());
        }
        return template.build();
    }

    private void apply(CacheTemplate.Builder template, String key, String name, Object value) {
        try {
            switch (name) {
                case "codec":
                    template.codec(codec(key, value));
                    break;
                case "allowed-packages":
                    template.allowedPackages(packages(key, value));
                    break;
                case "key-prefix":
                    template.keyPrefix(keyPrefix(key, value));
                    break;
                case "compression-threshold":
                    template.compressionThreshold(SettingValues.integer(key, text(key, value), 0, Integer.MAX_VALUE));
                    break;
                case "invoke-lock":
                    template.invokeLock(invokeLock(key, value));
                    break;
                case "expiry":
                    template.expiry(expiry(key, value));
                    break;
                case "statistics":
                    template.statistics(SettingValues.bool(key, text(key, value)));
                    break;
                case "management":
                    template.management(SettingValues.bool(key, text(key, value)));
                    break;
                case "read-through":
                    template.readThrough(SettingValues.bool(key, text(key, value)));
                    break;
                case "write-through":
                    template.writeThrough(SettingValues.bool(key, text(key, value)));
                    break;
                case "loader":
                    template.loader(integration(key, value, CacheLoader.class));
                    break;
                case "writer":
                    template.writer(integration(key, value, CacheWriter.class));
                    break;
                case "key-type":
                    template.keyType(type(key, value));
                    break;
                default:
                    template.valueType(type(key, value));
                    break;
            }
        } catch (InvalidSettingException e) {
            throw InvalidConfigurationException.of(source, e);
        }
    }

    private Duration invokeLock(String key, Object value) {
        Duration lease = SettingValues.duration(key, text(key, value));
        if (!RedisCacheConfiguration.isInvokeLock(lease)) {
            throw invalid(key, "expected 0 (no lock) or a duration from 100ms to 1h, was '" + value + "'");
        }
        return lease;
    }

    private String codec(String key, Object value) {
        String codec = requiredText(key, value);
        if (!CLASS_NAME.matcher(codec).matches()) {
            throw invalid(key, "expected json, kryo or the class name of a CodecFactory, was '" + codec + "'");
        }
        return codec;
    }

    private Set<String> packages(String key, Object value) {
        Collection<?> items;
        if (value instanceof Collection) {
            items = (Collection<?>) value;
        } else if (value instanceof String) {
            String list = (String) value;
            items = list.isBlank() ? List.of() : List.of(list.split(",", -1));
        } else {
            throw invalid(key, "expected a list of package names or a comma-separated string, was "
                    + YamlValues.describe(value));
        }
        Set<String> packages = new LinkedHashSet<>();
        for (Object item : items) {
            String name = text(key, item);
            name = name == null ? "" : name.trim();
            try {
                // The codec's own rule, so that a name accepted here is accepted when the cache starts.
                ClassAllowList.defaults().withPackages(name);
            } catch (IllegalArgumentException e) {
                throw invalid(key, e.getMessage(), e);
            }
            packages.add(name);
        }
        return packages;
    }

    private String keyPrefix(String key, Object value) {
        String prefix = requiredText(key, value);
        try {
            KeyNames.withPrefix(prefix);
        } catch (IllegalArgumentException e) {
            throw invalid(key, e.getMessage(), e);
        }
        return prefix;
    }

    private ExpirySetting expiry(String key, Object value) {
        if (!(value instanceof Map)) {
            throw invalid(key, "expected a map with policy (" + ExpiryKind.ids() + ") and duration, was "
                    + YamlValues.describe(value));
        }
        Map<String, Object> expiry = YamlValues.map(source, key, value);
        YamlValues.checkKnown(source, key, expiry, EXPIRY_NAMES, "expiry settings");
        String policyKey = YamlValues.child(key, "policy");
        String durationKey = YamlValues.child(key, "duration");
        String policy = requiredText(policyKey, expiry.get("policy"));
        ExpiryKind kind = ExpiryKind.byId(policy.trim());
        if (kind == null) {
            throw invalid(policyKey, "expected one of " + ExpiryKind.ids() + ", was '" + policy + "'");
        }
        String duration = text(durationKey, expiry.get("duration"));
        if (kind == ExpiryKind.ETERNAL) {
            if (expiry.containsKey("duration")) {
                throw invalid(durationKey, "an eternal policy takes no duration");
            }
            return ExpirySetting.eternal();
        }
        if (duration == null) {
            throw invalid(durationKey, "required unless the policy is eternal (e.g. 10m)");
        }
        Duration parsed = SettingValues.duration(durationKey, duration);
        if (parsed.toMillis() < 1) {
            throw invalid(durationKey, "must be at least 1ms, was '" + duration + "'");
        }
        return ExpirySetting.of(kind, parsed);
    }

    private ClassSetting integration(String key, Object value, Class<?> role) {
        ClassSetting setting = type(key, value);
        setting.checkIntegration(classLoader, role);
        return setting;
    }

    private ClassSetting type(String key, Object value) {
        String className = requiredText(key, value).trim();
        if (!CLASS_NAME.matcher(className).matches()) {
            throw invalid(key, "expected a fully-qualified class name, was '" + className + "'");
        }
        ClassSetting setting = new ClassSetting(source, key, className);
        setting.load(classLoader);
        return setting;
    }

    private String requiredText(String key, Object value) {
        String text = text(key, value);
        if (text == null || text.isBlank()) {
            throw invalid(key, "a value is required");
        }
        return text.trim();
    }

    private String text(String key, Object value) {
        return YamlValues.text(source, key, value);
    }

    private InvalidConfigurationException invalid(String key, String reason) {
        return new InvalidConfigurationException(source, key, reason);
    }

    private InvalidConfigurationException invalid(String key, String reason, Throwable cause) {
        return new InvalidConfigurationException(source, key, reason, cause);
    }
}
