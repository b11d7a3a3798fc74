package io.github.redisjcache.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.util.Objects;

import javax.cache.configuration.Factory;
import javax.cache.configuration.FactoryBuilder;

/** A class named by the configuration, kept with the source and key that named it so failures can point there. */
final class ClassSetting {

    private final String className;
    private final String source;
    private final String key;

    /**
     * Remembers a class name.
     *
     * @param source    where it was named, e.g. the file's URI
     * @param key       the full key path, e.g. {@code caches.users.loader}
     * @param className the binary class name
     */
    ClassSetting(String source, String key, String className) {
        this.source = Objects.requireNonNull(source, "source");
        this.key = Objects.requireNonNull(key, "key");
        this.className = Objects.requireNonNull(className, "className");
    }

    /** @return the binary class name */
    String className() {
        return className;
    }

    /**
     * Loads the class without initialising it.
     *
     * @param classLoader the class loader of the cache manager
     * @return the class
     * @throws InvalidConfigurationException when the class loader cannot load it
     */
    Class<?> load(ClassLoader classLoader) {
        try {
            return Class.forName(className, false, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw invalid("class " + className + " cannot be loaded by " + classLoader + " (" + e + ")", e);
        }
    }

    /**
     * Checks that the class is a {@code role} or a {@link Factory} (of one), and that the library can create it.
     *
     * @param classLoader the class loader of the cache manager
     * @param role        {@code CacheLoader} or {@code CacheWriter}
     */
    void checkIntegration(ClassLoader classLoader, Class<?> role) {
        Class<?> type = load(classLoader);
        if (!role.isAssignableFrom(type) && !Factory.class.isAssignableFrom(type)) {
            throw invalid("class " + className + " must implement " + role.getName() + " or "
                    + Factory.class.getName() + " (of a " + role.getSimpleName() + ")", null);
        }
        checkInstantiable(type);
    }

    /**
     * Builds the factory a cache configuration holds: a {@code FactoryBuilder.ClassFactory} for a {@code role}
     * class, or a new instance of a {@link Factory} class.
     *
     * @param classLoader the class loader of the cache manager
     * @param role        {@code CacheLoader} or {@code CacheWriter}
     * @param <T>         the type the factory creates
     * @return the factory; nothing it creates has been created yet
     */
    <T> Factory<T> integrationFactory(ClassLoader classLoader, Class<?> role) {
        checkIntegration(classLoader, role);
        return role.isAssignableFrom(load(classLoader)) ? classFactory(classLoader, role) : newFactory(classLoader);
    }

    /**
     * Builds a {@code FactoryBuilder.ClassFactory} of the class, after checking that it is a {@code role} the factory
     * can create.
     *
     * @param classLoader the class loader of the cache manager
     * @param role        what the class must be, e.g. {@code ExpiryPolicy}
     * @param <T>         the type the factory creates
     * @return the factory
     */
    <T> Factory<T> classFactory(ClassLoader classLoader, Class<?> role) {
        Class<?> type = load(classLoader);
        if (!role.isAssignableFrom(type)) {
            throw invalid("class " + className + " must implement " + role.getName(), null);
        }
        checkInstantiable(type);
        return FactoryBuilder.factoryOf(className);
    }

    /**
     * Creates an instance of the class, after checking that it is a {@link Factory}; the factory itself is not asked
     * to create anything.
     *
     * @param classLoader the class loader of the cache manager
     * @param <T>         the type the factory creates
     * @return the new factory
     */
    @SuppressWarnings("unchecked")
    <T> Factory<T> newFactory(ClassLoader classLoader) {
        Class<?> type = load(classLoader);
        if (!Factory.class.isAssignableFrom(type)) {
            throw invalid("class " + className + " must implement " + Factory.class.getName(), null);
        }
        checkInstantiable(type);
        try {
            return (Factory<T>) type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw invalid("the constructor of factory " + className + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw invalid("factory " + className + " cannot be created: " + e, e);
        }
    }

    private void checkInstantiable(Class<?> type) {
        String problem = instantiationProblem(type);
        if (problem != null) {
            throw invalid("class " + className + " " + problem, null);
        }
    }

    /**
     * Tells why {@code FactoryBuilder.ClassFactory} or this library could not create instances of a class.
     *
     * @param type a class
     * @return e.g. {@code has no public no-argument constructor}, or {@code null} when instances can be created
     */
    static String instantiationProblem(Class<?> type) {
        int modifiers = type.getModifiers();
        if (type.isInterface() || Modifier.isAbstract(modifiers)) {
            return "is abstract; name a concrete class";
        }
        if (!Modifier.isPublic(modifiers)) {
            return "must be public";
        }
        if (type.getEnclosingClass() != null && !Modifier.isStatic(modifiers)) {
            return "is an inner class; make it static";
        }
        try {
            type.getConstructor();
            return null;
        } catch (NoSuchMethodException e) {
            return "has no public no-argument constructor";
        } catch (LinkageError e) {
            return "cannot be linked: " + e;
        }
    }

    private InvalidConfigurationException invalid(String reason, Throwable cause) {
        return new InvalidConfigurationException(source, key, reason, cause);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClassSetting && className.equals(((ClassSetting) other).className);
    }

    @Override
    public int hashCode() {
        return className.hashCode();
    }

    @Override
    public String toString() {
        return className;
    }
}
