package io.github.redisjcache.codec;

/** Thrown when a value cannot be encoded, or stored bytes cannot be decoded, by a {@link Codec}. */
public class CodecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what failed, naming the codec and the expected type
     * @param cause   the underlying failure, or {@code null}
     */
    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates an exception.
     *
     * @param message what failed, naming the codec and the expected type
     */
    public CodecException(String message) {
        super(message);
    }
}
