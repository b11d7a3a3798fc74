package io.github.redisjcache.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.esotericsoftware.kryo.io.Output;
import io.github.redisjcache.codec.fixtures.Animal;
import io.github.redisjcache.codec.fixtures.Color;
import io.github.redisjcache.codec.fixtures.Dog;
import io.github.redisjcache.codec.fixtures.Person;
import io.github.redisjcache.codec.fixtures.Shape;
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
        byte[] bytes = codec.encode("abc", Object.class);

        assertThat(bytes[0]).isEqualTo((byte) 0xC1).isNotZero();
        assertThat(bytes[1]).isEqualTo((byte) 1);
    }

    @Test
    void writesAValueOfExactlyItsDeclaredTypeWithoutItsClassName() {
        Person ann = new Person("Ann", 3);
        byte[] bare = codec.encode(ann, Person.class);
        byte[] named = codec.encode(ann, Object.class);

        assertThat(bare[1]).isEqualTo((byte) 2);
        assertThat(named[1]).isEqualTo((byte) 1);
        // Kryo ends an ASCII string by setting the top bit of its last character.
        String name = Person.class.getName().substring(0, Person.class.getName().length() - 1);
        assertThat(new String(bare, StandardCharsets.ISO_8859_1)).doesNotContain(name);
        assertThat(new String(named, StandardCharsets.ISO_8859_1)).contains(name);
        // The name, and two varints before it: "a class given by name" and the name's id.
        assertThat(bare).hasSize(named.length - Person.class.getName().length() - 2);
        assertThat(codec.decode(bare, Person.class)).isEqualTo(ann);
        assertThat(codec.decode(named, Person.class)).isEqualTo(ann);
        assertThat(codec.encode(42L, Long.class)[1]).isEqualTo((byte) 2);
        assertThat(codec.decode(codec.encode(Color.GREEN, Color.class), Color.class)).isEqualTo(Color.GREEN);
        int[] numbers = (int[]) codec.decode(codec.encode(new int[] {1, 2}, int[].class), int[].class);
        assertThat(numbers).containsExactly(1, 2);
    }

    @Test
    void givesTheFormerBytesOfAValueItNowWritesWithoutItsClassName() {
        Person ann = new Person("Ann", 3);
        byte[] former = codec.formerEncoding(ann, Person.class);

        // What every earlier release wrote: the class name, whatever the declared type.
        assertThat(former).isEqualTo(codec.encode(ann, Object.class));
        assertThat(former[1]).isEqualTo((byte) 1);
        assertThat(codec.decode(former, Person.class)).isEqualTo(ann);
        // Values written with their class name are written as they always were: no former bytes.
        assertThat(codec.formerEncoding(new Dog("Rex", 4), Animal.class)).isNull();
        assertThat(codec.formerEncoding(ann, Object.class)).isNull();
        CompressingCodec compressing = new CompressingCodec(codec, 0);
        assertThat(compressing.decode(compressing.formerEncoding(ann, Person.class), Person.class)).isEqualTo(ann);
        assertThat(compressing.formerEncoding(ann, Object.class)).isNull();
    }

    @Test
    void refusesBytesWithoutAClassNameWhenTheDeclaredTypeIsNotAllowed() {
        byte[] bytes = {KryoCodec.MAGIC, KryoCodec.OF_DECLARED_TYPE, 0};

        assertThatThrownBy(() -> codec.decode(bytes, java.net.Socket.class))
                .isInstanceOf(ClassNotAllowedException.class)
                .hasMessageContaining("java.net.Socket");
    }

    @Test
    void bytesWithoutAClassNameCannotMakeAnInterfaceOrAnAbstractClass() {
        for (Class<?> declared : List.of(Shape.class, java.util.AbstractList.class, Number.class, List.class)) {
            for (byte[] bytes : List.of(new byte[] {KryoCodec.MAGIC, KryoCodec.OF_DECLARED_TYPE},
                    new byte[] {KryoCodec.MAGIC, KryoCodec.OF_DECLARED_TYPE, 1, 0},
                    new byte[] {KryoCodec.MAGIC, KryoCodec.OF_DECLARED_TYPE, 2, 2, 2, 2})) {
                assertThatThrownBy(() -> codec.decode(bytes, declared))
                        .as("%s as %s", java.util.Arrays.toString(bytes), declared)
                        .isInstanceOf(CodecException.class);
            }
        }
    }

    @Test
    void bytesNamingAnInterfaceOrAnAbstractClassFailAsACodecException() {
        for (String name : List.of(Shape.class.getName(), "java.lang.Number", "java.util.AbstractList")) {
            Output output = new Output(128, -1);
            output.writeByte(KryoCodec.MAGIC);
            output.writeByte(KryoCodec.WITH_CLASS);
            output.writeVarInt(1, true); // a class given by name
            output.writeVarInt(0, true); // the first name in this value
            output.writeString(name);
            output.writeVarInt(0, true);
            byte[] bytes = output.toBytes();

            assertThatThrownBy(() -> codec.decode(bytes, Object.class)).as(name).isInstanceOf(CodecException.class);
        }
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
        bytes[1] = 3;

        assertThatThrownBy(() -> codec.decode(bytes, String.class))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("format version 3");
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
