package io.github.redisjcache.store;

import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;

import org.redisson.client.RedisException;

/**
 * Makes the Redis client's failures safe to show: Redisson's messages quote the command's parameters (keys and the
 * first bytes of values), and values must never reach logs or exception messages.
 */
public final class RedisFailures {

    private static final Pattern PARAMETERS = Pattern.compile("params: \\[.*?(?=, channel: |$)", Pattern.DOTALL);
    private static final int MAX_DEPTH = 16;

    private RedisFailures() {
    }

    /**
     * Describes a failure in one line without command parameters.
     *
     * @param failure the failure
     * @return its class and message, parameters hidden
     */
    public static String describe(Throwable failure) {
        String message = failure.getMessage();
        String text = message == null ? "" : ": " + hideParameters(message);
        return failure.getClass().getSimpleName() + text;
    }

    /**
     * The error reply a command failed with, as the client reports it: the server's error first, then where it came
     * from.
     *
     * @param failure how a command's future failed
     * @return the message of its {@link RedisException}, or null when it failed otherwise
     */
    static String errorReply(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause() : failure;
        return cause instanceof RedisException ? cause.getMessage() : null;
    }

    /**
     * Hides the command parameters a message quotes.
     *
     * @param message a message
     * @return the message with {@code params: [...]} replaced
     */
    public static String hideParameters(String message) {
        return message == null ? null : PARAMETERS.matcher(message).replaceAll("params: (hidden)");
    }

    /**
     * Copies a cause chain with its messages' parameters hidden, keeping classes (in the messages) and stack traces.
     *
     * @param failure the failure
     * @return the safe copy
     */
    public static Throwable scrub(Throwable failure) {
        if (failure == null) {
            return null;
        }
        Throwable[] chain = new Throwable[MAX_DEPTH];
        int length = 0;
        for (Throwable cause = failure; cause != null && length < MAX_DEPTH; cause = cause.getCause()) {
            chain[length++] = cause;
        }
        Throwable copy = null;
        for (int i = length - 1; i >= 0; i--) {
            Throwable original = chain[i];
            if (original instanceof javax.cache.CacheException && i == 0 && copy == original.getCause()) {
                return original;
            }
            RedisFailure scrubbed = new RedisFailure(original.getClass().getName() + ": "
                    + hideParameters(String.valueOf(original.getMessage())), copy);
            scrubbed.setStackTrace(original.getStackTrace());
            copy = scrubbed;
        }
        return copy;
    }

    /** A failure of the Redis client, its message stripped of command parameters. */
    static final class RedisFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        RedisFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
