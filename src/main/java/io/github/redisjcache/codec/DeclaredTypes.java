package io.github.redisjcache.codec;

import java.lang.reflect.Array;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.util.Map;

/** Reduces a declared {@link Type} to the class its values must be instances of. */
final class DeclaredTypes {

    private static final Map<Class<?>, Class<?>> BOXES = Map.of(
            boolean.class, Boolean.class, byte.class, Byte.class, short.class, Short.class, int.class, Integer.class,
            long.class, Long.class, float.class, Float.class, double.class, Double.class, char.class, Character.class,
            void.class, Void.class);

    private DeclaredTypes() {
    }

    /**
     * Returns the erased class of a declared type, primitives boxed.
     *
     * @param type a class, parameterized type, generic array, wildcard or type variable
     * @return the class every value of the type is an instance of
     */
    static Class<?> erasure(Type type) {
        if (type instanceof Class<?> type1) {
            return BOXES.getOrDefault(type1, type1);
        }
        if (type instanceof ParameterizedType parameterized) {
            return erasure(parameterized.getRawType());
        }
        if (type instanceof GenericArrayType array) {
            return Array.newInstance(erasure(array.getGenericComponentType()), 0).getClass();
        }
        if (type instanceof WildcardType wildcard) {
            return erasure(wildcard.getUpperBounds()[0]);
        }
        if (type instanceof TypeVariable<?> variable) {
            return erasure(variable.getBounds()[0]);
        }
        throw new IllegalArgumentException("Unsupported declared type " + type);
    }

    /**
     * Checks that a value can be stored as the declared type.
     *
     * @param codec        the codec name, for the message
     * @param value        the value to encode
     * @param declaredType the declared type
     * @throws CodecException when the value is not an instance of the declared type
     */
    static void requireInstance(String codec, Object value, Type declaredType) {
        if (value == null) {
            throw new CodecException("Codec '" + codec + "' cannot encode null as " + declaredType.getTypeName()
                    + ": codecs never see null, absence is the caller's business");
        }
        if (!erasure(declaredType).isInstance(value)) {
            throw new CodecException("Codec '" + codec + "' cannot encode a " + value.getClass().getName() + " as "
                    + declaredType.getTypeName() + ": the value is not an instance of the declared type");
        }
    }
}
