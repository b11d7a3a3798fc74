package io.github.redisjcache.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ser.DefaultSerializerProvider;

import io.github.redisjcache.codec.fixtures.Animal;
import io.github.redisjcache.codec.fixtures.Dog;

/**
 * The JSON mapper remembers the serializer of each class written at the top level; what it writes must stay byte for
 * byte what Jackson's own provider writes, since stored bytes are compared.
 */
class RootSerializersTest {

    private static final ClassAllowList ALLOW_LIST = CodecContractTest.ALLOW_LIST;

    private final ObjectMapper remembering = JsonMappers.create(ALLOW_LIST, getClass().getClassLoader());
    private final ObjectMapper jackson = jacksonsOwn();

    private static ObjectMapper jacksonsOwn() {
        ObjectMapper mapper = JsonMappers.create(ALLOW_LIST, RootSerializersTest.class.getClassLoader());
        mapper.setSerializerProvider(new DefaultSerializerProvider.Impl());
        return mapper;
    }

    @Test
    void theMapperUsesTheRememberingProvider() {
        assertThat(remembering.getSerializerProvider()).isInstanceOf(RootSerializers.class);
    }

    @Test
    void everySampleValueIsWrittenAsJacksonWritesItTwiceOver() throws Exception {
        List<String> compared = new ArrayList<>();
        for (Named<Object> sample : SampleValues.all()) {
            Object value = sample.getPayload();
            for (Type declared : List.of(value.getClass(), Object.class)) {
                JavaType type = jackson.constructType(declared);
                byte[] expected;
                try {
                    expected = jackson.writerFor(type).writeValueAsBytes(value);
                } catch (Exception e) {
                    // Jackson's own provider refuses it (a map with non-String keys under Object): so must ours.
                    assertThatThrownBy(() -> remembering.writerFor(type).writeValueAsBytes(value))
                            .as(sample.getName()).isInstanceOf(e.getClass());
                    continue;
                }
                // The second write takes the remembered serializer.
                for (int round = 0; round < 2; round++) {
                    assertThat(remembering.writerFor(type).writeValueAsBytes(value))
                            .as("%s as %s, write %d", sample.getName(), declared, round + 1).isEqualTo(expected);
                }
                compared.add(sample.getName());
            }
        }
        assertThat(compared).hasSizeGreaterThan(SampleValues.all().size());
    }

    @Test
    void aSubclassAndItsDeclaredClassKeepTheirOwnSerializersInEitherOrder() throws Exception {
        JavaType animal = jackson.constructType(Animal.class);
        Animal cat = new Animal("Tom");
        Dog dog = new Dog("Rex", 4);
        for (Object value : List.of(cat, dog, cat, dog)) {
            assertThat(write(remembering, animal, value)).isEqualTo(write(jackson, animal, value));
        }
        assertThat(new String(write(remembering, animal, dog), StandardCharsets.UTF_8))
                .contains(Dog.class.getName()).contains("\"legs\":4");
        assertThat(new String(write(remembering, animal, cat), StandardCharsets.UTF_8))
                .doesNotContain(Dog.class.getName()).doesNotContain("legs");
    }

    @Test
    void aCopiedMapperWritesTheSame() throws Exception {
        ObjectMapper copy = remembering.copy();
        JavaType animal = jackson.constructType(Animal.class);
        Dog dog = new Dog("Rex", 4);
        assertThat(copy.getSerializerProvider()).isInstanceOf(RootSerializers.class);
        assertThat(write(copy, animal, dog)).isEqualTo(write(jackson, animal, dog));
    }

    private static byte[] write(ObjectMapper mapper, JavaType type, Object value) throws Exception {
        return mapper.writerFor(type).writeValueAsBytes(value);
    }
}
