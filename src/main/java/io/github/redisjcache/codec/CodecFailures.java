package io.github.redisjcache.codec;

import java.lang.reflect.Type;
import java.util.function.Predicate;

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
                + declaredType.getTypeName() + ": " + withoutQuotes(reason), scrub(cause));
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
                + declaredType.getTypeName() + ": " + firstLine(cause), scrub(cause));
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
        return withoutQuotes(newline < 0 ? message : message.substring(0, newline));
    }

    /**
     * Blanks out what a message quotes: parsers quote the offending input, which is the stored value, and values
     * must never reach logs or exception messages.
     */
    static String withoutQuotes(String message) {
        if (message == null) {
            return null;
        }
        return message.replaceAll("\"[^\"]*\"", "\"…\"").replaceAll("'[^']*'", "'…'");
    }

    /**
     * Copies a cause chain with the messages stripped of quoted input, keeping the classes (in the message) and the
     * stack traces, so a logged codec failure never carries a cached value.
     */
    static Throwable scrub(Throwable failure) {
        if (failure == null || failure instanceof ClassNotAllowedException) {
            return failure;
        }
        Throwable[] chain = new Throwable[MAX_CAUSE_DEPTH];
        int length = 0;
        for (Throwable cause = failure; cause != null && length < MAX_CAUSE_DEPTH; cause = cause.getCause()) {
            chain[length++] = cause;
        }
        Throwable copy = null;
        for (int i = length - 1; i >= 0; i--) {
            Throwable original = chain[i];
            ScrubbedFailure scrubbed = new ScrubbedFailure(original.getClass().getName() + ": "
                    + firstLine(original), copy);
            scrubbed.setStackTrace(original.getStackTrace());
            copy = scrubbed;
        }
        return copy;
    }

    /** A failure of a codec's library, with its message stripped of the input it quoted. */
    static final class ScrubbedFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        ScrubbedFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @param failure a failure, or null
     * @param wanted  what the cause sought satisfies
     * @return the first throwable of the failure's cause chain (the failure included) that satisfies it, or null
     */
    static Throwable findInChain(Throwable failure, Predicate<Throwable> wanted) {
        // Bounded: a cause chain can loop.
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSE_DEPTH; depth++, cause = cause.getCause()) {
            if (wanted.test(cause)) {
                return cause;
            }
        }
        return null;
    }

    private static ClassNotAllowedException findRefusal(Throwable failure) {
        return (ClassNotAllowedException) findInChain(failure, ClassNotAllowedException.class::isInstance);
    }
}
