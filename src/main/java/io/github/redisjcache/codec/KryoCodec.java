package io.github.redisjcache.codec;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import java.lang.reflect.Type;
import java.util.Objects;

/**
 * Stores values with Kryo: compact and fast, for caches read only by Java services.
 *
 * <p>Values are written with their class ({@code writeClassAndObject}), so they come back as the exact class they
 * were whatever the declared type. No registration is needed: records, JDK value types and collections, and ordinary
 * classes (with or without a no-argument constructor) work as they are. Every class name in the bytes is checked
 * against the {@link ClassAllowList} before the class is loaded.
 *
 * <p>The bytes start with a two-byte header, {@code 0xC1 0x01} (a byte that never starts JSON, then the format
 * version), so bytes written by another codec are refused instead of misread.
 *
 * <p>Limits: objects shared inside a value are written once per use (no reference tracking), so cyclic graphs
 * cannot be stored; a {@code HashMap} or {@code HashSet} is written in its iteration order, so two equal hash-based
 * collections built differently may give different bytes (use sorted or linked collections in keys); fields are
 * matched by position, so bytes written before a class gained, lost or reordered fields fail to decode or decode
 * wrongly (entries written by an older version of a class should be dropped, as a cache can).
 */
public final class KryoCodec implements Codec {

    /** The codec's name in configuration and messages. */
    public static final String NAME = "kryo";

    static final byte MAGIC = (byte) 0xC1;
    static final byte FORMAT_VERSION = 1;
    private static final int HEADER_LENGTH = 2;

    private static final int POOL_SIZE = 64;
    private static final int OUTPUT_BUFFER = 512;
    // Buffers grown past this by a large value are dropped instead of pooled, so the pool stays small.
    private static final int MAX_POOLED_BUFFER = 64 * 1024;

    private final InstancePool<Kryo> kryos;
    private final InstancePool<Output> outputs;

    /**
     * Creates a Kryo codec.
     *
     * @param allowList   the classes that stored bytes may name
     * @param classLoader the loader that resolves class names found in stored bytes, or {@code null} for the thread
     *                    context class loader (falling back to this codec's own loader)
     */
    public KryoCodec(ClassAllowList allowList, ClassLoader classLoader) {
        Objects.requireNonNull(allowList, "allowList");
        ClassLoader loader = ClassLoaders.orDefault(classLoader, KryoCodec.class);
        this.kryos = new InstancePool<>(POOL_SIZE, () -> new CodecKryo(allowList, loader));
        this.outputs = new InstancePool<>(POOL_SIZE, () -> new Output(OUTPUT_BUFFER, -1));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte[] encode(Object value, Type declaredType) {
        DeclaredTypes.requireInstance(NAME, value, declaredType);
        Kryo kryo = kryos.obtain();
        Output output = outputs.obtain();
        try {
            output.writeByte(MAGIC);
            output.writeByte(FORMAT_VERSION);
            kryo.writeClassAndObject(output, value);
            byte[] bytes = output.toBytes();
            kryos.free(kryo);
            return bytes;
        } catch (RuntimeException | StackOverflowError e) {
            // The failed Kryo instance is dropped: its state after an exception is not to be trusted.
            throw CodecFailures.encoding(NAME, value, declaredType, e);
        } finally {
            release(output);
        }
    }

    @Override
    public Object decode(byte[] bytes, Type declaredType) {
        Objects.requireNonNull(bytes, "bytes");
        checkHeader(bytes, declaredType);
        Kryo kryo = kryos.obtain();
        Object value;
        int end;
        try {
            BoundedInput input = new BoundedInput(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH);
            value = kryo.readClassAndObject(input);
            end = input.position();
            kryos.free(kryo);
        } catch (RuntimeException | StackOverflowError e) {
            throw CodecFailures.decoding(NAME, bytes.length, declaredType, CodecFailures.firstLine(e), e);
        } catch (OutOfMemoryError e) {
            // Last resort for a corrupt count that a Kryo serializer sizes an array from before any check of ours
            // can see it: that single allocation failed, nothing else did.
            throw CodecFailures.decoding(NAME, bytes.length, declaredType,
                    "the bytes declare a size that does not fit in memory", e);
        }
        if (end != bytes.length) {
            throw CodecFailures.decoding(NAME, bytes.length, declaredType,
                    (bytes.length - end) + " unexpected bytes after the value", null);
        }
        if (value == null) {
            throw CodecFailures.decoding(NAME, bytes.length, declaredType, "the bytes hold null", null);
        }
        if (!DeclaredTypes.erasure(declaredType).isInstance(value)) {
            throw CodecFailures.decoding(NAME, bytes.length, declaredType,
                    "the bytes hold a " + value.getClass().getName(), null);
        }
        return value;
    }

    @Override
    public String toString() {
        return NAME;
    }

    private static void checkHeader(byte[] bytes, Type declaredType) {
        if (bytes.length < HEADER_LENGTH || bytes[0] != MAGIC) {
            throw CodecFailures.decoding(NAME, bytes.length, declaredType,
                    "the bytes were not written by the kryo codec (no 0xC1 header)", null);
        }
        if (bytes[1] != FORMAT_VERSION) {
            throw CodecFailures.decoding(NAME, bytes.length, declaredType,
                    "unknown kryo codec format version " + bytes[1], null);
        }
    }

    private void release(Output output) {
        if (output.getBuffer().length <= MAX_POOLED_BUFFER) {
            output.reset();
            outputs.free(output);
        }
    }
}
