package io.github.redisjcache.config;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.cache.configuration.Factory;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A cache's configuration as stored in Redis, so that another JVM's {@code getCache(name)} can rebuild it and a
 * {@code createCache} can tell whether it asks for a compatible cache.
 *
 * <p>The document is small, versioned JSON of plain values: types, codec, key prefix, expiry, flags and the class
 * names of loader and writer. It never holds cache entries, connection details or secrets.
 */
public final class StoredConfiguration {

    /** The version this library writes and reads. */
    static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private StoredConfiguration() {
    }

    /**
     * Writes a cache's configuration.
     *
     * @param configuration the cache's configuration
     * @param policy        the expiry policy the cache created from the configuration's factory; it is described
     *                      instead of the factory because only a created policy shows what it is
     * @return the JSON document, UTF-8
     */
    public static byte[] toJson(RedisCacheConfiguration<?, ?> configuration, ExpiryPolicy policy) {
        return toJson(configuration, policy, null);
    }

    /**
     * Writes a cache's configuration with the id of this incarnation of the cache.
     *
     * @param configuration the cache's configuration
     * @param policy        the expiry policy the cache created from the configuration's factory
     * @param incarnation   what tells this cache apart from an earlier or later cache of the same name (see
     *                      {@link #incarnationOf}), or null for none
     * @return the JSON document, UTF-8
     */
    public static byte[] toJson(RedisCacheConfiguration<?, ?> configuration, ExpiryPolicy policy,
                                String incarnation) {
        Objects.requireNonNull(configuration, "configuration");
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("version", VERSION);
        if (incarnation != null) {
            json.put("incarnation", incarnation);
        }
        json.put("keyType", configuration.getKeyType().getName());
        json.put("valueType", configuration.getValueType().getName());
        json.put("storeByValue", configuration.isStoreByValue());
        json.put("codec", configuration.getCodec());
        json.put("compressionThreshold", configuration.getCompressionThreshold());
        json.put("allowedPackages", new ArrayList<>(configuration.getAllowedPackages()));
        json.put("keyPrefix", configuration.getKeyPrefix());
        json.put("expiry", StoredExpiry.of(policy).toJson());
        json.put("readThrough", configuration.isReadThrough());
        json.put("writeThrough", configuration.isWriteThrough());
        json.put("loader", toJson(StoredFactory.of(configuration.getCacheLoaderFactory())));
        json.put("writer", toJson(StoredFactory.of(configuration.getCacheWriterFactory())));
        json.put("statistics", configuration.isStatisticsEnabled());
        json.put("management", configuration.isManagementEnabled());
        try {
            return MAPPER.writeValueAsBytes(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("plain maps and lists always serialise", e);
        }
    }

    private static Map<String, Object> toJson(StoredFactory factory) {
        return factory == null ? null : factory.toJson();
    }

    /**
     * Rebuilds a stored configuration. A loader or writer comes back when the stored one named its class, or named a
     * factory class that can be created anew; otherwise (e.g. a {@code SingletonFactory}) the cache has none in this
     * JVM.
     *
     * @param json        the stored document
     * @param classLoader resolves the types and classes the document names
     * @return the configuration
     * @throws InvalidConfigurationException naming the field, when the document is unreadable, of another version,
     *                                       or names a class this JVM cannot load or create
     */
    @SuppressWarnings("unchecked")
    public static RedisCacheConfiguration<Object, Object> fromJson(byte[] json, ClassLoader classLoader) {
        StoredFields root = parse(json);
        RedisCacheConfiguration<Object, Object> configuration = new RedisCacheConfiguration<>();
        Class<Object> keyType = (Class<Object>) type(root, "keyType").load(classLoader);
        Class<Object> valueType = (Class<Object>) type(root, "valueType").load(classLoader);
        configuration.setTypes(keyType, valueType);
        configuration.setStoreByValue(root.requiredBool("storeByValue"));
        configuration.setCodec(root.text("codec"));
        long threshold = root.number("compressionThreshold", 0);
        if (threshold > Integer.MAX_VALUE) {
            throw StoredFields.invalid("compressionThreshold", "must be at most " + Integer.MAX_VALUE);
        }
        configuration.setCompressionThreshold((int) threshold);
        configuration.setAllowedPackages(new LinkedHashSet<>(root.texts("allowedPackages")));
        try {
            configuration.setKeyPrefix(root.text("keyPrefix"));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(StoredFields.SOURCE, "keyPrefix", e.getMessage(), e);
        }
        configuration.setExpiryPolicyFactory(expiry(root).factory(classLoader));
        configuration.setReadThrough(root.bool("readThrough", false));
        configuration.setWriteThrough(root.bool("writeThrough", false));
        configuration.setStatisticsEnabled(root.bool("statistics", false));
        configuration.setManagementEnabled(root.bool("management", false));
        StoredFactory loader = StoredFactory.fromJson(root.object("loader"));
        if (loader != null) {
            Factory<CacheLoader<Object, Object>> factory = loader.rebuild(classLoader, CacheLoader.class, "loader");
            configuration.setCacheLoaderFactory(factory);
        }
        StoredFactory writer = StoredFactory.fromJson(root.object("writer"));
        if (writer != null) {
            Factory<CacheWriter<Object, Object>> factory = writer.rebuild(classLoader, CacheWriter.class, "writer");
            configuration.setCacheWriterFactory(factory);
        }
        return configuration;
    }

    /**
     * Lists what makes a requested configuration incompatible with the stored one: types, store-by-value, codec,
     * key prefix and expiry. Statistics, management, listeners, loaders, writers, read/write-through, allowed
     * packages and compression are each JVM's own business and never count.
     *
     * @param storedJson      the stored document
     * @param requested       the configuration a {@code createCache} asks for
     * @param requestedPolicy the expiry policy created from the requested configuration's factory
     * @return one line per difference, e.g. {@code valueType: stored java.lang.String, requested java.lang.Long};
     *         empty when compatible
     * @throws InvalidConfigurationException when the stored document is unreadable or of another version
     */
    public static List<String> differences(byte[] storedJson, RedisCacheConfiguration<?, ?> requested,
                                           ExpiryPolicy requestedPolicy) {
        StoredFields root = parse(storedJson);
        Map<String, String> stored = new LinkedHashMap<>();
        stored.put("keyType", root.text("keyType"));
        stored.put("valueType", root.text("valueType"));
        stored.put("storeByValue", String.valueOf(root.requiredBool("storeByValue")));
        stored.put("codec", root.text("codec"));
        stored.put("keyPrefix", root.text("keyPrefix"));
        stored.put("expiry", expiry(root).describe());

        Map<String, String> asked = new LinkedHashMap<>();
        asked.put("keyType", requested.getKeyType().getName());
        asked.put("valueType", requested.getValueType().getName());
        asked.put("storeByValue", String.valueOf(requested.isStoreByValue()));
        asked.put("codec", requested.getCodec());
        asked.put("keyPrefix", requested.getKeyPrefix());
        asked.put("expiry", StoredExpiry.of(requestedPolicy).describe());

        List<String> differences = new ArrayList<>();
        stored.forEach((field, value) -> {
            if (!value.equals(asked.get(field))) {
                differences.add(field + ": stored " + value + ", requested " + asked.get(field));
            }
        });
        return differences;
    }

    /**
     * Reads which incarnation of a cache a stored configuration belongs to: {@code createCache} writes a new id each
     * time it stores a configuration, so that the news of a destroyed cache closes the instances of that cache and
     * not those of a cache created again under its name. Compatibility never looks at it.
     *
     * @param storedJson the stored document
     * @return the id, or the empty string when the document has none
     * @throws InvalidConfigurationException when the stored document is unreadable or of another version
     */
    public static String incarnationOf(byte[] storedJson) {
        String incarnation = parse(storedJson).optionalText("incarnation");
        return incarnation == null ? "" : incarnation;
    }

    private static StoredFields parse(byte[] json) {
        Objects.requireNonNull(json, "json");
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidConfigurationException(StoredFields.SOURCE, null, "not valid JSON: "
                    + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new InvalidConfigurationException(StoredFields.SOURCE, null, "cannot be read: " + e, e);
        }
        StoredFields fields = new StoredFields(root, "");
        if (!fields.has("version")) {
            throw StoredFields.invalid("version", "missing; this is not a redis-jcache cache configuration");
        }
        long version = fields.number("version", 0);
        if (version != VERSION) {
            throw StoredFields.invalid("version", "version " + version + " is not understood by this redis-jcache, "
                    + "which reads version " + VERSION + " only" + (version > VERSION ? "; the cache was created by "
                    + "a newer redis-jcache: upgrade this application, or destroy the cache to recreate it" : ""));
        }
        return fields;
    }

    private static ClassSetting type(StoredFields root, String field) {
        return new ClassSetting(StoredFields.SOURCE, field, root.text(field));
    }

    private static StoredExpiry expiry(StoredFields root) {
        StoredFields expiry = root.object("expiry");
        if (expiry == null) {
            throw StoredFields.invalid("expiry", "missing");
        }
        return StoredExpiry.fromJson(expiry);
    }
}

