package io.github.redisjcache.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Regression: Hibernate's entity cache entries hold their state as a {@code Serializable[]}, which the allow-list
 * refused. An array of an interface creates no instance of it, so it is as harmless as {@code Object[]}: its
 * elements are checked one by one.
 */
class ArrayElementTypesTest {

    @ParameterizedTest
    @ValueSource(strings = {"json", "kryo"})
    void anArrayOfSerializableReadsBack(String name) {
        Codec codec = Codecs.byName(name, ClassAllowList.defaults(), getClass().getClassLoader());
        byte[] bytes = codec.encode(new Serializable[] {"title", 42L}, Object.class);

        Object decoded = codec.decode(bytes, Object.class);

        assertThat(decoded).isInstanceOf(Serializable[].class);
        assertThat((Object[]) decoded).containsExactly("title", 42L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"json", "kryo"})
    void theElementsOfSuchAnArrayAreStillChecked(String name) {
        ClassAllowList permissive = ClassAllowList.defaults().withPackages("io.github.redisjcache.codec");
        Codec writer = Codecs.byName(name, permissive, getClass().getClassLoader());
        Codec reader = Codecs.byName(name, ClassAllowList.defaults(), getClass().getClassLoader());
        byte[] bytes = writer.encode(new Serializable[] {new Token("x")}, Object.class);

        assertThatThrownBy(() -> reader.decode(bytes, Object.class)).isInstanceOf(ClassNotAllowedException.class)
                .hasMessageContaining(Token.class.getName());
    }

    /** A serializable class from a package the strict reader does not allow. */
    record Token(String text) implements Serializable {
    }
}
