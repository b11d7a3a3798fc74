package io.github.redisjcache.database;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Captures a generic type for {@link Database#getJson(String, TypeRef)}: {@code new TypeRef<List<User>>() { }}.
 *
 * @param <T> the captured type
 */
public abstract class TypeRef<T> {

    private final Type type;

    /** Captures the type argument of the anonymous subclass. */
    protected TypeRef() {
        Type superclass = getClass().getGenericSuperclass();
        if (!(superclass instanceof ParameterizedType)) {
            throw new IllegalStateException("TypeRef must be created with a type argument: new TypeRef<X>() { }");
        }
        this.type = ((ParameterizedType) superclass).getActualTypeArguments()[0];
    }

    /** @return the captured type */
    public Type type() {
        return type;
    }
}
