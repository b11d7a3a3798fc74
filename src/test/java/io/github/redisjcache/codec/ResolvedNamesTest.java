package io.github.redisjcache.codec;

import static org.assertj.core.api.Assertions.assertThat;

import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import io.github.redisjcache.codec.fixtures.Dog;
import io.github.redisjcache.codec.fixtures.Person;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Finding resolved classes again by the bytes of their names, as Kryo wrote them. */
class ResolvedNamesTest {

    /** Kryo writes names up to 32 ASCII characters one way, longer or non-ASCII ones another; both end where read. */
    @ParameterizedTest
    @ValueSource(strings = {"ab", "java.util.ArrayList", "io.github.redisjcache.codec.fixtures.Person",
        "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "com.example.Größe", "com.example.名前", "é", "ab\u00ffcd"})
    void findsWhereAStringKryoWroteEnds(String text) {
        for (boolean ascii : new boolean[]{false, true}) {
            if (ascii && !text.chars().allMatch(c -> c < 128)) {
                continue;
            }
            Output output = new Output(1024, -1);
            output.writeByte(7);
            if (ascii) {
                output.writeAscii(text);
            } else {
                output.writeString(text);
            }
            int end = output.position();
            output.writeByte(9);
            byte[] bytes = output.toBytes();

            assertThat(ResolvedNames.end(bytes, 1, bytes.length)).isEqualTo(end);
            Input input = new Input(bytes, 1, bytes.length - 1);
            assertThat(input.readString()).isEqualTo(text);
            assertThat(input.position()).isEqualTo(end);
        }
    }

    @Test
    void findsNoEndForNullEmptyOneCharacterOrCutStrings() {
        Output output = new Output(64, -1);
        output.writeString(null);
        output.writeString("");
        output.writeAscii("x");
        assertThat(ResolvedNames.end(output.toBytes(), 0, 1)).isEqualTo(-1);
        assertThat(ResolvedNames.end(output.toBytes(), 1, 2)).isEqualTo(-1);
        // A one-character string is a length then the character: fine to find, read the same way.
        assertThat(ResolvedNames.end(output.toBytes(), 2, 4)).isEqualTo(4);

        for (String text : List.of("java.util.ArrayList", "io.github.redisjcache.codec.fixtures.Person",
                "com.example.Größe")) {
            Output whole = new Output(128, -1);
            whole.writeString(text);
            byte[] bytes = whole.toBytes();
            for (int cut = 0; cut < bytes.length; cut++) {
                assertThat(ResolvedNames.end(bytes, 0, cut)).as("%s cut at %d", text, cut).isEqualTo(-1);
            }
        }
    }

    @Test
    void refusesALengthThatOverflowsOrCharactersThatAreNotUtf8() {
        byte[] huge = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x01, 'a', 'b'};
        byte[] continuationFirst = {(byte) 0x83, (byte) 0x80, 'a'};
        byte[] fourByteLead = {(byte) 0x83, (byte) 0xF0, 'a', 'b', 'c'};

        assertThat(ResolvedNames.end(huge, 0, huge.length)).isEqualTo(-1);
        assertThat(ResolvedNames.end(continuationFirst, 0, continuationFirst.length)).isEqualTo(-1);
        assertThat(ResolvedNames.end(fourByteLead, 0, fourByteLead.length)).isEqualTo(-1);
    }

    /** "Aa" and "BB" hash alike: names are told apart by every byte, not by their hash or length. */
    @Test
    void tellsApartNamesThatHashAlike() {
        ResolvedNames names = new ResolvedNames();
        byte[] first = "x.Aa".getBytes(StandardCharsets.US_ASCII);
        byte[] second = "x.BB".getBytes(StandardCharsets.US_ASCII);
        byte[] third = "x.Ab".getBytes(StandardCharsets.US_ASCII);
        names.put(first, 0, first.length, Person.class);
        names.put(second, 0, second.length, Dog.class);

        assertThat(names.get(first, 0, first.length)).isEqualTo(Person.class);
        assertThat(names.get(second, 0, second.length)).isEqualTo(Dog.class);
        assertThat(names.get(third, 0, third.length)).isNull();
        byte[] framed = ("--" + "x.BB" + "--").getBytes(StandardCharsets.US_ASCII);
        assertThat(names.get(framed, 2, 6)).isEqualTo(Dog.class);
    }

    @Test
    void holdsABoundedNumberOfNames() {
        ResolvedNames names = new ResolvedNames();
        for (int i = 0; i < ResolvedNames.MAX_ENTRIES * 2; i++) {
            byte[] name = ("c" + i).getBytes(StandardCharsets.US_ASCII);
            names.put(name, 0, name.length, Person.class);
        }
        byte[] last = ("c" + (ResolvedNames.MAX_ENTRIES - 1)).getBytes(StandardCharsets.US_ASCII);
        byte[] beyond = ("c" + ResolvedNames.MAX_ENTRIES).getBytes(StandardCharsets.US_ASCII);

        assertThat(names.get(last, 0, last.length)).isEqualTo(Person.class);
        assertThat(names.get(beyond, 0, beyond.length)).isNull();
    }

    /** The codec reads names through the table from the second value on: values decode the same every time. */
    @Test
    void theCodecDecodesTheSameValuesOnceTheirClassesAreHeld() {
        KryoCodec codec = new KryoCodec(CodecContractTest.ALLOW_LIST, null);
        List<Object> values = List.of(new Person("Ann", 3), new Dog("Rex", 4),
                new ArrayList<>(List.of(new Person("Bo", 1), new Dog("Max", 2), new Person("Cy", 5))),
                new TreeMap<>(Map.of("a", new Dog("Ace", 1), "b", List.of(new Person("Di", 7)))));
        for (int round = 0; round < 3; round++) {
            for (Object value : values) {
                assertThat(codec.decode(codec.encode(value, Object.class), Object.class)).isEqualTo(value);
            }
        }
    }
}
