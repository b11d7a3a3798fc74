package io.github.redisjcache.codec;

import java.io.IOException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializationConfig;
import com.fasterxml.jackson.databind.cfg.CacheProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.ser.DefaultSerializerProvider;
import com.fasterxml.jackson.databind.ser.SerializerFactory;

/**
 * Jackson's serializer provider, remembering the serializer of each class written at the top level.
 *
 * <p>Every value this codec writes is polymorphic at the top level (a declared class may hold a subclass), and for
 * such a value Jackson looks its class's serializer up on every call. Its cache answers a lookup by class only when
 * the serializer was first found by class; found by type first, as ours are, each call built the type again and
 * looked that up: about a sixth of encoding the benchmark's value (JFR). The serializer found is the one Jackson's
 * lookup returns, kept as Jackson keeps a top-level serializer it could fetch in advance.
 */
final class RootSerializers extends DefaultSerializerProvider {

    private static final long serialVersionUID = 1L;

    // Top-level classes are the cached values' classes; the bound only guards against misuse.
    private static final int MAX_CLASSES = 256;

    private final transient ConcurrentMap<Class<?>, JsonSerializer<Object>> byClass;

    RootSerializers() {
        byClass = new ConcurrentHashMap<>();
    }

    private RootSerializers(RootSerializers blueprint, SerializationConfig config, SerializerFactory factory) {
        super(blueprint, config, factory);
        byClass = blueprint.byClass;
    }

    private RootSerializers(RootSerializers source, CacheProvider caches) {
        super(source, caches);
        byClass = new ConcurrentHashMap<>();
    }

    private RootSerializers(RootSerializers source) {
        super(source);
        byClass = new ConcurrentHashMap<>();
    }

    @Override
    public DefaultSerializerProvider createInstance(SerializationConfig config, SerializerFactory factory) {
        return new RootSerializers(this, config, factory);
    }

    @Override
    public DefaultSerializerProvider copy() {
        return new RootSerializers(this);
    }

    @Override
    public DefaultSerializerProvider withCaches(CacheProvider caches) {
        return new RootSerializers(this, caches);
    }

    @Override
    public void serializePolymorphic(JsonGenerator generator, Object value, JavaType rootType,
                                     JsonSerializer<Object> valueSerializer, TypeSerializer typeSerializer)
            throws IOException {
        JsonSerializer<Object> serializer = valueSerializer;
        // Jackson finds a container's serializer by its declared type; only a class lookup is remembered.
        if (serializer == null && value != null && (rootType == null || !rootType.isContainerType())) {
            serializer = byClass.get(value.getClass());
            if (serializer == null) {
                serializer = findValueSerializer(value.getClass(), null);
                if (byClass.size() < MAX_CLASSES) {
                    byClass.putIfAbsent(value.getClass(), serializer);
                }
            }
        }
        super.serializePolymorphic(generator, value, rootType, serializer, typeSerializer);
    }
}
