package io.github.redisjcache.codec;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.serializers.CollectionSerializer;
import java.util.Collection;

/** Kryo's collection serializer, refusing an element count that the remaining bytes cannot hold, before sizing. */
final class BoundedCollectionSerializer extends CollectionSerializer<Collection<Object>> {

    @Override
    protected Collection<Object> create(Kryo kryo, Input input, Class<? extends Collection<Object>> type, int size) {
        BoundedInput.requireRoomFor(input, size, 1);
        return super.create(kryo, input, type, size);
    }
}
