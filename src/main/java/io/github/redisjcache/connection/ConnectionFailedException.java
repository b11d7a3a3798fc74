package io.github.redisjcache.connection;

/** Thrown when a connection to Redis cannot be opened. */
public class ConnectionFailedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception.
     *
     * @param message what failed, naming the target without secrets
     * @param cause   the underlying failure
     */
    public ConnectionFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
