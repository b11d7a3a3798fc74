package io.github.redisjcache.codec;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;

/**
 * A Kryo input over a byte array that refuses lengths the remaining bytes cannot hold, before allocating for them:
 * a corrupt length must not become a multi-gigabyte array.
 */
final class BoundedInput extends Input {

    BoundedInput(byte[] bytes, int offset, int count) {
        super(bytes, offset, count);
    }

    /**
     * Refuses a count of elements that cannot fit in what is left of the input.
     *
     * @param input           the input being read
     * @param count           the element count read from the bytes
     * @param bytesPerElement the fewest bytes one element takes
     * @throws KryoException when the count is negative or too large
     */
    static void requireRoomFor(Input input, long count, int bytesPerElement) {
        long remaining = (long) input.limit() - input.position();
        if (count < 0 || count * bytesPerElement > remaining) {
            throw new KryoException("Corrupt length " + count + " with only " + remaining + " bytes left");
        }
    }

    @Override
    public String readString() {
        checkUtf8Length();
        return super.readString();
    }

    @Override
    public StringBuilder readStringBuilder() {
        checkUtf8Length();
        return super.readStringBuilder();
    }

    @Override
    public byte[] readBytes(int length) {
        requireRoomFor(this, length, 1);
        return super.readBytes(length);
    }

    @Override
    public int[] readInts(int length) {
        requireRoomFor(this, length, Integer.BYTES);
        return super.readInts(length);
    }

    @Override
    public int[] readInts(int length, boolean optimizePositive) {
        requireRoomFor(this, length, 1);
        return super.readInts(length, optimizePositive);
    }

    @Override
    public long[] readLongs(int length) {
        requireRoomFor(this, length, Long.BYTES);
        return super.readLongs(length);
    }

    @Override
    public long[] readLongs(int length, boolean optimizePositive) {
        requireRoomFor(this, length, 1);
        return super.readLongs(length, optimizePositive);
    }

    @Override
    public float[] readFloats(int length) {
        requireRoomFor(this, length, Float.BYTES);
        return super.readFloats(length);
    }

    @Override
    public double[] readDoubles(int length) {
        requireRoomFor(this, length, Double.BYTES);
        return super.readDoubles(length);
    }

    @Override
    public short[] readShorts(int length) {
        requireRoomFor(this, length, Short.BYTES);
        return super.readShorts(length);
    }

    @Override
    public char[] readChars(int length) {
        requireRoomFor(this, length, Character.BYTES);
        return super.readChars(length);
    }

    @Override
    public boolean[] readBooleans(int length) {
        requireRoomFor(this, length, 1);
        return super.readBooleans(length);
    }

    /** A UTF-8 string starts with its character count, and Kryo sizes a char buffer from it. */
    private void checkUtf8Length() {
        if (!readVarIntFlag()) {
            return; // ASCII: read up to an end marker, nothing allocated up front.
        }
        int start = position;
        int countPlusOne = readVarIntFlag(true);
        position = start;
        if (countPlusOne != 0) { // 0 is null, 1 the empty string
            requireRoomFor(this, countPlusOne - 1L, 1);
        }
    }
}
