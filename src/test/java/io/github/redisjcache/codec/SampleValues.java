package io.github.redisjcache.codec;

import io.github.redisjcache.codec.fixtures.Color;
import io.github.redisjcache.codec.fixtures.Identifier;
import io.github.redisjcache.codec.fixtures.Line;
import io.github.redisjcache.codec.fixtures.Order;
import io.github.redisjcache.codec.fixtures.Person;
import io.github.redisjcache.codec.fixtures.Tag;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Currency;
import java.util.Date;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Named;

/** Values every codec must store and restore; each is built fresh on every call, so equal values are distinct. */
final class SampleValues {

    static final int ONE_MIB = 1024 * 1024;

    private static final String LARGE_STRING = "0123456789abcdef".repeat(ONE_MIB / 16);
    private static final byte[] LARGE_BYTES = randomBytes(ONE_MIB, 42);

    private SampleValues() {
    }

    /**
     * Returns the sample values, each named for test reports.
     *
     * @return fresh sample values
     */
    static List<Named<Object>> all() {
        return suppliers().entrySet().stream()
                .map(entry -> Named.of(entry.getKey(), entry.getValue().get()))
                .toList();
    }

    /**
     * Returns the sample value factories, so a test can build two equal but distinct values.
     *
     * @return value factories by name, in a stable order
     */
    static Map<String, Supplier<Object>> suppliers() {
        Map<String, Supplier<Object>> values = new LinkedHashMap<>();
        values.put("empty string", () -> new String(""));
        values.put("ascii string", () -> new String("hello, cache"));
        values.put("unicode string", () -> "Grüße, 世界 🌍 \u0000 \"quoted\" \\ \n\t end");
        values.put("int", () -> 42);
        values.put("negative int", () -> Integer.MIN_VALUE);
        values.put("long", () -> 42L);
        values.put("large long", () -> Long.MAX_VALUE);
        values.put("short", () -> (short) 7);
        values.put("byte", () -> (byte) -3);
        values.put("char", () -> 'x');
        values.put("float", () -> 1.25f);
        values.put("double", () -> 3.141592653589793);
        values.put("negative zero", () -> -0.0d);
        values.put("NaN", () -> Double.NaN);
        values.put("BigDecimal", () -> new BigDecimal("12345.678900"));
        values.put("BigDecimal with exponent", () -> new BigDecimal("1E+3"));
        values.put("BigInteger", () -> new BigInteger("123456789012345678901234567890"));
        values.put("true", () -> Boolean.TRUE);
        values.put("false", () -> Boolean.FALSE);
        values.put("record", () -> new Person("Ann", 3));
        values.put("nested record", SampleValues::order);
        values.put("no default constructor", () -> new Identifier("cache-1"));
        values.put("parameter named unlike field", () -> new Tag("urgent", 5));
        values.put("enum", () -> Color.RED);
        values.put("enum constant with body", () -> Color.GREEN);
        values.put("HashMap", () -> new HashMap<>(Map.of("a", 1, "b", "two", "c", List.of(3L))));
        values.put("LinkedHashMap", () -> linkedMap());
        values.put("TreeMap", () -> new TreeMap<>(Map.of("x", new Person("X", 1), "y", new Identifier("y"))));
        values.put("ConcurrentHashMap", () -> new ConcurrentHashMap<>(Map.of("k", 1L)));
        values.put("nested map", () -> new TreeMap<>(Map.of("inner", new TreeMap<>(Map.of("deep", List.of(1, 2))))));
        values.put("ArrayList", () -> new ArrayList<>(List.of(1, "two", 3L, new Person("Bo", 4))));
        values.put("LinkedList", () -> new LinkedList<>(List.of(new Identifier("a"), new Identifier("b"))));
        values.put("CopyOnWriteArrayList", () -> new CopyOnWriteArrayList<>(List.of("q")));
        values.put("List.of", () -> List.of(1, 2, 3));
        values.put("Arrays.asList", () -> Arrays.asList("a", "b"));
        values.put("unmodifiable list", () -> Collections.unmodifiableList(new ArrayList<>(List.of(5, 6))));
        values.put("empty list", Collections::emptyList);
        values.put("singleton list", () -> Collections.singletonList("only"));
        values.put("HashSet", () -> new HashSet<>(Set.of("a", "b", "c")));
        values.put("LinkedHashSet", () -> new LinkedHashSet<>(List.of(3, 1, 2)));
        values.put("TreeSet", () -> new TreeSet<>(Set.of("b", "a")));
        values.put("Set.of", () -> Set.of(7));
        values.put("EnumSet", () -> EnumSet.of(Color.RED, Color.GREEN));
        values.put("Instant", () -> Instant.ofEpochSecond(1_700_000_000L, 123_456_789));
        values.put("LocalDate", () -> LocalDate.of(2024, 2, 29));
        values.put("LocalTime", () -> LocalTime.of(23, 59, 58, 1000));
        values.put("LocalDateTime", () -> LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6));
        values.put("ZonedDateTime", () -> ZonedDateTime.of(2024, 7, 1, 12, 0, 0, 0, ZoneId.of("Europe/Paris")));
        values.put("OffsetDateTime", () -> OffsetDateTime.of(2024, 7, 1, 12, 0, 0, 0, ZoneOffset.ofHours(-5)));
        values.put("Duration", () -> Duration.ofMillis(1500));
        values.put("Period", () -> Period.of(1, 2, 3));
        values.put("YearMonth", () -> YearMonth.of(2030, 12));
        values.put("java.util.Date", () -> new Date(1_700_000_000_123L));
        values.put("UUID", () -> new UUID(0x0123456789abcdefL, 0xfedcba9876543210L));
        values.put("URI", () -> URI.create("https://example.com/a?b=c"));
        values.put("Locale", () -> Locale.CANADA_FRENCH);
        values.put("Currency", () -> Currency.getInstance("EUR"));
        values.put("Optional", () -> Optional.of("present"));
        values.put("empty Optional", Optional::empty);
        values.put("Optional of record", () -> Optional.of(new Person("Cy", 5)));
        values.put("int[]", () -> new int[] {1, -2, Integer.MAX_VALUE});
        values.put("long[]", () -> new long[] {Long.MIN_VALUE, 0L});
        values.put("byte[]", () -> new byte[] {0, 1, -1, 127});
        values.put("String[]", () -> new String[] {"a", null, ""});
        values.put("Object[]", () -> new Object[] {1, "two", 3L, new Person("Di", 6), new int[] {7}});
        values.put("record[]", () -> new Person[] {new Person("Ed", 7)});
        values.put("1 MiB string", () -> new String(LARGE_STRING));
        values.put("1 MiB byte[]", LARGE_BYTES::clone);
        return values;
    }

    /**
     * Returns a record that nests records, collections, a map, an enum, an instant and an optional.
     *
     * @return a new order
     */
    static Order order() {
        return new Order(new Identifier("order-7"), new Person("Ann", 3),
                List.of(new Line("sku-1", 2, new BigDecimal("9.99")), new Line("sku-2", 1, new BigDecimal("0.50"))),
                new TreeMap<>(Map.of("net", new BigDecimal("20.48"), "tax", new BigDecimal("4.10"))), Color.GREEN,
                Instant.parse("2024-05-06T07:08:09.010Z"), Optional.of("leave at the door"));
    }

    /**
     * Returns a large string, the same content on every call.
     *
     * @return a new 1 MiB string
     */
    static String largeString() {
        return new String(LARGE_STRING);
    }

    /**
     * Returns pseudo-random bytes.
     *
     * @param length how many
     * @param seed   the random seed
     * @return the bytes
     */
    static byte[] randomBytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static Map<String, Object> linkedMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("z", 26);
        map.put("a", new Person("Al", 1));
        map.put("none", null);
        return map;
    }
}
