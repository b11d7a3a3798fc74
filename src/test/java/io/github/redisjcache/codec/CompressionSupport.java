package io.github.redisjcache.codec;

import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.Arrays;

/** Reads and writes the {@link CompressingCodec} format from tests, through the codec itself. */
final class CompressionSupport {

    static final int HEADER_LENGTH = 12;

    private CompressionSupport() {
    }

    static boolean isCompressed(byte[] bytes) {
        return bytes.length >= 4 && bytes[0] == 0 && bytes[1] == 'L' && bytes[2] == 'Z' && bytes[3] == '4';
    }

    /** Decompresses by decoding through a compressing codec around a codec that returns its bytes as they are. */
    static byte[] decompress(byte[] bytes) {
        return (byte[]) new CompressingCodec(new RawBytesCodec(), 0).decode(bytes, byte[].class);
    }

    /** Compresses whatever the bytes are, marker included. */
    static byte[] compress(byte[] plain) {
        byte[] compressed = new CompressingCodec(new RawBytesCodec(), 0).encode(plain, byte[].class);
        if (!isCompressed(compressed)) {
            throw new IllegalStateException("bytes did not compress: " + Arrays.toString(plain));
        }
        return compressed;
    }

    /** The uncompressed length a compressed value declares. */
    static int declaredLength(byte[] compressed) {
        return ByteBuffer.wrap(compressed, 4, 4).getInt();
    }

    /** A codec whose bytes are the value, a byte array; 0x00-led output is always marked by the compressing codec. */
    static final class RawBytesCodec implements Codec {
        @Override
        public String name() {
            return "raw";
        }

        @Override
        public byte[] encode(Object value, Type declaredType) {
            return ((byte[]) value).clone();
        }

        @Override
        public Object decode(byte[] bytes, Type declaredType) {
            return bytes.clone();
        }
    }
}
