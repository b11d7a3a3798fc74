package io.github.redisjcache.codec;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Output;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Stores values with Kryo: compact and fast, for caches read only by Java services.
 *
 * <p>A value whose class is exactly its declared type (a cache's configured key or value type: a {@code Person}
 * stored in a {@code Cache<String, Person>}) is written without its class name ({@code writeObject}), since the
 * declared type says what it is; any other value is written with its class ({@code writeClassAndObject}), so it
 * comes back as the exact class it was whatever the declared type (a subclass, or anything stored as
 * {@code Object}). No registration is needed: records, JDK value types and collections, and ordinary classes (with or
 * without a no-argument constructor) work as they are. Every class name in the bytes is checked against the
 * {@link ClassAllowList} before the class is loaded, and so is the declared type of a value written without one.
 *
 * <p>The bytes start with a two-byte header: {@code 0xC1} (a byte that never starts JSON), so bytes written by
 * another codec are refused instead of misread, then the format: {@code 0x02} for a value written without its class
 * name, {@code 0x01} for one written with it. A value of the first kind must be read with the declared type it was
 * written with, as a cache always does (its types are part of its stored configuration). Earlier releases wrote
 * every value with its class name, as format 1: those bytes are still read, and {@link #formerEncoding} gives them
 * for the comparisons of conditional operations.
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
    /** Format of a value written with its class name. */
    static final byte WITH_CLASS = 1;
    /** Format of a value of exactly its declared type, written without its class name. */
    static final byte OF_DECLARED_TYPE = 2;
    private static final int HEADER_LENGTH = 2;
    // Declared types are few (a cache's key and value types); the bound only guards against misuse.
    private static final int MAX_CHECKED_TYPES = 256;

    private static final int POOL_SIZE = 64;
    private static final int OUTPUT_BUFFER = 512;
    // Buffers grown past this by a large value are dropped instead of pooled, so the pool stays small.
    private static final int MAX_POOLED_BUFFER = 64 * 1024;

    static {
        // Before any Kryo class reads the property.
        KryoUnsafeAccess.avoidWhereDenied();
    }

    private final ClassAllowList allowList;
    private final ClassLoader classLoader;
    private final boolean namingEveryClass;
    private final InstancePool<Kryo> kryos;
    private final InstancePool<Output> outputs;
    /** Declared types already checked against the allow list. */
    private final Set<Class<?>> allowedDeclaredTypes = ConcurrentHashMap.newKeySet();

    /**
     * Creates a Kryo codec.
     *
     * @param allowList   the classes that stored bytes may name
     * @param classLoader the loader that resolves class names found in stored bytes, or {@code null} for the thread
     *                    context class loader (falling back to this codec's own loader)
     */
    public KryoCodec(ClassAllowList allowList, ClassLoader classLoader) {
        this(allowList, classLoader, false);
    }

    private KryoCodec(ClassAllowList allowList, ClassLoader classLoader, boolean namingEveryClass) {
        this.allowList = Objects.requireNonNull(allowList, "allowList");
        this.classLoader = classLoader;
        this.namingEveryClass = namingEveryClass;
        ClassLoader loader = ClassLoaders.orDefault(classLoader, KryoCodec.class);
        this.kryos = new InstancePool<>(POOL_SIZE, () -> new CodecKryo(allowList, loader));
        this.outputs = new InstancePool<>(POOL_SIZE, () -> new Output(OUTPUT_BUFFER, -1));
    }

    /**
     * Returns a codec that writes every value with its class name (format 1), as earlier releases did, and reads
     * both formats: the codec of a cache's keys, whose bytes are the entry's name in Redis and so must not change
     * between releases (a JVM of an earlier release would not find the entries of a later one, nor they its).
     *
     * @return a Kryo codec with the same allow list and class loader
     */
    public KryoCodec namingEveryClass() {
        return namingEveryClass ? this : new KryoCodec(allowList, classLoader, true);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte[] encode(Object value, Type declaredType) {
        DeclaredTypes.requireInstance(NAME, value, declaredType);
        return write(value, declaredType, isOfDeclaredType(value, declaredType));
    }

    /** The format-1 bytes of a value that {@link #encode} writes without its class name; otherwise null. */
    @Override
    public byte[] formerEncoding(Object value, Type declaredType) {
        DeclaredTypes.requireInstance(NAME, value, declaredType);
        return isOfDeclaredType(value, declaredType) ? write(value, declaredType, false) : null;
    }

    /** Whether a value is written without its class name: it is exactly of its declared type. */
    private boolean isOfDeclaredType(Object value, Type declaredType) {
        return !namingEveryClass && value.getClass() == DeclaredTypes.erasure(declaredType);
    }

    private byte[] write(Object value, Type declaredType, boolean ofDeclaredType) {
        Kryo kryo = kryos.obtain();
        Output output = outputs.obtain();
        try {
            output.writeByte(MAGIC);
            if (ofDeclaredType) {
                output.writeByte(OF_DECLARED_TYPE);
                kryo.writeObject(output, value);
            } else {
                output.writeByte(WITH_CLASS);
                kryo.writeClassAndObject(output, value);
            }
            byte[] bytes = output.toBytes();
            kryos.free(kryo);
            return bytes;
        } catch (RuntimeException | StackOverflowError e) {
            // The failed Kryo instance is dropped: its state after an exception is not to be trusted.
            throw CodecFailures.encoding(NAME, value, declaredType, KryoUnsafeAccess.explained(e));
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
            value = bytes[1] == OF_DECLARED_TYPE ? kryo.readObject(input, allowedDeclared(declaredType))
                    : kryo.readClassAndObject(input);
            end = input.position();
            kryos.free(kryo);
        } catch (RuntimeException | StackOverflowError | LinkageError e) {
            // LinkageError: bytes naming an allowed interface or abstract class, which Kryo's fallback instantiator
            // meets with an InstantiationError; or a class that cannot be linked.
            Throwable failure = KryoUnsafeAccess.explained(e);
            throw CodecFailures.decoding(NAME, bytes.length, declaredType, CodecFailures.firstLine(failure), failure);
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
        if (bytes[1] != WITH_CLASS && bytes[1] != OF_DECLARED_TYPE) {
            throw CodecFailures.decoding(NAME, bytes.length, declaredType,
                    "unknown kryo codec format version " + bytes[1], null);
        }
    }

    /**
     * The class a value written without its class name is read as, once the allow list has allowed it: a concrete
     * class, since only a value of exactly its declared type is written so.
     */
    private Class<?> allowedDeclared(Type declaredType) {
        Class<?> type = DeclaredTypes.erasure(declaredType);
        if (!allowedDeclaredTypes.contains(type)) {
            if (!type.isArray() && Modifier.isAbstract(type.getModifiers())) {
                throw new CodecException("the bytes hold a value without its class name, which only a value of a "
                        + "concrete declared type has");
            }
            allowList.check(type.getName());
            if (allowedDeclaredTypes.size() < MAX_CHECKED_TYPES) {
                allowedDeclaredTypes.add(type);
            }
        }
        return type;
    }

    private void release(Output output) {
        if (output.getBuffer().length <= MAX_POOLED_BUFFER) {
            output.reset();
            outputs.free(output);
        }
    }
}
