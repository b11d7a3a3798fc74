package io.github.redisjcache.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.redisjcache.codec.fixtures.Animal;
import io.github.redisjcache.codec.fixtures.Circle;
import io.github.redisjcache.codec.fixtures.Color;
import io.github.redisjcache.codec.fixtures.Dog;
import io.github.redisjcache.codec.fixtures.Holder;
import io.github.redisjcache.codec.fixtures.Identifier;
import io.github.redisjcache.codec.fixtures.Order;
import io.github.redisjcache.codec.fixtures.Person;
import io.github.redisjcache.codec.fixtures.Shape;
import io.github.redisjcache.codec.fixtures.Tag;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON format itself: plain where the declared type says what the value is, class names where it does not. */
class JsonCodecTest {

    private final JsonCodec codec = new JsonCodec(CodecContractTest.ALLOW_LIST, null);

    @Test
    void writesARecordDeclaredAsItselfAsPlainJson() {
        assertThat(json(new Person("Ann", 3), Person.class)).isEqualTo("{\"name\":\"Ann\",\"age\":3}");
    }

    @Test
    void writesScalarsDeclaredAsThemselvesAsPlainJson() {
        assertThat(json("abc", String.class)).isEqualTo("\"abc\"");
        assertThat(json(42L, Long.class)).isEqualTo("42");
        assertThat(json(42, int.class)).isEqualTo("42");
        assertThat(json(new BigDecimal("1.50"), BigDecimal.class)).isEqualTo("1.50");
        assertThat(json(Color.GREEN, Color.class)).isEqualTo("\"GREEN\"");
        assertThat(json(LocalDate.of(2024, 2, 29), LocalDate.class)).isEqualTo("\"2024-02-29\"");
        assertThat(json(Instant.parse("2024-05-06T07:08:09.010Z"), Instant.class))
                .isEqualTo("\"2024-05-06T07:08:09.010Z\"");
    }

    @Test
    void writesANestedRecordAsTheJsonAnotherServiceWouldWrite() {
        assertThat(json(SampleValues.order(), Order.class)).isEqualTo("{\"id\":{\"name\":\"order-7\"},"
                + "\"buyer\":{\"name\":\"Ann\",\"age\":3},"
                + "\"lines\":[{\"sku\":\"sku-1\",\"quantity\":2,\"price\":9.99},"
                + "{\"sku\":\"sku-2\",\"quantity\":1,\"price\":0.50}],"
                + "\"totals\":{\"net\":20.48,\"tax\":4.10},\"color\":\"GREEN\","
                + "\"placedAt\":\"2024-05-06T07:08:09.010Z\",\"note\":\"leave at the door\"}");
    }

    @Test
    void readsPlainJsonWrittenByAnotherService() {
        String typeScript = """
                {
                  "note": null,
                  "placedAt": "2024-05-06T07:08:09.010Z",
                  "color": "GREEN",
                  "totals": {"tax": 4.10, "net": 20.48},
                  "lines": [{"price": 9.99, "quantity": 2, "sku": "sku-1"},
                            {"sku": "sku-2", "quantity": 1, "price": 0.50}],
                  "buyer": {"age": 3, "name": "Ann"},
                  "id": {"name": "order-7"}
                }
                """;
        Order expected = new Order(SampleValues.order().id(), SampleValues.order().buyer(),
                SampleValues.order().lines(), SampleValues.order().totals(), Color.GREEN,
                SampleValues.order().placedAt(), Optional.empty());

        assertThat(codec.decode(utf8(typeScript), Order.class)).isEqualTo(expected);
    }

    @Test
    void toleratesAMissingPropertyButNotAnUnknownOne() {
        assertThat(codec.decode(utf8("{\"name\":\"Ann\"}"), Person.class)).isEqualTo(new Person("Ann", 0));
        assertThatThrownBy(() -> codec.decode(utf8("{\"name\":\"Ann\",\"age\":3,\"email\":\"a@b.c\"}"), Person.class))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("json")
                .hasMessageContaining(Person.class.getName());
    }

    @Test
    void writesClassNamesOnlyWhereTheDeclaredTypeCannotTell() {
        assertThat(json(42L, Object.class)).isEqualTo("[\"java.lang.Long\",42]");
        assertThat(json(42, Object.class)).isEqualTo("42");
        assertThat(json("abc", Object.class)).isEqualTo("\"abc\"");
        assertThat(json(new Person("Ann", 3), Object.class))
                .isEqualTo("[\"" + Person.class.getName() + "\",{\"name\":\"Ann\",\"age\":3}]");
        assertThat(json(new Circle(1.5), Shape.class))
                .isEqualTo("[\"" + Circle.class.getName() + "\",{\"radius\":1.5}]");
        assertThat(json(new int[] {1, 2}, Object.class)).isEqualTo("[\"[I\",[1,2]]");
        assertThat(json(new int[] {1, 2}, int[].class)).isEqualTo("[1,2]");
    }

    @Test
    void writesTheClassOfASubclassOnly() {
        assertThat(json(new Animal("Rex"), Animal.class)).isEqualTo("{\"name\":\"Rex\"}");
        assertThat(json(new Dog("Rex", 4), Animal.class))
                .isEqualTo("[\"" + Dog.class.getName() + "\",{\"name\":\"Rex\",\"legs\":4}]");
        assertThat(codec.decode(codec.encode(new Dog("Rex", 4), Animal.class), Animal.class))
                .isEqualTo(new Dog("Rex", 4));
    }

    @Test
    void keepsTheClassesOfLooselyDeclaredFieldsAndElements() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("count", 3L);
        attributes.put("id", new Identifier("i"));
        Holder holder = new Holder(7L, new Circle(2), new Dog("Rex", 4), 1.5f,
                new ArrayList<>(List.of(1, 2L, new Person("Bo", 4))), attributes);

        Holder decoded = (Holder) codec.decode(codec.encode(holder, Holder.class), Holder.class);

        assertThat(decoded).isEqualTo(holder);
        assertThat(decoded.anything()).isInstanceOf(Long.class);
        assertThat(decoded.number()).isInstanceOf(Float.class);
        assertThat(decoded.items()).extracting(Object::getClass)
                .containsExactly(Integer.class, Long.class, Person.class);
        assertThat(decoded.attributes().get("count")).isInstanceOf(Long.class);
    }

    @Test
    void keepsTheClassOfAContainerDeclaredByItsInterface() throws NoSuchFieldException {
        Type listOfPeople = Types.class.getDeclaredField("listOfPeople").getGenericType();
        List<Person> people = List.of(new Person("Ann", 3));

        assertThat(json(people, listOfPeople)).isEqualTo("[\"java.util.ImmutableCollections$List12\","
                + "[{\"name\":\"Ann\",\"age\":3}]]");
        assertThat(codec.decode(codec.encode(people, listOfPeople), listOfPeople)).isEqualTo(people);
    }

    @Test
    void readsClassesWithoutADefaultConstructorFromTheirFields() {
        assertThat(json(new Identifier("x"), Identifier.class)).isEqualTo("{\"name\":\"x\"}");
        assertThat(codec.decode(utf8("{\"name\":\"x\"}"), Identifier.class)).isEqualTo(new Identifier("x"));
        assertThat(json(new Tag("urgent", 5), Tag.class)).isEqualTo("{\"label\":\"urgent\",\"weight\":5}");
        assertThat(codec.decode(utf8("{\"label\":\"urgent\",\"weight\":5}"), Tag.class))
                .isEqualTo(new Tag("urgent", 5));
    }

    @Test
    void doesNotRunTheConstructorOfAClassWithoutADefaultOne() throws NoSuchMethodException {
        // Tag's constructor names its parameters "value" and "importance" (the build keeps parameter names) and
        // refuses null; reading fields directly neither needs those names nor runs that check.
        assertThat(Tag.class.getConstructor(String.class, int.class).getParameters())
                .extracting(Parameter::getName)
                .containsExactly("value", "importance");

        Object decoded = codec.decode(utf8("{\"weight\":1}"), Tag.class);

        assertThat(decoded).hasToString("Tag{null, 1}");
    }

    @Test
    void encodesEqualMapsToEqualBytesWhateverTheInsertionOrder() {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("b", 2);
        first.put("a", new Person("Ann", 3));
        Map<String, Object> second = new HashMap<>();
        second.put("a", new Person("Ann", 3));
        second.put("b", 2);

        assertThat(json(first, Map.class)).isEqualTo(json(new LinkedHashMap<>(second), Map.class));
        assertThat(json(new Holder(null, null, null, null, List.of(), first), Holder.class))
                .isEqualTo(json(new Holder(null, null, null, null, List.of(), second), Holder.class));
    }

    @Test
    void refusesMapKeysItCouldNotRestore() {
        Map<Object, String> byNumber = new HashMap<>(Map.of(1, "one"));

        assertThatThrownBy(() -> codec.encode(byNumber, Object.class))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("java.lang.Integer key");
    }

    @Test
    void keepsDeclaredMapKeyTypes() throws NoSuchFieldException {
        Type mapOfLongs = Types.class.getDeclaredField("mapOfLongToDate").getGenericType();
        Map<Long, LocalDate> map = new HashMap<>(Map.of(1L, LocalDate.of(2024, 1, 1)));

        assertThat(codec.decode(codec.encode(map, mapOfLongs), mapOfLongs)).isEqualTo(map);
    }

    @Test
    void refusesBytesOfAnotherType() {
        assertThatThrownBy(() -> codec.decode(utf8("\"abc\""), Integer.class))
                .isInstanceOf(CodecException.class)
                .hasMessageStartingWith("Codec 'json' cannot decode 5 bytes as java.lang.Integer: ");
        assertThatThrownBy(() -> codec.decode(utf8("\"42\""), Integer.class)).isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> codec.decode(utf8("null"), String.class))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("JSON null");
        assertThatThrownBy(() -> codec.decode(utf8("[\"java.lang.Long\",1]"), String.class))
                .isInstanceOf(CodecException.class);
        assertThatThrownBy(() -> codec.decode(utf8("[\"java.util.HashMap\",{}]"), List.class))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("java.util.HashMap");
    }

    @Test
    void refusesAnObjectWithoutItsClassName() {
        assertThatThrownBy(() -> codec.decode(utf8("{\"name\":\"Ann\",\"age\":3}"), Object.class))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("java.lang.Object");
    }

    private String json(Object value, Type declared) {
        return new String(codec.encode(value, declared), StandardCharsets.UTF_8);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Holds fields whose generic types serve as declared types. */
    @SuppressWarnings("unused")
    private static final class Types {
        private List<Person> listOfPeople;
        private Map<Long, LocalDate> mapOfLongToDate;
    }
}
