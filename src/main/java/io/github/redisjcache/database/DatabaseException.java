package io.github.redisjcache.database;

/**
 * Thrown when a {@link Database} operation fails; it has already been logged once, with the operation and the key.
 */
public class DatabaseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String operation;
    private final String key;

    /**
     * Creates an exception.
     *
     * @param operation the operation, e.g. {@code GET}
     * @param key       the key, or {@code null} for operations on several keys
     * @param cause     the underlying failure
     */
    public DatabaseException(String operation, String key, Throwable cause) {
        super("Database " + operation + " failed" + (key == null ? "" : " for key '" + key + "'") + ": "
                + describe(cause), cause);
        this.operation = operation;
        this.key = key;
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message;
    }

    /** @return the failed operation */
    public String operation() {
        return operation;
    }

    /** @return the key, or {@code null} */
    public String key() {
        return key;
    }
}
