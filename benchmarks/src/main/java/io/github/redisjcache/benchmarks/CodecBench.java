package io.github.redisjcache.benchmarks;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.redisson.codec.Kryo5Codec;

import io.github.redisjcache.codec.ClassAllowList;
import io.github.redisjcache.codec.Codec;
import io.github.redisjcache.codec.Codecs;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/**
 * What one value costs to encode and to decode, without Redis: our codecs as a cache declared {@code <String, Item>}
 * uses them (behind the decompressor every cache's values go through), Redisson's {@code Kryo5Codec} (its JCache's
 * default) and the hand-written {@link ItemBytes} of the plain-client floors. The share of the codec in the gaps
 * between the contenders. Not part of the run's phases (BENCHMARKS.md gives its figures):
 * {@code java -jar benchmarks.jar jmh CodecBench -f 1 -wi 5 -w 1s -i 5 -r 1s}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CodecBench {

    /** {@code ours-json}, {@code ours-kryo}, {@code redisson-kryo5} or {@code hand}. */
    @Param({"ours-json", "ours-kryo", "redisson-kryo5", "hand"})
    public String codec;

    private ValueCodec values;
    private final Item item = Workload.VALUE[42];
    private byte[] encoded;

    @Setup
    public void setUp() throws IOException {
        values = switch (codec) {
            case "ours-json", "ours-kryo" -> ours(codec.substring("ours-".length()));
            case "redisson-kryo5" -> redisson();
            case "hand" -> new ValueCodec() {
                @Override
                public byte[] encode(Item value) {
                    return ItemBytes.encode(value);
                }

                @Override
                public Object decode(byte[] bytes) {
                    return ItemBytes.decode(bytes);
                }
            };
            default -> throw new IllegalArgumentException("Unknown codec " + codec);
        };
        encoded = values.encode(item);
        if (!item.equals(values.decode(encoded))) {
            throw new IllegalStateException(codec + " does not give the value back");
        }
    }

    @Benchmark
    public byte[] encode() throws IOException {
        return values.encode(item);
    }

    @Benchmark
    public Object decode() throws IOException {
        return values.decode(encoded);
    }

    private static ValueCodec ours(String name) {
        ClassAllowList allowList = ClassAllowList.defaults().withTypes(String.class, Item.class);
        Codec codec = Codecs.compressed(Codecs.byName(name, allowList, CodecBench.class.getClassLoader()),
                Integer.MAX_VALUE);
        return new ValueCodec() {
            @Override
            public byte[] encode(Item value) {
                return codec.encode(value, Item.class);
            }

            @Override
            public Object decode(byte[] bytes) {
                return codec.decode(bytes, Item.class);
            }
        };
    }

    private static ValueCodec redisson() {
        Kryo5Codec kryo = new Kryo5Codec();
        return new ValueCodec() {
            @Override
            public byte[] encode(Item value) throws IOException {
                ByteBuf buf = kryo.getValueEncoder().encode(value);
                try {
                    byte[] bytes = new byte[buf.readableBytes()];
                    buf.readBytes(bytes);
                    return bytes;
                } finally {
                    buf.release();
                }
            }

            @Override
            public Object decode(byte[] bytes) throws IOException {
                return kryo.getValueDecoder().decode(Unpooled.wrappedBuffer(bytes), null);
            }
        };
    }

    /** One way of turning the value into bytes and back. */
    private interface ValueCodec {

        byte[] encode(Item value) throws IOException;

        Object decode(byte[] bytes) throws IOException;
    }
}
