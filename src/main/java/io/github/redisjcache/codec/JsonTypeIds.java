package io.github.redisjcache.codec;

import com.fasterxml.jackson.core.TreeNode;
import com.fasterxml.jackson.databind.JavaType;
import java.lang.reflect.Modifier;

/** Decides, from a declared (static) type, whether the JSON codec writes type ids for its values. */
enum JsonTypeIds {

    /** The declared type says what the value is: plain JSON. */
    NEVER,

    /** The declared type cannot say what the value is ({@code Object}, interfaces, abstract classes). */
    ALWAYS,

    /** A concrete class that may have subclasses: plain JSON for the class itself, a type id for a subclass. */
    FOR_SUBCLASSES;

    /**
     * Returns the rule for values declared with the given type.
     *
     * @param type a property, element or root type
     * @return how type ids are written for it
     */
    static JsonTypeIds forDeclaredType(JavaType type) {
        // Containers and Optional stay plain JSON arrays, objects and values, so other languages can read them;
        // their elements get their own rule from the element type.
        if (type.isPrimitive() || type.isContainerType() || type.isReferenceType()) {
            return NEVER;
        }
        if (type.isJavaLangObject()) {
            return ALWAYS;
        }
        Class<?> raw = type.getRawClass();
        if (raw.isEnum() || (raw != Enum.class && Enum.class.isAssignableFrom(raw))
                || TreeNode.class.isAssignableFrom(raw)) {
            return NEVER;
        }
        if (raw.isInterface() || Modifier.isAbstract(raw.getModifiers())) {
            return ALWAYS;
        }
        return Modifier.isFinal(raw.getModifiers()) ? NEVER : FOR_SUBCLASSES;
    }
}
