package io.github.redisjcache.config;

import javax.cache.CacheException;

import io.github.redisjcache.connection.InvalidSettingException;

/** Thrown when a configuration file, URI or property is refused; the message names the source, the key and why. */
public class InvalidConfigurationException extends CacheException {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final String key;
    private final String reason;

    /**
     * Creates an exception for one key of one source.
     *
     * @param source where the configuration came from, e.g. the file's URI
     * @param key    the full key path, e.g. {@code caches.users.expiry.policy}, or {@code null} for the whole source
     * @param reason why it was refused
     */
    public InvalidConfigurationException(String source, String key, String reason) {
        this(source, key, reason, null);
    }

    /**
     * Creates an exception for one key of one source, with the underlying failure.
     *
     * @param source where the configuration came from, e.g. the file's URI
     * @param key    the full key path, or {@code null} for the whole source
     * @param reason why it was refused
     * @param cause  the underlying failure, or {@code null}
     */
    public InvalidConfigurationException(String source, String key, String reason, Throwable cause) {
        super(message(source, key, reason), cause);
        this.source = source;
        this.key = key;
        this.reason = reason;
    }

    /**
     * Wraps a refused connection or value setting, keeping it as the cause.
     *
     * @param source  where the setting came from
     * @param refused the refusal, whose setting name is the key path
     * @return the exception
     */
    static InvalidConfigurationException of(String source, InvalidSettingException refused) {
        return new InvalidConfigurationException(source, refused.setting(), reasonOf(refused), refused);
    }

    // InvalidSettingException only exposes its whole message; keep the reason so the key is not named twice.
    private static String reasonOf(InvalidSettingException refused) {
        String message = String.valueOf(refused.getMessage());
        String prefix = "Invalid redis-jcache setting '" + refused.setting() + "': ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private static String message(String source, String key, String reason) {
        String where = key == null ? "" : " at '" + key + "'";
        return "Invalid redis-jcache configuration in " + source + where + ": " + reason;
    }

    /** @return where the configuration came from, e.g. the file's URI or {@code cache manager properties} */
    public String source() {
        return source;
    }

    /** @return the full key path that was refused, or {@code null} when the whole source was */
    public String key() {
        return key;
    }

    /** @return why the configuration was refused */
    public String reason() {
        return reason;
    }
}
