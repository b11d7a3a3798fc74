package io.github.redisjcache.config;

import java.time.Duration;
import java.util.Objects;

import javax.cache.configuration.Factory;
import javax.cache.expiry.ExpiryPolicy;

/** An expiry setting of the configuration file: a built-in policy and, unless eternal, how long entries live. */
final class ExpirySetting {

    private final ExpiryKind kind;
    private final Duration duration;

    private ExpirySetting(ExpiryKind kind, Duration duration) {
        this.kind = kind;
        this.duration = duration;
    }

    /** @return the eternal setting */
    static ExpirySetting eternal() {
        return new ExpirySetting(ExpiryKind.ETERNAL, null);
    }

    /**
     * Creates a setting with a duration.
     *
     * @param kind     any kind but {@link ExpiryKind#ETERNAL}
     * @param duration at least one millisecond
     * @return the setting
     */
    static ExpirySetting of(ExpiryKind kind, Duration duration) {
        if (kind == ExpiryKind.ETERNAL) {
            throw new IllegalArgumentException("an eternal expiry has no duration");
        }
        if (duration.toMillis() < 1) {
            throw new IllegalArgumentException("the duration must be at least 1ms, was " + duration);
        }
        return new ExpirySetting(kind, duration);
    }

    /** @return the policy kind */
    ExpiryKind kind() {
        return kind;
    }

    /** @return how long entries live, {@code null} when eternal */
    Duration duration() {
        return duration;
    }

    /** @return a factory of the policy, equal to the factory of an equal setting */
    Factory<ExpiryPolicy> factory() {
        return kind.factory(duration == null ? 0 : duration.toMillis());
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ExpirySetting)) {
            return false;
        }
        ExpirySetting that = (ExpirySetting) other;
        return kind == that.kind && Objects.equals(duration, that.duration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, duration);
    }

    @Override
    public String toString() {
        return duration == null ? kind.id() : kind.id() + " " + duration;
    }
}
