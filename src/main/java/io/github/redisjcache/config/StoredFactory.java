package io.github.redisjcache.config;

import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.cache.configuration.Factory;
import javax.cache.configuration.FactoryBuilder;

/**
 * A cache's loader or writer factory as stored in Redis: the class a {@code FactoryBuilder.ClassFactory} creates,
 * or the factory's own class and whether a new instance of it rebuilds it.
 */
final class StoredFactory {

    private static final Field CLASS_FACTORY_NAME = classFactoryNameField();

    private final String className;
    private final String factoryClassName;
    private final boolean rebuildable;

    private StoredFactory(String className, String factoryClassName, boolean rebuildable) {
        this.className = className;
        this.factoryClassName = factoryClassName;
        this.rebuildable = rebuildable;
    }

    // ClassFactory keeps its class name private and has no accessor; its field has had this name since JCache 1.0.
    private static Field classFactoryNameField() {
        try {
            Field field = FactoryBuilder.ClassFactory.class.getDeclaredField("className");
            field.setAccessible(true);
            return field.getType() == String.class ? field : null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Describes a factory without asking it to create anything.
     *
     * @param factory a loader or writer factory, or {@code null}
     * @return its description, or {@code null} for no factory
     */
    static StoredFactory of(Factory<?> factory) {
        if (factory == null) {
            return null;
        }
        // Exactly ClassFactory: a subclass may create something else than the class it names.
        if (factory.getClass() == FactoryBuilder.ClassFactory.class && CLASS_FACTORY_NAME != null) {
            try {
                return new StoredFactory((String) CLASS_FACTORY_NAME.get(factory), null, false);
            } catch (IllegalAccessException e) {
                // Described below by its factory class: another JVM then cannot rebuild it.
            }
        }
        Class<?> type = factory.getClass();
        // A singleton's instance, and a class factory's unknown class, cannot be recreated from a class name.
        boolean rebuildable = !(factory instanceof FactoryBuilder.SingletonFactory)
                && !(factory instanceof FactoryBuilder.ClassFactory)
                && ClassSetting.instantiationProblem(type) == null;
        return new StoredFactory(null, type.getName(), rebuildable);
    }

    /**
     * Reads the stored description.
     *
     * @param fields the {@code loader} or {@code writer} object, or {@code null}
     * @return the description, or {@code null} for no factory
     */
    static StoredFactory fromJson(StoredFields fields) {
        if (fields == null) {
            return null;
        }
        if (fields.has("class")) {
            return new StoredFactory(fields.text("class"), null, false);
        }
        return new StoredFactory(null, fields.text("factory"), fields.bool("rebuildable", false));
    }

    /** @return the JSON object, e.g. {@code {"class":"com.example.UserLoader"}} */
    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        if (className != null) {
            json.put("class", className);
        } else {
            json.put("factory", factoryClassName);
            json.put("rebuildable", rebuildable);
        }
        return json;
    }

    /**
     * Rebuilds the factory in this JVM.
     *
     * @param classLoader loads the named class
     * @param role        {@code CacheLoader} or {@code CacheWriter}
     * @param key         the document's field, e.g. {@code loader}
     * @param <T>         what the factory creates
     * @return the factory, or {@code null} when it cannot be rebuilt from a class name
     */
    <T> Factory<T> rebuild(ClassLoader classLoader, Class<?> role, String key) {
        if (className != null) {
            return new ClassSetting(StoredFields.SOURCE, key + ".class", className).classFactory(classLoader, role);
        }
        if (rebuildable) {
            return new ClassSetting(StoredFields.SOURCE, key + ".factory", factoryClassName).newFactory(classLoader);
        }
        return null;
    }

    @Override
    public String toString() {
        return className != null ? className : factoryClassName + (rebuildable ? "" : " (not rebuildable)");
    }
}
