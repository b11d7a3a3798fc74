package io.github.redisjcache.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import io.github.redisjcache.codec.fixtures.Color;
import io.github.redisjcache.codec.fixtures.Identifier;
import io.github.redisjcache.codec.fixtures.Person;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every codec must do, run once per shipped codec by the subclasses: round trips with the exact declared type
 * and with {@code Object} (keeping the exact class), deterministic keys, and failures that are always a
 * {@link CodecException} naming the codec and the expected type, never a wrong value or an {@link Error}.
 */
abstract class CodecContractTest {

    /** Allows the test value classes; the gadget package stays out. */
    static final ClassAllowList ALLOW_LIST =
            ClassAllowList.defaults().withPackages("io.github.redisjcache.codec.fixtures");

    private Codec codec;

    /**
     * Creates the codec under test.
     *
     * @param allowList the classes it may create
     * @return a new codec
     */
    protected abstract Codec codec(ClassAllowList allowList);

    @BeforeEach
    void createCodec() {
        codec = codec(ALLOW_LIST);
    }

    static List<Named<Object>> values() {
        return SampleValues.all();
    }

    /** One codec of each shipped kind, to write bytes this codec must refuse or read. */
    static List<Codec> allCodecs() {
        return List.of(new JsonCodec(ALLOW_LIST, null), new KryoCodec(ALLOW_LIST, null),
                new CompressingCodec(new JsonCodec(ALLOW_LIST, null), CompressingCodec.DEFAULT_THRESHOLD_BYTES),
                new CompressingCodec(new KryoCodec(ALLOW_LIST, null), CompressingCodec.DEFAULT_THRESHOLD_BYTES));
    }

    @ParameterizedTest
    @MethodSource("values")
    void roundTripsWithTheExactDeclaredType(Object value) {
        Object decoded = codec.decode(codec.encode(value, value.getClass()), value.getClass());

        assertThat(decoded).isEqualTo(value);
        assertThat(decoded.getClass()).isEqualTo(value.getClass());
    }

    @ParameterizedTest
    @MethodSource("values")
    void roundTripsAsObjectKeepingTheExactClass(Object value) {
        Object decoded = codec.decode(codec.encode(value, Object.class), Object.class);

        assertThat(decoded).isEqualTo(value);
        assertThat(decoded.getClass()).isEqualTo(value.getClass());
    }

    @ParameterizedTest
    @MethodSource("values")
    void anotherInstanceReadsTheBytes(Object value) {
        byte[] bytes = codec.encode(value, Object.class);

        assertThat(codec(ALLOW_LIST).decode(bytes, Object.class)).isEqualTo(value);
    }

    @Test
    void roundTripsWithGenericAndPrimitiveDeclaredTypes() throws NoSuchFieldException {
        Type mapOfIntegerToPerson = GenericTypes.class.getDeclaredField("mapOfIntegerToPerson").getGenericType();
        Map<Integer, Person> map = new TreeMap<>(Map.of(1, new Person("One", 1), 2, new Person("Two", 2)));

        assertThat(codec.decode(codec.encode(map, mapOfIntegerToPerson), mapOfIntegerToPerson)).isEqualTo(map);
        assertThat(codec.decode(codec.encode(42, int.class), int.class)).isEqualTo(42);
        assertThat(codec.decode(codec.encode(true, boolean.class), boolean.class)).isEqualTo(true);
    }

    @Test
    void equalKeysEncodeToEqualBytes() {
        for (Map.Entry<String, Supplier<Object>> sample : deterministicSamples().entrySet()) {
            Object first = sample.getValue().get();
            Object second = sample.getValue().get();
            for (Type declared : List.of(first.getClass(), Object.class)) {
                assertThat(codec.encode(first, declared))
                        .as("%s declared as %s", sample.getKey(), declared.getTypeName())
                        .isEqualTo(codec.encode(second, declared));
            }
        }
    }

    @Test
    void differentKeysEncodeToDifferentBytes() {
        assertThat(codec.encode(new Person("Ann", 3), Person.class))
                .isNotEqualTo(codec.encode(new Person("Ann", 4), Person.class));
        assertThat(codec.encode(1L, Object.class)).isNotEqualTo(codec.encode(1, Object.class));
    }

    @Test
    void everyTruncationFailsOrDecodesToTheSameValue() {
        List<Object> samples = List.of(new Person("Ann", 3), SampleValues.order(), "hello", new Identifier("id"),
                new TreeMap<>(Map.of("a", List.of(1L, 2L))), new int[] {1, 2, 3}, LocalDate.of(2024, 1, 1));
        for (Object sample : samples) {
            for (Type declared : List.of(sample.getClass(), Object.class)) {
                byte[] bytes = codec.encode(sample, declared);
                for (int length = 0; length < bytes.length; length++) {
                    assertFailsOrDecodesTo(Arrays.copyOf(bytes, length), declared, sample);
                }
            }
        }
    }

    @Test
    void garbageFailsWithACodecException() {
        Random random = new Random(7);
        List<byte[]> garbage = new ArrayList<>(List.of(new byte[0], new byte[] {0}, new byte[] {(byte) 0xFF},
                "not json".getBytes(StandardCharsets.UTF_8), "{\"name\":".getBytes(StandardCharsets.UTF_8),
                new byte[] {KryoCodec.MAGIC}, new byte[] {KryoCodec.MAGIC, KryoCodec.WITH_CLASS, 0x7F},
                new byte[] {KryoCodec.MAGIC, KryoCodec.OF_DECLARED_TYPE, 0x7F}));
        for (int length = 1; length <= 64; length++) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            garbage.add(bytes);
        }
        for (byte[] bytes : garbage) {
            assertThatThrownBy(() -> codec.decode(bytes, Person.class))
                    .as("decoding %s", Arrays.toString(bytes))
                    .isInstanceOf(CodecException.class)
                    .hasMessageContaining(codec.name())
                    .hasMessageContaining(Person.class.getName());
        }
    }

    @Test
    void bytesFollowedByGarbageFail() {
        for (Object value : List.of(new Person("Ann", 3), SampleValues.largeString())) {
            byte[] bytes = codec.encode(value, Object.class);
            byte[] longer = Arrays.copyOf(bytes, bytes.length + 3);
            longer[bytes.length] = '7';

            assertThatThrownBy(() -> codec.decode(longer, Object.class))
                    .isInstanceOf(CodecException.class)
                    .hasMessageContaining(codec.name());
        }
    }

    @Test
    void corruptedBytesNeverEscapeAsAnythingButACodecException() {
        Random random = new Random(11);
        for (Object value : List.of(SampleValues.order(), new ArrayList<>(List.of("a", 1L, new Person("B", 2))),
                new TreeMap<>(Map.of("k", new int[] {1, 2})), new String[] {"x", "y"})) {
            byte[] bytes = codec.encode(value, Object.class);
            for (int position = 0; position < bytes.length; position++) {
                for (int attempt = 0; attempt < 4; attempt++) {
                    byte[] corrupt = bytes.clone();
                    corrupt[position] = (byte) random.nextInt(256);
                    decodeIgnoringCodecExceptions(corrupt);
                }
            }
        }
    }

    @Test
    void corruptedBytesOfAValueOfItsDeclaredTypeNeverEscapeAsAnythingButACodecException() {
        // Written as the declared type says (the kryo codec's format 2, plain JSON), so read by the declared type's
        // own serializers, with no class name in the bytes to check first.
        Random random = new Random(13);
        for (Object value : List.of(SampleValues.order(), new Person("Ann", 3), new int[] {1, 2, 3},
                new String[] {"x", "y"}, new ArrayList<>(List.of("a", 1L)), Color.GREEN)) {
            byte[] bytes = codec.encode(value, value.getClass());
            for (int position = 0; position < bytes.length; position++) {
                for (int attempt = 0; attempt < 4; attempt++) {
                    byte[] corrupt = bytes.clone();
                    corrupt[position] = (byte) random.nextInt(256);
                    decodeIgnoringCodecExceptions(corrupt, value.getClass());
                }
            }
            for (int length = 0; length < 48; length++) {
                byte[] garbage = new byte[2 + length];
                random.nextBytes(garbage);
                System.arraycopy(bytes, 0, garbage, 0, Math.min(2, bytes.length));
                decodeIgnoringCodecExceptions(garbage, value.getClass());
            }
        }
    }

    @Test
    void bytesOfAnotherTypeFail() {
        byte[] string = codec.encode("abc", String.class);
        byte[] person = codec.encode(new Person("Ann", 3), Object.class);

        assertThatThrownBy(() -> codec.decode(string, Integer.class))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining(codec.name())
                .hasMessageContaining("java.lang.Integer");
        assertThatThrownBy(() -> codec.decode(person, Identifier.class))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining(codec.name())
                .hasMessageContaining(Identifier.class.getName());
    }

    @Test
    void bytesOfAnotherCodecFailOrAreReadByDesign() {
        for (Codec other : allCodecs()) {
            if (other.name().equals(codec.name())) {
                continue;
            }
            for (Object value : List.of(new Person("Ann", 3), SampleValues.largeString())) {
                byte[] foreign = other.encode(value, value.getClass());
                if (readsBytesOf(other, foreign)) {
                    assertThat(codec.decode(foreign, value.getClass())).as("%s bytes", other.name()).isEqualTo(value);
                } else {
                    assertThatThrownBy(() -> codec.decode(foreign, value.getClass()))
                            .as("decoding %s bytes", other.name())
                            .isInstanceOf(CodecException.class)
                            .hasMessageContaining(codec.name())
                            .hasMessageContaining(value.getClass().getName());
                }
            }
        }
    }

    @Test
    void encodingAValueThatIsNotOfTheDeclaredTypeFails() {
        assertThatThrownBy(() -> codec.encode("abc", Integer.class))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining(codec.name())
                .hasMessageContaining("java.lang.Integer");
        assertThatThrownBy(() -> codec.encode(null, Object.class)).isInstanceOf(CodecException.class);
    }

    @Test
    void refusesACyclicValue() {
        List<Object> cycle = new ArrayList<>();
        cycle.add("start");
        cycle.add(cycle);

        assertThatThrownBy(() -> codec.encode(cycle, Object.class))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining(codec.name());
    }

    @Test
    void refusesAValueClassOutsideTheAllowList() {
        byte[] bytes = codec.encode(new Person("Ann", 3), Object.class);
        Codec strict = codec(ClassAllowList.defaults());

        assertThatThrownBy(() -> strict.decode(bytes, Object.class))
                .isInstanceOf(ClassNotAllowedException.class)
                .hasMessageContaining(Person.class.getName())
                .hasMessageContaining("allowed-packages")
                .extracting(e -> ((ClassNotAllowedException) e).className())
                .isEqualTo(Person.class.getName());
    }

    @Test
    void readsAValueClassAllowedByTypeOrByPackage() {
        byte[] bytes = codec.encode(new Person("Ann", 3), Object.class);

        assertThat(codec(ClassAllowList.defaults().withTypes(Person.class)).decode(bytes, Object.class))
                .isEqualTo(new Person("Ann", 3));
        assertThat(codec(ClassAllowList.defaults().withPackages("io.github.redisjcache")).decode(bytes, Object.class))
                .isEqualTo(new Person("Ann", 3));
    }

    @Test
    void isSafeToShareBetweenThreads() throws Exception {
        List<Named<Object>> samples = SampleValues.all().stream()
                .filter(sample -> !sample.getName().startsWith("1 MiB"))
                .toList();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int task = 0; task < 8; task++) {
                tasks.add(() -> {
                    for (int round = 0; round < 20; round++) {
                        for (Named<Object> sample : samples) {
                            Object value = sample.getPayload();
                            assertThat(codec.decode(codec.encode(value, Object.class), Object.class))
                                    .as(sample.getName())
                                    .isEqualTo(value);
                        }
                    }
                    return samples.size();
                });
            }
            for (Future<Integer> result : threads.invokeAll(tasks)) {
                assertThat(result.get()).isEqualTo(samples.size());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /** Keys a cache would use; hash-based collections are left out (their bytes follow iteration order). */
    private static Map<String, Supplier<Object>> deterministicSamples() {
        Map<String, Supplier<Object>> samples = new TreeMap<>();
        samples.put("record", () -> new Person("Ann", 3));
        samples.put("nested record", SampleValues::order);
        samples.put("no default constructor", () -> new Identifier(new String("id")));
        samples.put("string", () -> new String("key"));
        samples.put("long", () -> Long.valueOf(123_456_789_012L));
        samples.put("decimal", () -> new BigDecimal("1.50"));
        samples.put("uuid", () -> new UUID(1, 2));
        samples.put("date", () -> LocalDate.of(2024, 3, 1));
        samples.put("list", () -> List.of(1, 2, 3));
        samples.put("sorted map", () -> new TreeMap<>(Map.of("b", 2, "a", 1, "c", 3)));
        return samples;
    }

    /** A codec reads another's bytes when both share a format, unless they are compressed and it cannot expand. */
    private boolean readsBytesOf(Codec writer, byte[] bytes) {
        boolean sameFormat = baseName(codec).equals(baseName(writer));
        return sameFormat && (!CompressionSupport.isCompressed(bytes) || codec instanceof CompressingCodec);
    }

    private static String baseName(Codec codec) {
        return codec instanceof CompressingCodec compressing ? compressing.inner().name() : codec.name();
    }

    private void assertFailsOrDecodesTo(byte[] bytes, Type declared, Object expected) {
        Object decoded;
        try {
            decoded = codec.decode(bytes, declared);
        } catch (CodecException e) {
            assertThat(e).hasMessageContaining(codec.name());
            return;
        }
        assertThat(decoded).as("%d bytes decoded as %s", bytes.length, declared.getTypeName()).isEqualTo(expected);
    }

    private void decodeIgnoringCodecExceptions(byte[] bytes) {
        decodeIgnoringCodecExceptions(bytes, Object.class);
    }

    private void decodeIgnoringCodecExceptions(byte[] bytes, Class<?> declaredType) {
        try {
            codec.decode(bytes, declaredType);
        } catch (CodecException expected) {
            // The only acceptable failure.
        } catch (Throwable other) {
            fail("Corrupt bytes %s escaped as %s", Arrays.toString(bytes), other, other);
        }
    }

    /** Holds fields whose generic types serve as declared types. */
    @SuppressWarnings("unused")
    private static final class GenericTypes {
        private Map<Integer, Person> mapOfIntegerToPerson;
    }
}
