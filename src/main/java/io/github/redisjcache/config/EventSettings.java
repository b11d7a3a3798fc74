package io.github.redisjcache.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.redisjcache.connection.InvalidSettingException;
import io.github.redisjcache.connection.SettingValues;

/**
 * The timing of a cache manager's event machinery: the {@code events} section of the configuration file and the
 * {@code events.*} properties.
 *
 * <ul>
 *   <li>{@code listener-lease}: how long a registration of listeners lives in Redis without renewal (renewed every
 *   third of it): a JVM that died stops counting as a listener after this, so writers stop publishing for it.</li>
 *   <li>{@code expiry-grace}: how much longer than an entry its shadow lives: an expiry not reported within this
 *   time after it happened (every JVM listening was down, say) is never reported.</li>
 *   <li>{@code expiry-sweep}: how often a cache's shadows are swept for expired entries when the server refuses
 *   keyspace notifications: the delay of expiry events on such servers.</li>
 * </ul>
 */
public final class EventSettings {

    /** The names of the settings. */
    static final List<String> NAMES = List.of("listener-lease", "expiry-grace", "expiry-sweep");

    /** The settings when nothing is configured. */
    public static final EventSettings DEFAULTS = new EventSettings(Duration.ofSeconds(15), Duration.ofSeconds(60),
            Duration.ofSeconds(2));

    private static final String PREFIX = "events.";

    private final Duration listenerLease;
    private final Duration expiryGrace;
    private final Duration expirySweep;

    private EventSettings(Duration listenerLease, Duration expiryGrace, Duration expirySweep) {
        this.listenerLease = listenerLease;
        this.expiryGrace = expiryGrace;
        this.expirySweep = expirySweep;
    }

    /** Collects layers of event settings, later layers winning, and blames the layer a refused setting came from. */
    static final class Assembler {
        private final Map<String, String> values = new LinkedHashMap<>();
        private final Map<String, String> sources = new LinkedHashMap<>();

        /**
         * Adds a layer.
         *
         * @param source   where the settings come from, named in errors
         * @param settings settings by name, without the {@code events.} prefix
         * @return this assembler
         */
        Assembler add(String source, Map<String, String> settings) {
            settings.forEach((name, value) -> {
                if (!NAMES.contains(name)) {
                    throw new InvalidConfigurationException(source, PREFIX + name,
                            "unknown setting; known event settings are " + String.join(", ", NAMES));
                }
                values.put(name, value);
                sources.put(name, source);
            });
            return this;
        }

        /**
         * Builds the settings.
         *
         * @return the settings
         * @throws InvalidConfigurationException naming the layer, the setting and the reason
         */
        EventSettings build() {
            return new EventSettings(
                    read("listener-lease", DEFAULTS.listenerLease, Duration.ofSeconds(1), Duration.ofHours(1)),
                    read("expiry-grace", DEFAULTS.expiryGrace, Duration.ofSeconds(1), Duration.ofDays(7)),
                    read("expiry-sweep", DEFAULTS.expirySweep, Duration.ofMillis(100), Duration.ofHours(1)));
        }

        private Duration read(String name, Duration fallback, Duration min, Duration max) {
            String value = values.get(name);
            if (value == null) {
                return fallback;
            }
            String setting = PREFIX + name;
            try {
                Duration duration = SettingValues.duration(setting, value);
                if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
                    throw new InvalidSettingException(setting, "must be between " + text(min) + " and " + text(max)
                            + ", was '" + value + "'");
                }
                return duration;
            } catch (InvalidSettingException e) {
                throw InvalidConfigurationException.of(sources.get(name), e);
            }
        }

        private static String text(Duration duration) {
            return duration.toMillis() < 1000 ? duration.toMillis() + "ms" : duration.toSeconds() + "s";
        }
    }

    /** @return how long a registration of listeners lives without renewal */
    public Duration listenerLease() {
        return listenerLease;
    }

    /** @return how much longer than an entry its shadow lives */
    public Duration expiryGrace() {
        return expiryGrace;
    }

    /** @return how often shadows are swept when keyspace notifications are unavailable */
    public Duration expirySweep() {
        return expirySweep;
    }

    @Override
    public String toString() {
        return "EventSettings{listener-lease=" + listenerLease + ", expiry-grace=" + expiryGrace + ", expiry-sweep="
                + expirySweep + "}";
    }
}
