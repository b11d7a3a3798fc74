package io.github.redisjcache.codec;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * Wraps a Kryo array, collection or map serializer, which all start with the element count and size an array or
 * table from it: the count is checked against the bytes left before the wrapped serializer sees it.
 *
 * @param <T> the serialized type
 */
final class SizeCheckingSerializer<T> extends Serializer<T> {

    private static final long UNREADABLE = Long.MAX_VALUE;

    private final Serializer<T> sized;
    private final boolean flaggedCount;

    /**
     * Wraps a serializer.
     *
     * @param sized        the serializer whose count is checked
     * @param flaggedCount {@code true} when the count may be a flagged varint (collections, depending on the
     *                     element type); {@code false} when it is always a plain one (maps and arrays)
     */
    SizeCheckingSerializer(Serializer<T> sized, boolean flaggedCount) {
        super(sized.getAcceptsNull(), sized.isImmutable());
        this.sized = sized;
        this.flaggedCount = flaggedCount;
    }

    @Override
    public void write(Kryo kryo, Output output, T value) {
        sized.write(kryo, output, value);
    }

    @Override
    public T read(Kryo kryo, Input input, Class<? extends T> type) {
        long count = peekCountPlusOne(input, false);
        if (flaggedCount) {
            // Either reading may be the real one: refuse only when both are too large.
            count = Math.min(count, peekCountPlusOne(input, true));
        }
        if (count != 0 && count != UNREADABLE) { // 0 is null, otherwise count + 1
            BoundedInput.requireRoomFor(input, count - 1, 1);
        }
        return sized.read(kryo, input, type);
    }

    @Override
    public T copy(Kryo kryo, T original) {
        return sized.copy(kryo, original);
    }

    /** Reads the count without consuming it; {@link #UNREADABLE} when the bytes cannot be read that way. */
    private static long peekCountPlusOne(Input input, boolean flagged) {
        int start = input.position();
        try {
            int value = flagged ? input.readVarIntFlag(true) : input.readVarInt(true);
            return Integer.toUnsignedLong(value);
        } catch (KryoException e) {
            return UNREADABLE;
        } finally {
            input.setPosition(start);
        }
    }
}
