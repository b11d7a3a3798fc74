package io.github.redisjcache.codec;

import java.lang.reflect.Type;

/** Builds the exceptions codecs throw, so every message names the codec and the type involved. */
final class CodecFailures {

    private static final int MAX_CAUSE_DEPTH = 32;

    private CodecFailures() {
    }

    /**
     * Describes a failure to decode.
     *
     * @param codec        the codec name
     * @param length       how many bytes were given
     * @param declaredType the type the caller expected
     * @param reason       what was wrong, in a few words
     * @param cause        the underlying failure, or {@code null}
     * @return the refusal found in the cause chain, unchanged, or else a new exception naming codec and type
     */
    static CodecException decoding(String codec, int length, Type declaredType, String reason, Throwable cause) {
        ClassNotAllowedException refusal = findRefusal(cause);
        if (refusal != null) {
            return refusal;
        }
        return new CodecException("Codec '" + codec + "' cannot decode " + length + " bytes as "
                + declaredType.getTypeName() + ": " + reason, cause);
    }

    /**
     * Describes a failure to encode.
     *
     * @param codec        the codec name
     * @param value        the value that could not be encoded
     * @param declaredType the type it was to be stored as
     * @param cause        the underlying failure
     * @return a new exception naming codec, value class and type
     */
    static CodecException encoding(String codec, Object value, Type declaredType, Throwable cause) {
        return new CodecException("Codec '" + codec + "' cannot encode a " + value.getClass().getName() + " as "
                + declaredType.getTypeName() + ": " + firstLine(cause), cause);
    }

    /**
     * Returns the first line of a failure's message, for use as a reason.
     *
     * @param failure any throwable
     * @return its first message line, or its class name when it has no message
     */
    static String firstLine(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getName();
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static ClassNotAllowedException findRefusal(Throwable failure) {
        // Bounded: a cause chain can loop.
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSE_DEPTH; depth++, cause = cause.getCause()) {
            if (cause instanceof ClassNotAllowedException refusal) {
                return refusal;
            }
        }
        return null;
    }
}
