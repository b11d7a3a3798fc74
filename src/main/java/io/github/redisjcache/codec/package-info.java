/**
 * Serialization of cache keys and values to bytes: the {@link io.github.redisjcache.codec.Codec} SPI, the shipped
 * JSON and Kryo codecs, compression, and the allow-list of classes a codec may create.
 *
 * <p>Start from {@link io.github.redisjcache.codec.Codecs}: {@code json} (plain JSON where the declared type allows,
 * readable by other languages), {@code kryo} (compact, Java only), either wrapped by
 * {@link io.github.redisjcache.codec.CompressingCodec} for large values, or a user
 * {@link io.github.redisjcache.codec.CodecFactory} named by class. Every codec that creates classes named in stored
 * bytes checks them against a {@link io.github.redisjcache.codec.ClassAllowList} first.
 */
package io.github.redisjcache.codec;
