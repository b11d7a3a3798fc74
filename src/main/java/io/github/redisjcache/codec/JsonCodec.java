package io.github.redisjcache.codec;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.jsontype.TypeIdResolver;
import com.fasterxml.jackson.databind.jsontype.impl.ClassNameIdResolver;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Stores values as JSON (Jackson), plain where the declared type says what the value is, so that services in other
 * languages can share the entries, and with class names where it does not, so that values come back as the exact
 * class they were.
 *
 * <p>The format:
 * <ul>
 *   <li>A value whose declared type fixes its class (a record, a final class, {@code String}, a boxed number, an
 *       enum, an array of those, or a concrete class when the value is of exactly that class) is plain JSON:
 *       a record {@code Person(String name, int age)} is {@code {"name":"Ann","age":3}}.</li>
 *   <li>Otherwise (declared as {@code Object}, an interface, an abstract class, a collection or map type, or the value
 *       is of a subclass) the value is wrapped as {@code ["class.Name", json]}. JSON strings, booleans, {@code int}s
 *       and {@code double}s need no wrapper: {@code "abc"}, {@code true}, {@code 42}, {@code 1.5}.</li>
 *   <li>The same rule applies inside a value, per declared field or element type. Collections and maps are plain
 *       JSON arrays and objects; their elements follow their own declared type ({@code List<Object>} elements are
 *       wrapped, {@code List<String>} elements are not). Map entries are sorted by key.</li>
 * </ul>
 *
 * <p>Objects are read and written field by field (fields of any visibility; not static or transient ones; getters,
 * setters and constructors are ignored), so classes without getters or a no-argument constructor work: a class with
 * neither a no-argument constructor nor a {@code @JsonCreator} is created without running a constructor and gets its
 * fields, final ones included, from the JSON. Records use their canonical constructor. {@code java.time} values are
 * ISO-8601 strings.
 *
 * <p>Every class name in the bytes is checked against the {@link ClassAllowList} before the class is loaded.
 *
 * <p>Limits: a map whose key type is not declared ({@code Map<Object, ?>}, or any map held by an {@code Object})
 * can only have {@code String} keys, since JSON keys are strings: other keys are refused when encoding rather than
 * turned into strings; an empty {@code EnumSet} or {@code EnumMap} held by an {@code Object} cannot be encoded (its
 * enum type is not visible on Java 17); cyclic object graphs cannot be encoded; a top-level JSON number cannot
 * reveal that its bytes were cut short ({@code 42} cut to {@code 4}).
 */
public final class JsonCodec implements Codec {

    /** The codec's name in configuration and messages. */
    public static final String NAME = "json";

    // Declared types are few (a cache's key and value types); the bound only guards against misuse.
    private static final int MAX_CACHED_TYPES = 256;

    private final ObjectMapper mapper;
    private final ClassAllowList allowList;
    // Jackson's class-name ids, which spell out what a bare class name cannot (the element type of an EnumSet).
    private final TypeIdResolver typeIds;
    private final ConcurrentMap<Type, Root> roots = new ConcurrentHashMap<>();

    /**
     * Creates a JSON codec.
     *
     * @param allowList   the classes that stored bytes may name
     * @param classLoader the loader that resolves class names found in stored bytes, or {@code null} for the thread
     *                    context class loader (falling back to this codec's own loader)
     */
    public JsonCodec(ClassAllowList allowList, ClassLoader classLoader) {
        this.allowList = Objects.requireNonNull(allowList, "allowList");
        this.mapper = JsonMappers.create(allowList, ClassLoaders.orDefault(classLoader, JsonCodec.class));
        this.typeIds = new ClassNameIdResolver(mapper.constructType(Object.class), mapper.getTypeFactory(), List.of(),
                mapper.getPolymorphicTypeValidator());
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte[] encode(Object value, Type declaredType) {
        DeclaredTypes.requireInstance(NAME, value, declaredType);
        try {
            Root root = root(declaredType);
            return root.wrapped() ? encodeWrapped(value, root.type()) : root.writer().writeValueAsBytes(value);
        } catch (Exception | StackOverflowError e) {
            throw CodecFailures.encoding(NAME, value, declaredType, e);
        }
    }

    @Override
    public Object decode(byte[] bytes, Type declaredType) {
        Objects.requireNonNull(bytes, "bytes");
        Object value;
        try {
            Root root = root(declaredType);
            value = root.wrapped() ? decodeWrapped(bytes, root.type()) : root.reader().readValue(bytes);
        } catch (Exception | StackOverflowError e) {
            throw CodecFailures.decoding(NAME, bytes.length, declaredType, CodecFailures.firstLine(e), e);
        }
        if (value == null) {
            throw CodecFailures.decoding(NAME, bytes.length, declaredType, "the bytes hold JSON null", null);
        }
        if (!DeclaredTypes.erasure(declaredType).isInstance(value)) {
            throw CodecFailures.decoding(NAME, bytes.length, declaredType,
                    "the bytes hold a " + value.getClass().getName(), null);
        }
        return value;
    }

    @Override
    public String toString() {
        return NAME;
    }

    private Root root(Type declaredType) {
        Root root = roots.get(declaredType);
        if (root == null) {
            JavaType type = declaredJavaType(declaredType);
            boolean wrapped = isContainer(type);
            root = wrapped ? new Root(type, true, null, null)
                    : new Root(type, false, mapper.writerFor(type), mapper.readerFor(type));
            if (roots.size() < MAX_CACHED_TYPES) {
                roots.putIfAbsent(declaredType, root);
            }
        }
        return root;
    }

    private JavaType declaredJavaType(Type declaredType) {
        if (declaredType instanceof Class<?> type) {
            // A primitive is read as its box; an enum constant's own class as its enum.
            Class<?> boxed = DeclaredTypes.erasure(type);
            boolean constantBody = !boxed.isEnum() && boxed.getSuperclass() != null && boxed.getSuperclass().isEnum();
            return mapper.constructType(constantBody ? boxed.getSuperclass() : boxed);
        }
        return mapper.constructType(declaredType);
    }

    /**
     * Collections, maps and arrays that may hold a subclass of their elements' type are written with their class
     * name, {@code ["java.util.HashMap", {...}]}: their own JSON cannot carry it, and the declared element types
     * must still apply to their contents (a {@code Map<Integer, String>} keeps {@code Integer} keys).
     */
    private static boolean isContainer(JavaType type) {
        if (type.isArrayType()) {
            return !isExactArray(type.getRawClass());
        }
        return type.isContainerType();
    }

    private static boolean isExactArray(Class<?> arrayClass) {
        Class<?> component = arrayClass.getComponentType();
        if (component.isArray()) {
            return isExactArray(component);
        }
        return component.isPrimitive() || component.isEnum() || Modifier.isFinal(component.getModifiers());
    }

    private byte[] encodeWrapped(Object value, JavaType declared) throws IOException {
        String typeId = typeIds.idFromValue(value);
        JavaType actual = wrappedType(typeId, value.getClass(), declared);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator generator = mapper.createGenerator(out)) {
            generator.writeStartArray();
            generator.writeString(typeId);
            mapper.writerFor(actual).writeValue(generator, value);
            generator.writeEndArray();
        }
        return out.toByteArray();
    }

    private Object decodeWrapped(byte[] bytes, JavaType declared) throws IOException, ClassNotFoundException {
        try (JsonParser parser = mapper.createParser(bytes)) {
            expect(parser, JsonToken.START_ARRAY, "a [\"class name\", value] array");
            expect(parser, JsonToken.VALUE_STRING, "a class name");
            String typeId = parser.getText();
            String rawName = AllowListTypeIdResolver.checkClassNames(allowList, typeId)[0].strip();
            Class<?> type = mapper.getTypeFactory().findClass(rawName);
            // Related either way: an id may name the public supertype (EnumSet) of the declared class (RegularEnumSet).
            // The decoded value is checked against the declared type afterwards.
            if (!declared.getRawClass().isAssignableFrom(type) && !type.isAssignableFrom(declared.getRawClass())) {
                throw new CodecException("the bytes hold a " + typeId);
            }
            parser.nextToken();
            Object value = mapper.readerFor(wrappedType(typeId, type, declared))
                    .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readValue(parser);
            expect(parser, JsonToken.END_ARRAY, "the end of the [\"class name\", value] array");
            if (parser.nextToken() != null) {
                throw new CodecException("unexpected content after the value");
            }
            return value;
        }
    }

    /**
     * The type a wrapped container is read and written as: the declared type narrowed to the value's class, or the
     * full type the id spells out ({@code java.util.EnumSet<com.example.Color>}).
     */
    private JavaType wrappedType(String typeId, Class<?> type, JavaType declared) {
        TypeFactory types = mapper.getTypeFactory();
        return typeId.indexOf('<') >= 0 ? types.constructFromCanonical(typeId)
                : types.constructSpecializedType(declared, type);
    }

    private static void expect(JsonParser parser, JsonToken token, String what) throws IOException {
        if (parser.nextToken() != token) {
            throw new CodecException("expected " + what + " at offset " + parser.currentLocation().getByteOffset());
        }
    }

    /** How values of one declared type are written and read at the top level (a wrapped type has no reader). */
    private record Root(JavaType type, boolean wrapped, ObjectWriter writer, ObjectReader reader) {
    }
}
