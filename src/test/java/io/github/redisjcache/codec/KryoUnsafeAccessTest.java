package io.github.redisjcache.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import com.esotericsoftware.kryo.util.Util;
import org.junit.jupiter.api.Test;

import io.github.redisjcache.codec.fixtures.Dog;
import io.github.redisjcache.testing.JvmProcess;

/**
 * Kryo's use of sun.misc.Unsafe where Java denies it. Kryo reads its switch once per JVM, so each setting is tried in
 * a JVM of its own. The JVM's own property is set directly here, as {@code --sun-misc-unsafe-memory-access=deny}
 * sets it: Java 24 and later then deny the access, earlier Javas ignore it.
 */
class KryoUnsafeAccessTest {

    private static final Duration LIMIT = Duration.ofSeconds(60);

    @Test
    void aJvmToldToDenyUnsafeGetsKryoWithoutIt() {
        assertThat(kryoInAJvmWith(Map.of(KryoUnsafeAccess.JVM_PROPERTY, "deny")))
                .contains("kryo.unsafe=false", "Kryo uses Unsafe: false", "round trip: Dog{Rex}");
    }

    @Test
    void aJvmNotToldToDenyUnsafeKeepsKryosOwnChoice() {
        assertThat(kryoInAJvmWith(Map.of(KryoUnsafeAccess.JVM_PROPERTY, "warn")))
                .contains("kryo.unsafe=null", "Kryo uses Unsafe: true", "round trip: Dog{Rex}");
    }

    @Test
    void aChoiceMadeForKryoIsKeptAndWhereJavaDeniesUnsafeItsFailureSaysWhatToDo() {
        String output = kryoInAJvmWith(Map.of(KryoUnsafeAccess.JVM_PROPERTY, "deny", "kryo.unsafe", "true"));

        assertThat(output).contains("kryo.unsafe=true", "Kryo uses Unsafe: true");
        if (Runtime.version().feature() >= 24) {
            assertThat(output).contains("failed: Codec 'kryo' cannot encode a " + Dog.class.getName(),
                    "-Dkryo.unsafe=false (Unsafe refused objectFieldOffset)");
        } else {
            assertThat(output).contains("round trip: Dog{Rex}");
        }
    }

    @Test
    void aFailureOfUnsafeSaysHowToStartTheJvm() {
        UnsupportedOperationException refused = new UnsupportedOperationException("objectFieldOffset");
        refused.setStackTrace(new StackTraceElement[] {
            new StackTraceElement("sun.misc.Unsafe", "beforeMemoryAccessSlow", "Unsafe.java", 1822),
            new StackTraceElement("com.esotericsoftware.kryo.unsafe.UnsafeField", "<init>", "UnsafeField.java", 42)});
        RuntimeException kryoFailure = new IllegalStateException("serializer", refused);

        Throwable explained = KryoUnsafeAccess.explained(kryoFailure);

        assertThat(explained).hasMessage(KryoUnsafeAccess.HINT + " (Unsafe refused objectFieldOffset)")
                .hasCause(kryoFailure);
        assertThat(explained.getMessage()).contains("-Dkryo.unsafe=false");
        assertThatThrownBy(() -> {
            throw CodecFailures.encoding(KryoCodec.NAME, new Dog("Rex", 4), Dog.class, explained);
        }).hasMessageContaining("cannot encode a " + Dog.class.getName()).hasMessageContaining("-Dkryo.unsafe=false");
    }

    @Test
    void otherFailuresAreLeftAsTheyAre() {
        RuntimeException unsupported = new UnsupportedOperationException("not Unsafe's");
        RuntimeException other = new IllegalArgumentException("bad");

        assertThat(KryoUnsafeAccess.explained(unsupported)).isSameAs(unsupported);
        assertThat(KryoUnsafeAccess.explained(other)).isSameAs(other);
    }

    private static String kryoInAJvmWith(Map<String, String> properties) {
        try (JvmProcess jvm = JvmProcess.start(KryoRoundTrip.class, properties)) {
            assertThat(jvm.awaitExit(LIMIT)).as(jvm.output()).isZero();
            return jvm.output();
        }
    }

    /** Round-trips a class Kryo serializes field by field, and says whether Kryo took Unsafe for it. */
    public static final class KryoRoundTrip {

        private KryoRoundTrip() {
        }

        public static void main(String[] args) {
            KryoCodec codec = new KryoCodec(CodecContractTest.ALLOW_LIST, null);
            System.out.println("kryo.unsafe=" + System.getProperty("kryo.unsafe"));
            System.out.println("Kryo uses Unsafe: " + Util.unsafe);
            try {
                System.out.println("round trip: " + codec.decode(codec.encode(new Dog("Rex", 4), Dog.class),
                        Dog.class));
            } catch (CodecException e) {
                System.out.println("failed: " + e.getMessage());
            }
        }
    }
}
