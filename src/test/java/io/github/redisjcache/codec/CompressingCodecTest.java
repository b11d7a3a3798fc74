package io.github.redisjcache.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.redisjcache.codec.fixtures.Person;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CompressingCodecTest {

    private final JsonCodec json = new JsonCodec(CodecContractTest.ALLOW_LIST, null);
    private final KryoCodec kryo = new KryoCodec(CodecContractTest.ALLOW_LIST, null);
    private final CompressingCodec jsonLz4 = new CompressingCodec(json, CompressingCodec.DEFAULT_THRESHOLD_BYTES);
    private final CompressingCodec kryoLz4 = new CompressingCodec(kryo, CompressingCodec.DEFAULT_THRESHOLD_BYTES);

    @Test
    void isNamedAfterItsInnerCodec() {
        assertThat(jsonLz4.name()).isEqualTo("json+lz4");
        assertThat(kryoLz4.name()).isEqualTo("kryo+lz4");
        assertThat(jsonLz4.inner()).isSameAs(json);
        assertThat(jsonLz4.thresholdBytes()).isEqualTo(1024);
    }

    @Test
    void marksAndShrinksLargeValues() {
        for (CompressingCodec codec : List.of(jsonLz4, kryoLz4)) {
            String large = SampleValues.largeString();
            byte[] plain = codec.inner().encode(large, String.class);
            byte[] compressed = codec.encode(large, String.class);

            assertThat(CompressionSupport.isCompressed(compressed)).isTrue();
            assertThat(CompressionSupport.declaredLength(compressed)).isEqualTo(plain.length);
            assertThat(compressed.length).isLessThan(plain.length / 10);
            assertThat(codec.decode(compressed, String.class)).isEqualTo(large);
        }
    }

    @Test
    void leavesSmallValuesByteForByteAsTheInnerCodecWritesThem() {
        for (CompressingCodec codec : List.of(jsonLz4, kryoLz4)) {
            Person person = new Person("Ann", 3);

            assertThat(codec.encode(person, Person.class)).isEqualTo(codec.inner().encode(person, Person.class));
        }
        assertThat(jsonLz4.encode(new Person("Ann", 3), Person.class))
                .asString().isEqualTo("{\"name\":\"Ann\",\"age\":3}");
    }

    @Test
    void compressesFromTheThresholdOn() {
        CompressingCodec codec = new CompressingCodec(json, 100);
        String below = "a".repeat(97); // 99 bytes with the quotes
        String at = "a".repeat(98);

        assertThat(CompressionSupport.isCompressed(codec.encode(below, String.class))).isFalse();
        assertThat(CompressionSupport.isCompressed(codec.encode(at, String.class))).isTrue();
        assertThat(codec.decode(codec.encode(at, String.class), String.class)).isEqualTo(at);
    }

    @Test
    void readsBackTheMostCompressibleValue() {
        CompressingCodec codec = new CompressingCodec(new CompressionSupport.RawBytesCodec(), 0);
        byte[] zeros = new byte[8 * SampleValues.ONE_MIB];

        byte[] stored = codec.encode(zeros, byte[].class);

        assertThat(stored.length).isLessThan(zeros.length / 200);
        assertThat(codec.decode(stored, byte[].class)).isEqualTo(zeros);
    }

    @Test
    void leavesLargeValuesThatDoNotShrinkUncompressed() {
        byte[] random = SampleValues.randomBytes(64 * 1024, 3);

        byte[] stored = kryoLz4.encode(random, byte[].class);

        assertThat(stored).isEqualTo(kryo.encode(random, byte[].class));
        assertThat(kryoLz4.decode(stored, byte[].class)).isEqualTo(random);
    }

    @Test
    void readsValuesStoredBeforeCompressionWasTurnedOn() {
        for (CompressingCodec codec : List.of(jsonLz4, kryoLz4)) {
            String large = SampleValues.largeString();
            byte[] old = codec.inner().encode(large, Object.class);

            assertThat(CompressionSupport.isCompressed(old)).isFalse();
            assertThat(codec.decode(old, Object.class)).isEqualTo(large);
        }
    }

    @Test
    void alwaysMarksInnerBytesThatStartLikeTheMarker() {
        CompressingCodec codec = new CompressingCodec(new CompressionSupport.RawBytesCodec(), 1024);
        byte[] small = {0, 1, 2};

        byte[] stored = codec.encode(small, byte[].class);

        assertThat(CompressionSupport.isCompressed(stored)).isTrue();
        assertThat(codec.decode(stored, byte[].class)).isEqualTo(small);
    }

    @Test
    void refusesCorruptCompressedBytes() {
        byte[] compressed = jsonLz4.encode(SampleValues.largeString(), String.class);
        for (int position : List.of(4, 8, 12, 13, compressed.length / 2, compressed.length - 1)) {
            byte[] corrupt = compressed.clone();
            corrupt[position] ^= 0x5A;

            assertThatThrownBy(() -> jsonLz4.decode(corrupt, String.class))
                    .as("flipped byte %d", position)
                    .isInstanceOf(CodecException.class)
                    .hasMessageContaining("json+lz4")
                    .hasMessageContaining("java.lang.String");
        }
    }

    @Test
    void refusesTruncatedCompressedBytes() {
        byte[] compressed = kryoLz4.encode(SampleValues.largeString(), String.class);
        for (int length = 0; length < compressed.length; length += length < 64 ? 1 : 97) {
            byte[] truncated = Arrays.copyOf(compressed, length);

            assertThatThrownBy(() -> kryoLz4.decode(truncated, String.class))
                    .as("%d of %d bytes", length, compressed.length)
                    .isInstanceOf(CodecException.class)
                    .hasMessageContaining("kryo+lz4");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MAX_VALUE, 600 * 1024 * 1024, CompressingCodec.MAX_UNCOMPRESSED_BYTES + 1, -1})
    void refusesAForgedUncompressedLengthWithoutAllocatingIt(int forgedLength) {
        byte[] compressed = jsonLz4.encode(SampleValues.largeString(), String.class);
        ByteBuffer.wrap(compressed).putInt(4, forgedLength);

        assertThatThrownBy(() -> jsonLz4.decode(compressed, String.class))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("json+lz4")
                .hasMessageContaining("declares " + forgedLength + " uncompressed bytes");
    }

    @Test
    void refusesALengthTheCompressedBytesCannotHold() {
        // A few bytes cannot expand to 100 MiB, even under the limit: refused before allocating.
        byte[] forged = CompressionSupport.compress(new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
        ByteBuffer.wrap(forged).putInt(4, 100 * 1024 * 1024);

        assertThatThrownBy(() -> jsonLz4.decode(forged, String.class))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("uncompressed bytes, more than");
    }

    @Test
    void refusesTheMarkerByteWithoutItsMagic() {
        assertThatThrownBy(() -> jsonLz4.decode(new byte[] {0, 'x', 'y', 'z', 0, 0, 0, 1, 0, 0, 0, 0, 1}, Object.class))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("no LZ4 header");
    }

    @Test
    void refusesBytesOfTheOtherFormatAfterDecompressing() {
        byte[] kryoBytes = kryoLz4.encode(SampleValues.largeString(), String.class);

        assertThatThrownBy(() -> jsonLz4.decode(kryoBytes, String.class))
                .isInstanceOf(CodecException.class)
                .hasMessageStartingWith("Codec 'json+lz4': Codec 'json' cannot decode");
    }

    @Test
    void refusesANegativeThreshold() {
        assertThatThrownBy(() -> new CompressingCodec(json, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
