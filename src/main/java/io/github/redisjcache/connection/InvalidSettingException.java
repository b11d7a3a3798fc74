package io.github.redisjcache.connection;

/** Thrown when a setting has an unknown name or a bad value; the message names the setting and the reason. */
public class InvalidSettingException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    private final String setting;

    /**
     * Creates an exception for one setting.
     *
     * @param setting the setting's name as the user wrote it, e.g. {@code connection.pool-size}
     * @param reason  why the value was refused
     */
    public InvalidSettingException(String setting, String reason) {
        super("Invalid redis-jcache setting '" + setting + "': " + reason);
        this.setting = setting;
    }

    /**
     * Creates an exception for one setting, with the underlying failure.
     *
     * @param setting the setting's name
     * @param reason  why the value was refused
     * @param cause   the underlying failure
     */
    public InvalidSettingException(String setting, String reason, Throwable cause) {
        super("Invalid redis-jcache setting '" + setting + "': " + reason, cause);
        this.setting = setting;
    }

    /**
     * Returns the name of the refused setting.
     *
     * @return the setting's name
     */
    public String setting() {
        return setting;
    }
}
