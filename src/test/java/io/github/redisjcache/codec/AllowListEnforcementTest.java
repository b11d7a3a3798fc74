package io.github.redisjcache.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.esotericsoftware.kryo.io.Output;
import io.github.redisjcache.codec.fixtures.Holder;
import io.github.redisjcache.codec.fixtures.Person;
import io.github.redisjcache.codec.gadget.AllowedLookalike;
import io.github.redisjcache.codec.gadget.GadgetTracker;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bytes naming a class outside the allow-list are refused by name, before the class is loaded: its static
 * initializer never runs. The gadget is only ever named as a string here; nothing in the tests refers to its class.
 */
class AllowListEnforcementTest {

    private static final String GADGET = "io.github.redisjcache.codec.gadget.NotAllowedGadget";
    private static final String LOOKALIKE = AllowedLookalike.class.getName();
    private static final String GADGET_PACKAGE = "io.github.redisjcache.codec.gadget";

    /** Strict: allows the fixtures, not the gadget package. */
    private final ClassAllowList strict = CodecContractTest.ALLOW_LIST;
    private final JsonCodec json = new JsonCodec(strict, null);
    private final KryoCodec kryo = new KryoCodec(strict, null);

    @AfterAll
    static void gadgetWasNeverInitialized() {
        assertThat(GadgetTracker.wasInitialized(GADGET)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "[\"" + GADGET + "\",{}]",
        "[\"" + GADGET + "\",{\"command\":\"calc\"}]",
        "[\"[L" + GADGET + ";\",[]]",
        "[\"java.util.ArrayList<" + GADGET + ">\",[]]",
        "[\"java.util.EnumSet<" + GADGET + ">\",[]]",
        "[\"java.util.ArrayList\",[[\"" + GADGET + "\",{}]]]",
        "[\"java.util.HashMap\",{\"k\":[\"" + GADGET + "\",{}]}]",
        "[\"java.util.Optional\",[\"" + GADGET + "\",{}]]"})
    void jsonRefusesTheGadgetByName(String bytes) {
        assertRefused(() -> json.decode(utf8(bytes), Object.class), GADGET);
    }

    @Test
    void jsonRefusesTheGadgetInAContainerOrAPolymorphicField() {
        assertRefused(() -> json.decode(utf8("[\"" + GADGET + "\",[]]"), List.class), GADGET);
        String holder = "{\"anything\":[\"" + GADGET + "\",{}],\"shape\":null,\"animal\":null,\"number\":null,"
                + "\"items\":[],\"attributes\":{}}";
        assertRefused(() -> json.decode(utf8(holder), Holder.class), GADGET);
    }

    @Test
    void kryoRefusesTheGadgetByName() {
        assertRefused(() -> kryo.decode(kryoBytesNaming(GADGET), Object.class), GADGET);
    }

    @Test
    void kryoRefusesAMissingOrBlankClassNameAfterLoadingOthers() {
        byte[] allowed = kryo.encode(new java.util.ArrayList<>(List.of("a")), Object.class);
        kryo.decode(allowed, Object.class);

        for (String name : new String[]{null, " "}) {
            assertThatThrownBy(() -> kryo.decode(kryoBytesNaming(name), Object.class))
                    .isInstanceOf(CodecException.class)
                    .hasMessageContaining("Corrupt class name");
        }
    }

    /** The codec remembers classes it loaded and skips their check; a refused name is never remembered. */
    @Test
    void kryoRefusesTheGadgetEveryTimeBetweenAllowedValues() {
        byte[] allowed = kryo.encode(new java.util.ArrayList<>(List.of("a")), Object.class);
        for (int i = 0; i < 3; i++) {
            assertThat(kryo.decode(allowed, Object.class)).isEqualTo(List.of("a"));
            assertRefused(() -> kryo.decode(kryoBytesNaming(GADGET), Object.class), GADGET);
        }
    }

    /** Bytes crafted from a harmless lookalike, then given the gadget's name, wherever it sits in the value. */
    @ParameterizedTest
    @MethodSource("gadgetPlacements")
    void everyCodecRefusesTheGadgetWhereverItSits(String codecName, Object valueWithLookalike, Type declared) {
        ClassAllowList permissive = strict.withPackages(GADGET_PACKAGE);
        Codec writer = codecNamed(codecName, permissive);
        byte[] bytes = swap(writer.encode(valueWithLookalike, declared), LOOKALIKE, GADGET);

        assertRefused(() -> codecNamed(codecName, strict).decode(bytes, declared), GADGET);
    }

    static Stream<Arguments> gadgetPlacements() {
        List<Arguments> placements = new ArrayList<>();
        for (String codec : List.of("json", "kryo", "json+lz4", "kryo+lz4")) {
            placements.add(Arguments.of(codec, new AllowedLookalike("calc"), Object.class));
            placements.add(Arguments.of(codec, new ArrayList<>(List.of("a", new AllowedLookalike("calc"))),
                    List.class));
            placements.add(Arguments.of(codec, new TreeMap<>(Map.of("k", new AllowedLookalike("calc"))),
                    Object.class));
            placements.add(Arguments.of(codec, new Holder(new AllowedLookalike("calc"), null, null, null, List.of(),
                    Map.of()), Holder.class));
            // Large enough to be compressed by the +lz4 codecs: the refusal passes through decompression.
            placements.add(Arguments.of(codec, new ArrayList<>(List.of("x".repeat(4096), new AllowedLookalike("c"))),
                    Object.class));
        }
        return placements.stream();
    }

    @ParameterizedTest
    @ValueSource(strings = {"java.lang.ProcessBuilder", "javax.management.BadAttributeValueExpException",
        "java.net.URLClassLoader", "com.sun.org.apache.xalan.internal.xsltc.trax.TemplatesImpl", "java.lang.Object",
        "java.lang.Class", "java.lang.Thread", "java.lang.reflect.Method", "java.net.URL",
        "org.springframework.context.support.ClassPathXmlApplicationContext"})
    void refusesJdkAndLibraryGadgetsByName(String className) {
        assertRefused(() -> json.decode(utf8("[\"" + className + "\",{}]"), Object.class), className);
        assertRefused(() -> kryo.decode(kryoBytesNaming(className), Object.class), className);
    }

    @Test
    void aDeclaredTypeIsTheCallersChoiceNotData() {
        // Plain JSON names no class: the declared type decides, whatever the allow-list says.
        assertThat(new JsonCodec(ClassAllowList.defaults(), null)
                .decode(utf8("{\"name\":\"Ann\",\"age\":3}"), Person.class))
                .isEqualTo(new Person("Ann", 3));
    }

    @Test
    void theTrackerSeesAClassThatACodecDoesLoad() {
        String widget = "io.github.redisjcache.codec.gadget.TrackedWidget";
        String kryoWidget = "io.github.redisjcache.codec.gadget.KryoTrackedWidget";
        assertThat(GadgetTracker.wasInitialized(widget)).isFalse();
        assertThat(GadgetTracker.wasInitialized(kryoWidget)).isFalse();
        ClassAllowList permissive = strict.withPackages(GADGET_PACKAGE);

        Object fromJson = new JsonCodec(permissive, null).decode(utf8("[\"" + widget + "\",{\"label\":\"x\"}]"),
                Object.class);
        Object fromKryo = new KryoCodec(permissive, null).decode(kryoBytesNaming(kryoWidget), Object.class);

        assertThat(fromJson).hasToString("TrackedWidget{x}");
        assertThat(fromKryo).hasToString("KryoTrackedWidget{null}");
        assertThat(GadgetTracker.wasInitialized(widget)).isTrue();
        assertThat(GadgetTracker.wasInitialized(kryoWidget)).isTrue();
    }

    private static void assertRefused(ThrowingCallable decode, String name) {
        assertThatThrownBy(decode)
                .isInstanceOf(ClassNotAllowedException.class)
                .hasMessageContaining(name)
                .hasMessageContaining("allowed-packages");
        assertThat(GadgetTracker.wasInitialized(GADGET)).isFalse();
    }

    /** Kryo bytes for an object of a class given by name with one null String field, written by hand. */
    private static byte[] kryoBytesNaming(String className) {
        Output output = new Output(128, -1);
        output.writeByte(KryoCodec.MAGIC);
        output.writeByte(KryoCodec.WITH_CLASS);
        output.writeVarInt(1, true); // a class given by name (Kryo's NAME + 2)
        output.writeVarInt(0, true); // the first name in this value
        output.writeString(className);
        output.writeString(null); // the object's only field
        return output.toBytes();
    }

    private static Codec codecNamed(String name, ClassAllowList allowList) {
        Function<ClassAllowList, Codec> base = name.startsWith("json")
                ? list -> new JsonCodec(list, null) : list -> new KryoCodec(list, null);
        Codec codec = base.apply(allowList);
        return name.endsWith("+lz4") ? new CompressingCodec(codec, CompressingCodec.DEFAULT_THRESHOLD_BYTES) : codec;
    }

    /** Replaces a name by another of the same length, in plain or LZ4-compressed bytes. */
    private static byte[] swap(byte[] bytes, String from, String to) {
        byte[] plain = CompressionSupport.isCompressed(bytes) ? CompressionSupport.decompress(bytes) : bytes;
        byte[] swapped = replaceAll(plain, utf8(from), utf8(to));
        assertThat(swapped).as("the bytes name %s", from).isNotEqualTo(plain);
        return CompressionSupport.isCompressed(bytes) ? CompressionSupport.compress(swapped) : swapped;
    }

    /** Kryo marks the end of an ASCII string by setting the high bit of its last byte: that bit is kept. */
    private static byte[] replaceAll(byte[] bytes, byte[] from, byte[] to) {
        byte[] result = bytes.clone();
        int last = from.length - 1;
        for (int i = 0; i + from.length <= result.length; i++) {
            boolean match = true;
            for (int j = 0; j < last && match; j++) {
                match = result[i + j] == from[j];
            }
            if (match && (result[i + last] & 0x7F) == from[last]) {
                int endMarker = result[i + last] & 0x80;
                System.arraycopy(to, 0, result, i, to.length);
                result[i + last] = (byte) (to[last] | endMarker);
            }
        }
        return result;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
