package io.github.redisjcache.database;

import java.time.Duration;
import java.util.Optional;

/**
 * The remaining time to live of a key, as {@link Database#ttl(String)} reports it.
 *
 * @param exists    whether the key exists
 * @param remaining the time left, or {@code null} when the key does not exist or never expires
 */
public record Ttl(boolean exists, Duration remaining) {

    static final Ttl MISSING = new Ttl(false, null);
    static final Ttl PERSISTENT = new Ttl(true, null);

    /** @return whether the key exists and has no expiry */
    public boolean isPersistent() {
        return exists && remaining == null;
    }

    /** @return the time left, when the key exists and expires */
    public Optional<Duration> timeLeft() {
        return Optional.ofNullable(remaining);
    }
}
