package io.github.redisjcache.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.redisjcache.codec.fixtures.Person;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodecsTest {

    private final ClassAllowList allowList = CodecContractTest.ALLOW_LIST;
    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void createsTheShippedCodecs() {
        assertThat(Codecs.json(allowList, loader)).isInstanceOf(JsonCodec.class).extracting(Codec::name)
                .isEqualTo("json");
        assertThat(Codecs.kryo(allowList, loader)).isInstanceOf(KryoCodec.class).extracting(Codec::name)
                .isEqualTo("kryo");
        assertThat(Codecs.compressed(Codecs.kryo(allowList, loader), 2048))
                .isInstanceOf(CompressingCodec.class)
                .extracting(Codec::name)
                .isEqualTo("kryo+lz4");
    }

    @Test
    void findsTheShippedCodecsByName() {
        assertThat(Codecs.byName("json", allowList, loader)).isInstanceOf(JsonCodec.class);
        assertThat(Codecs.byName(" KRYO ", allowList, loader)).isInstanceOf(KryoCodec.class);
    }

    @Test
    void createsACodecFromAFactoryClassName() {
        Codec codec = Codecs.byName(UpperCaseCodecFactory.class.getName(), allowList, loader);

        assertThat(codec).isInstanceOf(UpperCaseCodecFactory.UpperCaseCodec.class);
        assertThat(((UpperCaseCodecFactory.UpperCaseCodec) codec).allowList()).isSameAs(allowList);
        assertThat(codec.decode(codec.encode("abc", String.class), String.class)).isEqualTo("ABC");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "yaml", "java", "com.example.NoSuchFactory", "java.lang.String",
        "io.github.redisjcache.codec.CodecsTest$FactoryWithoutNoArgConstructor"})
    void refusesAnythingElseNamingTheSettingAndTheChoices(String name) {
        assertThatThrownBy(() -> Codecs.byName(name, allowList, loader))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("`codec`")
                .hasMessageContaining("`json`")
                .hasMessageContaining("`kryo`")
                .hasMessageContaining(CodecFactory.class.getName());
    }

    @Test
    void refusesNull() {
        assertThatThrownBy(() -> Codecs.byName(null, allowList, loader)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void usesTheGivenClassLoaderForTheFactory() {
        ClassLoader empty = new ClassLoader(null) {
        };

        assertThatThrownBy(() -> Codecs.byName(UpperCaseCodecFactory.class.getName(), allowList, empty))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no such class");
    }

    @Test
    void shippedCodecsDefaultToTheContextClassLoader() {
        Codec codec = Codecs.kryo(allowList, null);

        assertThat(codec.decode(codec.encode(new Person("Ann", 3), Object.class), Object.class))
                .isEqualTo(new Person("Ann", 3));
    }

    /** A factory a user could name in the {@code codec} setting. */
    public static final class UpperCaseCodecFactory implements CodecFactory {

        @Override
        public Codec create(ClassAllowList allowList, ClassLoader classLoader) {
            return new UpperCaseCodec(allowList);
        }

        /** Stores strings in upper case. */
        record UpperCaseCodec(ClassAllowList allowList) implements Codec {
            @Override
            public String name() {
                return "upper";
            }

            @Override
            public byte[] encode(Object value, Type declaredType) {
                return value.toString().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8);
            }

            @Override
            public Object decode(byte[] bytes, Type declaredType) {
                return new String(bytes, StandardCharsets.UTF_8);
            }
        }
    }

    /** Not usable: no public no-argument constructor. */
    public static final class FactoryWithoutNoArgConstructor implements CodecFactory {

        public FactoryWithoutNoArgConstructor(String setting) {
        }

        @Override
        public Codec create(ClassAllowList allowList, ClassLoader classLoader) {
            throw new AssertionError("never created");
        }
    }
}
