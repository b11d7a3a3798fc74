package io.github.redisjcache.codec;

import java.lang.reflect.InvocationTargetException;
import java.util.Locale;
import java.util.Objects;

/** Creates the shipped codecs, and codecs named in configuration. */
public final class Codecs {

    private static final String ACCEPTED = "expected `" + JsonCodec.NAME + "`, `" + KryoCodec.NAME
            + "`, or the fully-qualified name of a public class implementing " + CodecFactory.class.getName()
            + " with a public no-argument constructor";

    private Codecs() {
    }

    /**
     * Creates a JSON codec.
     *
     * @param allowList   the classes that stored bytes may name
     * @param classLoader the loader for class names in stored bytes, or {@code null} for the thread context loader
     * @return a new {@link JsonCodec}
     */
    public static Codec json(ClassAllowList allowList, ClassLoader classLoader) {
        return new JsonCodec(allowList, classLoader);
    }

    /**
     * Creates a Kryo codec.
     *
     * @param allowList   the classes that stored bytes may name
     * @param classLoader the loader for class names in stored bytes, or {@code null} for the thread context loader
     * @return a new {@link KryoCodec}
     */
    public static Codec kryo(ClassAllowList allowList, ClassLoader classLoader) {
        return new KryoCodec(allowList, classLoader);
    }

    /**
     * Wraps a codec so that its large values are stored LZ4-compressed.
     *
     * @param codec          the codec to wrap
     * @param thresholdBytes the encoded size from which values are compressed
     *                       (see {@link CompressingCodec#DEFAULT_THRESHOLD_BYTES})
     * @return a new {@link CompressingCodec} named {@code <codec>+lz4}
     */
    public static Codec compressed(Codec codec, int thresholdBytes) {
        return new CompressingCodec(codec, thresholdBytes);
    }

    /**
     * Returns the codec for a cache's keys: the codec itself, except that the Kryo codec names every class in keys as
     * earlier releases did ({@link KryoCodec#namingEveryClass}), since a key's bytes are its entry's name in Redis.
     *
     * @param codec the cache's codec
     * @return the codec for its keys
     */
    public static Codec forKeys(Codec codec) {
        return codec instanceof KryoCodec kryo ? kryo.namingEveryClass() : codec;
    }

    /**
     * Creates the codec named by a cache's {@code codec} setting.
     *
     * @param name        {@code json}, {@code kryo}, or the fully-qualified name of a {@link CodecFactory}
     *                    implementation
     * @param allowList   the classes that stored bytes may name
     * @param classLoader the loader for class names in stored bytes and for the factory class, or {@code null} for
     *                    the thread context loader
     * @return a new codec
     * @throws IllegalArgumentException when the name is none of these, or the factory cannot be used
     */
    public static Codec byName(String name, ClassAllowList allowList, ClassLoader classLoader) {
        Objects.requireNonNull(allowList, "allowList");
        String trimmed = name == null ? "" : name.strip();
        switch (trimmed.toLowerCase(Locale.ROOT)) {
            case JsonCodec.NAME:
                return json(allowList, classLoader);
            case KryoCodec.NAME:
                return kryo(allowList, classLoader);
            default:
                break;
        }
        if (trimmed.indexOf('.') < 0) {
            throw new IllegalArgumentException("Unknown codec '" + trimmed + "' in setting `codec`: " + ACCEPTED);
        }
        return fromFactory(trimmed, allowList, ClassLoaders.orDefault(classLoader, Codecs.class), classLoader);
    }

    private static Codec fromFactory(String className, ClassAllowList allowList, ClassLoader factoryLoader,
            ClassLoader codecLoader) {
        CodecFactory factory;
        try {
            // A configured class, not data from Redis: loading it is the point of the setting.
            Class<?> type = Class.forName(className, true, factoryLoader);
            if (!CodecFactory.class.isAssignableFrom(type)) {
                throw new IllegalArgumentException("Class " + className + " in setting `codec` does not implement "
                        + CodecFactory.class.getName() + ": " + ACCEPTED);
            }
            factory = (CodecFactory) type.getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("Unknown codec '" + className + "' in setting `codec` (no such class): "
                    + ACCEPTED, e);
        } catch (NoSuchMethodException | IllegalAccessException | InstantiationException e) {
            throw new IllegalArgumentException("Codec factory " + className + " in setting `codec` cannot be "
                    + "created: " + ACCEPTED, e);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("Codec factory " + className + " in setting `codec` failed in its "
                    + "constructor: " + e.getCause(), e.getCause());
        }
        Codec codec = factory.create(allowList, codecLoader);
        if (codec == null) {
            throw new IllegalArgumentException("Codec factory " + className + " in setting `codec` returned null");
        }
        return codec;
    }
}
