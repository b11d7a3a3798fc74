package io.github.redisjcache.codec;

/**
 * Creates a user-supplied {@link Codec}; name the implementing class in a cache's {@code codec} setting to use it.
 *
 * <p>Implementations are public classes with a public no-argument constructor.
 */
public interface CodecFactory {

    /**
     * Creates the codec.
     *
     * @param allowList   the classes the cache allows stored bytes to name; a codec that creates classes named in the
     *                    bytes must refuse any other (see {@link ClassAllowList#check(String)})
     * @param classLoader the loader to resolve class names with
     * @return a thread-safe codec, never {@code null}
     */
    Codec create(ClassAllowList allowList, ClassLoader classLoader);
}
