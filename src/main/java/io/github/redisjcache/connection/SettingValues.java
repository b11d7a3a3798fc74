package io.github.redisjcache.connection;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the textual values of settings (numbers, durations, booleans), naming the setting in every error. */
public final class SettingValues {

    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    private SettingValues() {
    }

    /**
     * Parses a duration written as {@code 500ms}, {@code 3s}, {@code 5m}, {@code 2h}, {@code 1d}, ISO-8601
     * ({@code PT3S}) or a bare number of milliseconds.
     *
     * @param setting the setting's name, for the error message
     * @param value   the text
     * @return the duration, never negative
     */
    public static Duration duration(String setting, String value) {
        String text = requireText(setting, value).toLowerCase(Locale.ROOT);
        Matcher simple = SIMPLE_DURATION.matcher(text);
        try {
            if (simple.matches()) {
                long amount = Long.parseLong(simple.group(1));
                String unit = simple.group(2) == null ? "ms" : simple.group(2);
                switch (unit) {
                    case "ms":
                        return Duration.ofMillis(amount);
                    case "s":
                        return Duration.ofSeconds(amount);
                    case "m":
                        return Duration.ofMinutes(amount);
                    case "h":
                        return Duration.ofHours(amount);
                    default:
                        return Duration.ofDays(amount);
                }
            }
            Duration parsed = Duration.parse(text.toUpperCase(Locale.ROOT));
            if (parsed.isNegative()) {
                throw new InvalidSettingException(setting, "must not be negative, was '" + value + "'");
            }
            return parsed;
        } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
            throw new InvalidSettingException(setting,
                    "expected a duration such as 500ms, 3s, 5m, 2h, 1d or PT3S, was '" + value + "'", e);
        }
    }

    /**
     * Parses a whole number within bounds.
     *
     * @param setting the setting's name, for the error message
     * @param value   the text
     * @param min     the smallest accepted value
     * @param max     the largest accepted value
     * @return the number
     */
    public static int integer(String setting, String value, int min, int max) {
        String text = requireText(setting, value);
        int parsed;
        try {
            parsed = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(setting, "expected a whole number, was '" + value + "'", e);
        }
        if (parsed < min || parsed > max) {
            throw new InvalidSettingException(setting,
                    "must be between " + min + " and " + max + ", was " + parsed);
        }
        return parsed;
    }

    /**
     * Parses {@code true} or {@code false} (case-insensitive); anything else is refused.
     *
     * @param setting the setting's name, for the error message
     * @param value   the text
     * @return the boolean
     */
    public static boolean bool(String setting, String value) {
        String text = requireText(setting, value).toLowerCase(Locale.ROOT);
        if (text.equals("true")) {
            return true;
        }
        if (text.equals("false")) {
            return false;
        }
        throw new InvalidSettingException(setting, "expected true or false, was '" + value + "'");
    }

    /**
     * Parses one of an enum's constants, written in any case and with {@code -} for {@code _}
     * ({@code master-replica} for {@code MASTER_REPLICA}).
     *
     * @param setting  the setting's name, for the error message
     * @param value    the text
     * @param choices  the enum's constants
     * @param expected the accepted names as the error message lists them
     * @param <E>      the enum
     * @return the constant
     */
    static <E extends Enum<E>> E choice(String setting, String value, E[] choices, String expected) {
        String text = value == null ? "" : value.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (E choice : choices) {
            if (choice.name().equals(text)) {
                return choice;
            }
        }
        throw new InvalidSettingException(setting, "expected " + expected + ", was '" + value + "'");
    }

    /**
     * Checks that a duration fits Redisson's millisecond {@code int} settings.
     *
     * @param setting  the setting's name, for the error message
     * @param duration the duration
     * @return the duration in milliseconds
     */
    public static int millis(String setting, Duration duration) {
        long millis = duration.toMillis();
        if (millis > Integer.MAX_VALUE) {
            throw new InvalidSettingException(setting, "must be at most " + Integer.MAX_VALUE + "ms, was " + duration);
        }
        return (int) millis;
    }

    private static String requireText(String setting, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidSettingException(setting, "a value is required");
        }
        return value.trim();
    }
}
