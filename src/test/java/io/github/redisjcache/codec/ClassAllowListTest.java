package io.github.redisjcache.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.redisjcache.codec.fixtures.Color;
import io.github.redisjcache.codec.fixtures.Person;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ClassAllowListTest {

    private final ClassAllowList defaults = ClassAllowList.defaults();

    @ParameterizedTest
    @ValueSource(strings = {"java.lang.String", "java.lang.Long", "int", "java.math.BigDecimal", "java.util.UUID",
        "java.time.Instant", "java.time.ZoneRegion", "java.util.Optional", "java.util.ArrayList", "java.util.HashMap",
        "java.util.TreeSet", "java.util.EnumMap", "java.util.RegularEnumSet", "java.util.Arrays$ArrayList",
        "java.util.Collections$UnmodifiableRandomAccessList", "java.util.Collections$SynchronizedMap",
        "java.util.Collections$SingletonList", "java.util.Collections$EmptyMap", "java.util.ImmutableCollections$ListN",
        "java.util.concurrent.ConcurrentHashMap", "java.util.concurrent.CopyOnWriteArrayList", "java.util.Locale",
        "java.util.Currency", "java.net.URI", "java.util.Date", "java.sql.Timestamp",
        "[I", "[[J", "[Ljava.lang.String;", "[[Ljava.time.LocalDate;", "[Ljava.lang.Object;"})
    void allowsJdkValueTypesAndCollectionsByDefault(String className) {
        assertThat(defaults.isAllowed(className)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"java.lang.Object", "java.lang.Class", "java.lang.Thread", "java.lang.ProcessBuilder",
        "java.lang.Runtime", "java.lang.reflect.Method", "java.lang.reflect.Proxy", "java.net.URLClassLoader",
        "java.net.URL", "javax.management.BadAttributeValueExpException", "java.util.PriorityQueue",
        "com.sun.org.apache.xalan.internal.xsltc.trax.TemplatesImpl", "sun.misc.Unsafe", "jdk.internal.misc.Unsafe",
        "javax.script.ScriptEngineManager", "java.rmi.server.UnicastRemoteObject", "java.beans.EventHandler",
        "org.apache.commons.collections.functors.InvokerTransformer", "com.example.Widget",
        "[Ljava.lang.ProcessBuilder;", "[Lcom.example.Widget;", "[X", "[", "",
        "java.util.Collections$ReverseComparator2"})
    void refusesEverythingElseByDefault(String className) {
        assertThat(defaults.isAllowed(className)).isFalse();
    }

    @Test
    void refusesNull() {
        assertThat(defaults.isAllowed(null)).isFalse();
    }

    @Test
    void allowsExactTypesTheirArraysAndTheirEnumConstantClasses() {
        ClassAllowList list = defaults.withTypes(Person.class, Color.class);

        assertThat(list.isAllowed(Person.class.getName())).isTrue();
        assertThat(list.isAllowed(Person[].class.getName())).isTrue();
        assertThat(list.isAllowed(Color.GREEN.getClass().getName())).isTrue();
        assertThat(list.isAllowed("io.github.redisjcache.codec.fixtures.Identifier")).isFalse();
        assertThat(list.types()).containsExactlyInAnyOrder(Person.class.getName(), Color.class.getName(),
                Color.GREEN.getClass().getName());
    }

    @Test
    void withTypesOfAnArrayAllowsItsComponent() {
        assertThat(defaults.withTypes(Person[][].class).isAllowed(Person.class.getName())).isTrue();
    }

    @Test
    void allowsPackagesAndTheirSubPackagesOnly() {
        ClassAllowList list = defaults.withPackages("com.example");

        assertThat(list.isAllowed("com.example.Widget")).isTrue();
        assertThat(list.isAllowed("com.example.model.Widget$Part")).isTrue();
        assertThat(list.isAllowed("[Lcom.example.Widget;")).isTrue();
        assertThat(list.isAllowed("com.examples.Widget")).isFalse();
        assertThat(list.isAllowed("com.Widget")).isFalse();
        assertThat(list.isAllowed("Widget")).isFalse();
    }

    @Test
    void acceptsATrailingWildcardAndSurroundingBlanks() {
        assertThat(defaults.withPackages(" com.example.* ").packages()).containsExactly("com.example");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "*", ".*", "com.*.model", "com..example", "com.example.", ".com", "com/example",
        "com.example.**", "1com.example"})
    void refusesWhatIsNotAPackageName(String packageName) {
        assertThatThrownBy(() -> defaults.withPackages(packageName))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a package name");
    }

    @ParameterizedTest
    @ValueSource(strings = {"java", "java.lang", "java.util.*", "javax.management", "sun.misc", "com.sun",
        "jdk.internal"})
    void refusesWholeJdkPackages(String packageName) {
        assertThatThrownBy(() -> defaults.withPackages(packageName))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("JDK package");
    }

    @Test
    void refusesNullNames() {
        assertThatThrownBy(() -> defaults.withPackages((String) null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> defaults.withTypes((Class<?>) null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void isImmutable() {
        ClassAllowList withPackage = defaults.withPackages("com.example");
        ClassAllowList withBoth = withPackage.withTypes(Person.class);

        assertThat(defaults.isAllowed("com.example.Widget")).isFalse();
        assertThat(withPackage.isAllowed(Person.class.getName())).isFalse();
        assertThat(withBoth.isAllowed("com.example.Widget")).isTrue();
        assertThat(withBoth.isAllowed(Person.class.getName())).isTrue();
        assertThat(withBoth.packages()).isEqualTo(List.of("com.example"));
        assertThatThrownBy(() -> withBoth.packages().add("org.example"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void equalListsAreEqual() {
        assertThat(defaults.withPackages("b", "a").withTypes(Person.class))
                .isEqualTo(defaults.withTypes(Person.class).withPackages("a.*", "b"))
                .hasSameHashCodeAs(defaults.withTypes(Person.class).withPackages("a", "b"))
                .isNotEqualTo(defaults);
    }

    @Test
    void checkNamesTheClassAndTheSetting() {
        assertThatThrownBy(() -> defaults.check("com.evil.Gadget"))
                .isInstanceOf(ClassNotAllowedException.class)
                .hasMessage("Class com.evil.Gadget is not allowed by the codec allow-list; add its package to the "
                        + "cache's `allowed-packages` setting (or allow the type itself) if it is yours")
                .extracting(e -> ((ClassNotAllowedException) e).className())
                .isEqualTo("com.evil.Gadget");
    }

    @Test
    void checkAcceptsAnAllowedClass() {
        defaults.check("java.lang.String");
        defaults.check(Collections.emptyList().getClass().getName());
    }
}
