package io.github.redisjcache.codec;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Registration;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import java.util.EnumMap;
import java.util.Map;

/**
 * Writes an {@link EnumMap} as its key type and its entries: Kryo's generic map serializer would create the map
 * without a key type, and Java 17 hides the key type field. An empty {@code EnumMap} cannot be written, its key type
 * being visible nowhere.
 */
@SuppressWarnings({"rawtypes", "unchecked"})
final class EnumMapSerializer extends Serializer<EnumMap> {

    @Override
    public void write(Kryo kryo, Output output, EnumMap map) {
        if (map.isEmpty()) {
            throw new KryoException("An empty EnumMap cannot be written: its key type is not visible on this JDK");
        }
        Class<?> keyType = ((Enum<?>) map.keySet().iterator().next()).getDeclaringClass();
        kryo.writeClass(output, keyType);
        output.writeVarInt(map.size(), true);
        for (Object entry : map.entrySet()) {
            Map.Entry<Enum<?>, Object> keyAndValue = (Map.Entry<Enum<?>, Object>) entry;
            output.writeVarInt(keyAndValue.getKey().ordinal(), true);
            kryo.writeClassAndObject(output, keyAndValue.getValue());
        }
    }

    @Override
    public EnumMap read(Kryo kryo, Input input, Class<? extends EnumMap> type) {
        Registration registration = kryo.readClass(input);
        Class keyType = registration == null ? null : registration.getType();
        if (keyType == null || !keyType.isEnum()) {
            throw new KryoException("EnumMap key type " + keyType + " is not an enum");
        }
        Object[] keys = keyType.getEnumConstants();
        int size = input.readVarInt(true);
        BoundedInput.requireRoomFor(input, size, 2);
        EnumMap map = new EnumMap(keyType);
        for (int i = 0; i < size; i++) {
            int ordinal = input.readVarInt(true);
            if (ordinal < 0 || ordinal >= keys.length) {
                throw new KryoException("No constant " + ordinal + " in " + keyType.getName());
            }
            map.put((Enum) keys[ordinal], kryo.readClassAndObject(input));
        }
        return map;
    }
}
