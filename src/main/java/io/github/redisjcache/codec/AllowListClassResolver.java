package io.github.redisjcache.codec;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.util.DefaultClassResolver;
import com.esotericsoftware.kryo.util.IntMap;

/** Resolves the class names in Kryo bytes only after the {@link ClassAllowList} has allowed them. */
final class AllowListClassResolver extends DefaultClassResolver {

    private final ClassAllowList allowList;
    private final ResolvedNames resolved = new ResolvedNames();

    AllowListClassResolver(ClassAllowList allowList) {
        this.allowList = allowList;
    }

    /**
     * Reads a class name as Kryo does, but finds a class it resolved before by the name's bytes alone, without
     * reading them into a string. The first occurrence of a name goes through Kryo's own reading and the allow list.
     */
    @Override
    protected Registration readName(Input input) {
        int idStart = input.position();
        int nameId = input.readVarInt(true);
        Class<?> seen = nameIdToClass == null ? null : nameIdToClass.get(nameId);
        if (seen != null) {
            // Named earlier in the same value: only its id is in the bytes.
            return kryo.getRegistration(seen);
        }
        byte[] buffer = input.getBuffer();
        int start = input.position();
        int end = ResolvedNames.end(buffer, start, input.limit());
        if (end > 0) {
            Class<?> known = resolved.get(buffer, start, end);
            if (known != null) {
                input.setPosition(end);
                if (nameIdToClass == null) {
                    nameIdToClass = new IntMap<>();
                }
                nameIdToClass.put(nameId, known);
                return kryo.getRegistration(known);
            }
        }
        input.setPosition(idStart);
        Registration registration = super.readName(input);
        if (end > 0 && input.position() == end) {
            resolved.put(buffer, start, end, nameIdToClass.get(nameId));
        }
        return registration;
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
