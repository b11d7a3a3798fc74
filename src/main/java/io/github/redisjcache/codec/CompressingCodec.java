package io.github.redisjcache.codec;

import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Supplier;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;
import net.jpountz.xxhash.XXHash32;
import net.jpountz.xxhash.XXHashFactory;

/**
 * Compresses another codec's large values with LZ4, leaving small ones untouched.
 *
 * <p>A value whose encoding by the inner codec is at least {@code thresholdBytes} long is stored compressed, when
 * that makes it smaller, behind a 12-byte header:
 * <pre>
 *   0x00 'L' 'Z' '4'   marker: 0x00 starts neither JSON nor Kryo bytes
 *   int32              uncompressed length (big-endian)
 *   int32              xxHash32 of the uncompressed bytes, so corruption is detected instead of decoded
 *   ...                LZ4 block
 * </pre>
 * Anything else is the inner codec's bytes unchanged, so small JSON values stay plain JSON and a cache can turn
 * compression on (or off, for new values) and still read what it stored before. The inner codec must not produce
 * bytes starting with {@code 0x00} that it cannot tell apart; such bytes are always stored with the header.
 */
public final class CompressingCodec implements Codec {

    /** The default size from which values are compressed. */
    public static final int DEFAULT_THRESHOLD_BYTES = 1024;

    /** The largest uncompressed length accepted when decoding; a larger one is taken for corruption or an attack. */
    public static final int MAX_UNCOMPRESSED_BYTES = 512 * 1024 * 1024;

    private static final byte[] MARKER = {0x00, 'L', 'Z', '4'};
    private static final int HEADER_LENGTH = MARKER.length + Integer.BYTES + Integer.BYTES;
    // LZ4 cannot expand data more than 255 times: a larger claim is corrupt, whatever the limit.
    private static final int MAX_LZ4_RATIO = 255;
    private static final int CHECKSUM_SEED = 0x52434a43;

    private static final LZ4Compressor COMPRESSOR = LZ4Factory.fastestInstance().fastCompressor();
    private static final LZ4SafeDecompressor DECOMPRESSOR = LZ4Factory.fastestInstance().safeDecompressor();
    private static final XXHash32 CHECKSUM = XXHashFactory.fastestInstance().hash32();

    private final Codec inner;
    private final int thresholdBytes;
    private final String name;

    /**
     * Creates a compressing codec.
     *
     * @param inner          the codec whose bytes are compressed
     * @param thresholdBytes the encoded size from which values are compressed, at least 0
     */
    public CompressingCodec(Codec inner, int thresholdBytes) {
        this.inner = Objects.requireNonNull(inner, "inner");
        if (thresholdBytes < 0) {
            throw new IllegalArgumentException("thresholdBytes must be at least 0, was " + thresholdBytes);
        }
        this.thresholdBytes = thresholdBytes;
        this.name = inner.name() + "+lz4";
    }

    /**
     * Returns the wrapped codec.
     *
     * @return the codec whose bytes this one compresses
     */
    public Codec inner() {
        return inner;
    }

    /**
     * Returns the size from which values are compressed.
     *
     * @return the threshold in bytes
     */
    public int thresholdBytes() {
        return thresholdBytes;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public byte[] encode(Object value, Type declaredType) {
        return compressed(innerBytes(() -> inner.encode(value, declaredType)), value, declaredType);
    }

    @Override
    public byte[] formerEncoding(Object value, Type declaredType) {
        byte[] plain = innerBytes(() -> inner.formerEncoding(value, declaredType));
        return plain == null ? null : compressed(plain, value, declaredType);
    }

    /** The inner codec's bytes, its failure renamed after this codec. */
    private byte[] innerBytes(Supplier<byte[]> encoding) {
        try {
            return encoding.get();
        } catch (CodecException e) {
            throw renamed(e);
        }
    }

    /** The stored form of the inner codec's bytes: compressed when large enough, or when they look compressed. */
    private byte[] compressed(byte[] plain, Object value, Type declaredType) {
        boolean looksMarked = plain.length > 0 && plain[0] == MARKER[0];
        if (plain.length < thresholdBytes && !looksMarked) {
            return plain;
        }
        if (plain.length > MAX_UNCOMPRESSED_BYTES) {
            if (looksMarked) {
                throw new CodecException("Codec '" + name + "' cannot encode a " + value.getClass().getName()
                        + " as " + declaredType.getTypeName() + ": " + plain.length + " bytes is over the limit of "
                        + MAX_UNCOMPRESSED_BYTES);
            }
            return plain;
        }
        byte[] compressed = compress(plain);
        return compressed.length < plain.length || looksMarked ? compressed : plain;
    }

    @Override
    public Object decode(byte[] bytes, Type declaredType) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length == 0 || bytes[0] != MARKER[0]) {
            return decodeInner(bytes, declaredType);
        }
        return decodeInner(decompress(bytes, declaredType), declaredType);
    }

    @Override
    public String toString() {
        return name;
    }

    private static byte[] compress(byte[] plain) {
        int maxLength = COMPRESSOR.maxCompressedLength(plain.length);
        byte[] out = new byte[HEADER_LENGTH + maxLength];
        ByteBuffer.wrap(out)
                .put(MARKER)
                .putInt(plain.length)
                .putInt(CHECKSUM.hash(plain, 0, plain.length, CHECKSUM_SEED));
        int length = COMPRESSOR.compress(plain, 0, plain.length, out, HEADER_LENGTH, maxLength);
        return Arrays.copyOf(out, HEADER_LENGTH + length);
    }

    private byte[] decompress(byte[] bytes, Type declaredType) {
        if (bytes.length < HEADER_LENGTH || !hasMarker(bytes)) {
            throw failure(bytes, declaredType, "the bytes start with 0x00 but carry no LZ4 header");
        }
        ByteBuffer header = ByteBuffer.wrap(bytes, MARKER.length, Integer.BYTES + Integer.BYTES);
        int length = header.getInt();
        int checksum = header.getInt();
        long compressedLength = bytes.length - HEADER_LENGTH;
        if (length < 0 || length > MAX_UNCOMPRESSED_BYTES || length > compressedLength * MAX_LZ4_RATIO) {
            throw failure(bytes, declaredType, "the header declares " + length + " uncompressed bytes, more than "
                    + Math.min(MAX_UNCOMPRESSED_BYTES, compressedLength * MAX_LZ4_RATIO) + " are possible");
        }
        byte[] plain = new byte[length];
        try {
            int written = DECOMPRESSOR.decompress(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH, plain, 0, length);
            if (written != length) {
                throw failure(bytes, declaredType, "the LZ4 block holds " + written + " bytes, the header " + length);
            }
        } catch (LZ4Exception e) {
            throw new CodecException(prefix(bytes, declaredType) + "corrupt LZ4 block", e);
        }
        if (CHECKSUM.hash(plain, 0, length, CHECKSUM_SEED) != checksum) {
            throw failure(bytes, declaredType, "the checksum of the uncompressed bytes does not match");
        }
        return plain;
    }

    private Object decodeInner(byte[] bytes, Type declaredType) {
        try {
            return inner.decode(bytes, declaredType);
        } catch (CodecException e) {
            throw renamed(e);
        }
    }

    /** Puts this codec's name on the inner codec's failure; a refused class stays as it is. */
    private CodecException renamed(CodecException failure) {
        if (failure instanceof ClassNotAllowedException) {
            return failure;
        }
        return new CodecException("Codec '" + name + "': " + failure.getMessage(), failure);
    }

    private static boolean hasMarker(byte[] bytes) {
        for (int i = 0; i < MARKER.length; i++) {
            if (bytes[i] != MARKER[i]) {
                return false;
            }
        }
        return true;
    }

    private CodecException failure(byte[] bytes, Type declaredType, String reason) {
        return new CodecException(prefix(bytes, declaredType) + reason);
    }

    private String prefix(byte[] bytes, Type declaredType) {
        return "Codec '" + name + "' cannot decode " + bytes.length + " bytes as " + declaredType.getTypeName() + ": ";
    }
}
