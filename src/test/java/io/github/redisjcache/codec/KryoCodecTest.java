package io.github.redisjcache.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.esotericsoftware.kryo.io.Output;
import io.github.redisjcache.codec.fixtures.Animal;
import io.github.redisjcache.codec.fixtures.Color;
import io.github.redisjcache.codec.fixtures.Dog;
import io.github.redisjcache.codec.fixtures.Person;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** What is particular to the Kryo format: its header and its guards against corrupt sizes. */
class KryoCodecTest {

    private final KryoCodec codec = new KryoCodec(CodecContractTest.ALLOW_LIST, null);

    @Test
    void startsWithAHeaderThatNeitherJsonNorCompressionCanStartWith() {
        byte[] bytes = codec.encode("abc", String.class);

        assertThat(bytes[0]).isEqualTo((byte) 0xC1).isNotZero();
        assertThat(bytes[1]).isEqualTo((byte) 1);
    }

    @Test
    void refusesBytesWithoutItsHeader() {
        assertThatThrownBy(() -> codec.decode("{\"name\":\"Ann\",\"age\":3}".getBytes(StandardCharsets.UTF_8),
                Person.class))
                .isInstanceOf(CodecException.class)
                .hasMessage("Codec 'kryo' cannot decode 22 bytes as " + Person.class.getName()
                        + ": the bytes were not written by the kryo codec (no 0xC1 header)");
    }

    @Test
    void refusesAnUnknownFormatVersion() {
        byte[] bytes = codec.encode("abc", String.class);
        bytes[1] = 2;

        assertThatThrownBy(() -> codec.decode(bytes, String.class))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("format version 2");
    }

    @Test
    void keepsSubclassesAndCollectionClassesWhateverTheDeclaredType() {
        Object decoded = codec.decode(codec.encode(new Dog("Rex", 4), Animal.class), Animal.class);
        Map<Color, Object> enumMap = new EnumMap<>(Map.of(Color.GREEN, 1L));

        assertThat(decoded).isEqualTo(new Dog("Rex", 4));
        assertThat(codec.decode(codec.encode(enumMap, Object.class), Object.class)).isEqualTo(enumMap);
        for (Object wrapper : List.of(Collections.unmodifiableList(new LinkedList<>(List.of(1))),
                Collections.synchronizedSortedSet(new TreeSet<>(List.of("b", "a"))),
                Collections.unmodifiableMap(new TreeMap<>(Map.of("k", "v"))))) {
            Object copy = codec.decode(codec.encode(wrapper, Object.class), Object.class);
            assertThat(copy.getClass()).isEqualTo(wrapper.getClass());
            assertThat(copy).hasToString(wrapper.toString());
        }
    }

    @Test
    void refusesAnEmptyEnumMapLoudly() {
        assertThatThrownBy(() -> codec.encode(new EnumMap<>(Color.class), Object.class))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("empty EnumMap");
    }

    @Test
    void refusesACountLargerThanTheBytesBeforeAllocating() {
        for (Object value : List.of(new byte[] {1, 2, 3}, new int[] {1}, new String[] {"a"}, new Object[] {1},
                new ArrayList<>(List.of(1)), new TreeMap<>(Map.of(1, 2)), List.of(1, 2, 3), "é".repeat(3),
                new Person("Ann", 3))) {
            byte[] bytes = codec.encode(value, Object.class);
            boolean refusedACount = false;
            for (int offset = 2; offset < bytes.length; offset++) {
                byte[] corrupt = withHugeCount(bytes, offset);
                try {
                    codec.decode(corrupt, Object.class);
                } catch (ClassNotAllowedException e) {
                    // A corrupt class name: refused like any other unknown class.
                } catch (CodecException e) {
                    assertThat(e.getMessage()).as("%s at %d", value.getClass().getName(), offset)
                            .contains("kryo")
                            .doesNotContain("does not fit in memory");
                    refusedACount |= e.getMessage().contains("Corrupt length");
                }
            }
            assertThat(refusedACount).as("a count in %s was refused", value.getClass().getName()).isTrue();
        }
    }

    @Test
    void writesEqualSmallHashMapsToEqualBytes() {
        Map<String, Integer> first = new HashMap<>(Map.of("a", 1, "b", 2));
        Map<String, Integer> second = new HashMap<>(Map.of("b", 2, "a", 1));

        assertThat(codec.encode(first, Map.class)).isEqualTo(codec.encode(second, Map.class));
    }

    /** Replaces the byte at {@code offset} by a five-byte count near Integer.MAX_VALUE. */
    private static byte[] withHugeCount(byte[] bytes, int offset) {
        Output output = new Output(bytes.length + 8, -1);
        output.writeBytes(bytes, 0, offset);
        byte first = bytes[offset];
        // Keep a flag bit, if the count has one, so either reading of it is huge.
        output.writeByte((first & 0x80) | 0x7F);
        output.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07});
        output.writeBytes(bytes, offset + 1, bytes.length - offset - 1);
        return output.toBytes();
    }
}
