package io.github.redisjcache.codec;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.util.DefaultClassResolver;

/** Resolves the class names in Kryo bytes only after the {@link ClassAllowList} has allowed them. */
final class AllowListClassResolver extends DefaultClassResolver {

    private final ClassAllowList allowList;

    AllowListClassResolver(ClassAllowList allowList) {
        this.allowList = allowList;
    }

    /**
     * Kryo calls this with the name read from the bytes, before it loads the class. Kryo remembers only the classes
     * it loaded after this returned, so a remembered name was allowed before and is not checked again.
     */
    @Override
    protected Class<?> getTypeByName(String className) {
        if (className == null || className.isBlank()) {
            throw new KryoException("Corrupt class name '" + className + "'");
        }
        Class<?> loaded = super.getTypeByName(className);
        if (loaded != null) {
            return loaded;
        }
        allowList.check(className);
        return null;
    }
}
