package io.github.redisjcache.codec;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.deser.std.StdDelegatingDeserializer;
import com.fasterxml.jackson.databind.jsontype.TypeDeserializer;
import com.fasterxml.jackson.databind.type.CollectionType;
import com.fasterxml.jackson.databind.type.MapType;
import com.fasterxml.jackson.databind.type.TypeFactory;
import com.fasterxml.jackson.databind.util.StdConverter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Rebuilds {@code List.of}/{@code Set.of}/{@code Map.of} collections and {@code Arrays.asList} lists as the same
 * JDK classes (Jackson alone would return mutable {@code ArrayList}s and the like).
 */
final class JdkCollectionDeserializers extends Deserializers.Base {

    private static final String IMMUTABLE = "java.util.ImmutableCollections$";

    @Override
    public JsonDeserializer<?> findCollectionDeserializer(CollectionType type, DeserializationConfig config,
            BeanDescription description, TypeDeserializer elementTypes, JsonDeserializer<?> elements) {
        TypeFactory types = config.getTypeFactory();
        return switch (type.getRawClass().getName()) {
            case IMMUTABLE + "ListN", IMMUTABLE + "List12" -> converting(type,
                    types.constructCollectionType(ArrayList.class, type.getContentType()),
                    JdkCollectionDeserializers::immutableList);
            case IMMUTABLE + "SetN", IMMUTABLE + "Set12" -> converting(type,
                    types.constructCollectionType(LinkedHashSet.class, type.getContentType()),
                    set -> Set.copyOf((Collection<?>) set));
            case "java.util.Arrays$ArrayList" -> converting(type,
                    types.constructCollectionType(ArrayList.class, type.getContentType()),
                    list -> Arrays.asList(((Collection<?>) list).toArray()));
            default -> null;
        };
    }

    @Override
    public JsonDeserializer<?> findMapDeserializer(MapType type, DeserializationConfig config,
            BeanDescription description, KeyDeserializer keys, TypeDeserializer valueTypes,
            JsonDeserializer<?> values) {
        return switch (type.getRawClass().getName()) {
            case IMMUTABLE + "MapN", IMMUTABLE + "Map1" -> converting(type, config.getTypeFactory()
                    .constructMapType(LinkedHashMap.class, type.getKeyType(), type.getContentType()),
                    map -> Map.copyOf((Map<?, ?>) map));
            default -> null;
        };
    }

    private static Object immutableList(Object list) {
        List<?> elements = (List<?>) list;
        // Stream.toList() lists may hold nulls, which List.copyOf refuses.
        return elements.contains(null) ? Collections.unmodifiableList(elements) : List.copyOf(elements);
    }

    private static JsonDeserializer<?> converting(JavaType type, JavaType readAs, UnaryOperator<Object> conversion) {
        return new StdDelegatingDeserializer<>(new Conversion(readAs, type, conversion));
    }

    /** Reads as a plain collection or map of the same element types, then converts. */
    private static final class Conversion extends StdConverter<Object, Object> {

        private final JavaType readAs;
        private final JavaType result;
        private final UnaryOperator<Object> conversion;

        Conversion(JavaType readAs, JavaType result, UnaryOperator<Object> conversion) {
            this.readAs = readAs;
            this.result = result;
            this.conversion = conversion;
        }

        // Jackson reads the input as the type reported here, element types included.
        @Override
        public JavaType getInputType(TypeFactory types) {
            return readAs;
        }

        @Override
        public JavaType getOutputType(TypeFactory types) {
            return result;
        }

        @Override
        public Object convert(Object value) {
            return conversion.apply(value);
        }
    }
}
