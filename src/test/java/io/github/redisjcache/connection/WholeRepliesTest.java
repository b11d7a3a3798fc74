package io.github.redisjcache.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import org.junit.jupiter.api.Test;

/** WholeReplies passes on every byte it receives, in whole RESP2 and RESP3 replies only, however they are split. */
class WholeRepliesTest {

    /** One reply of each kind, some nested; a bulk string holding CRLF, which only its length tells apart. */
    private static final List<String> REPLIES = List.of(
            "+OK\r\n",
            "-ERR unknown command\r\n",
            ":42\r\n",
            "$11\r\nline\r\nbreak\r\n",
            "$-1\r\n",
            "$0\r\n\r\n",
            "*0\r\n",
            "*-1\r\n",
            "*3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$5\r\nhello\r\n",
            "*2\r\n$4\r\npong\r\n$0\r\n\r\n",
            "*2\r\n*2\r\n:1\r\n$1\r\na\r\n*-1\r\n",
            "%2\r\n+first\r\n:1\r\n+second\r\n*1\r\n:2\r\n",
            "~2\r\n+a\r\n+b\r\n",
            ">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$3\r\nabc\r\n",
            "|1\r\n+ttl\r\n:3600\r\n$5\r\nvalue\r\n",
            "_\r\n",
            ",3.14\r\n",
            "#t\r\n",
            "(3492890328409238509324850943850943825024385\r\n",
            "=15\r\ntxt:Some string\r\n",
            "!21\r\nSYNTAX invalid syntax\r\n");

    @Test
    void eachReplyIsFoundWholeAndNotBeforeItsLastByte() {
        for (String reply : REPLIES) {
            byte[] bytes = reply.getBytes(StandardCharsets.US_ASCII);
            for (int length = 0; length < bytes.length; length++) {
                assertThat(WholeReplies.replyEnd(Unpooled.wrappedBuffer(bytes, 0, length), 0))
                        .as("%s cut after %d bytes", reply, length).isEqualTo(-1);
            }
            assertThat(WholeReplies.replyEnd(Unpooled.wrappedBuffer(bytes), 0)).as(reply).isEqualTo(bytes.length);
        }
    }

    @Test
    void everySplitOfAStreamComesOutWholeAndUnchanged() {
        byte[] stream = String.join("", REPLIES).getBytes(StandardCharsets.US_ASCII);
        for (int split = 0; split <= stream.length; split++) {
            assertPassedWhole(stream, List.of(split, stream.length - split));
        }
    }

    @Test
    void randomChunksComeOutWholeAndUnchanged() {
        Random random = new Random(107);
        ByteArrayOutputStream many = new ByteArrayOutputStream();
        for (int i = 0; i < 2_000; i++) {
            many.writeBytes(REPLIES.get(random.nextInt(REPLIES.size())).getBytes(StandardCharsets.US_ASCII));
        }
        byte[] stream = many.toByteArray();
        for (int round = 0; round < 20; round++) {
            List<Integer> chunks = new ArrayList<>();
            for (int left = stream.length; left > 0; ) {
                int chunk = Math.min(left, 1 + random.nextInt(round % 2 == 0 ? 16 : 4096));
                chunks.add(chunk);
                left -= chunk;
            }
            assertPassedWhole(stream, chunks);
        }
    }

    @Test
    void bytesThatAreNoReplyFailTheChannelRatherThanWaitForever() {
        EmbeddedChannel channel = new EmbeddedChannel(new WholeReplies());

        // No line end yet: refused all the same, not kept waiting for one.
        assertThatThrownBy(() -> channel.writeInbound(Unpooled.copiedBuffer("hello", StandardCharsets.US_ASCII)))
                .isInstanceOf(DecoderException.class).hasMessageContaining("Not a RESP reply");
        assertThatThrownBy(() -> new EmbeddedChannel(new WholeReplies())
                .writeInbound(Unpooled.copiedBuffer("*x\r\n", StandardCharsets.US_ASCII)))
                .isInstanceOf(DecoderException.class).hasMessageContaining("Malformed RESP length");
    }

    /** Feeds the stream in chunks of the given sizes, and checks what comes out. */
    private static void assertPassedWhole(byte[] stream, List<Integer> chunks) {
        EmbeddedChannel channel = new EmbeddedChannel(new WholeReplies());
        int at = 0;
        for (int chunk : chunks) {
            channel.writeInbound(Unpooled.copiedBuffer(stream, at, chunk));
            at += chunk;
        }
        ByteArrayOutputStream passed = new ByteArrayOutputStream();
        for (ByteBuf out; (out = channel.readInbound()) != null; ) {
            for (int reply = out.readerIndex(); reply < out.writerIndex(); ) {
                reply = WholeReplies.replyEnd(out, reply);
                assertThat(reply).as("a reply passed on whole, chunks %s", chunks).isPositive();
            }
            byte[] bytes = new byte[out.readableBytes()];
            out.readBytes(bytes);
            out.release();
            passed.writeBytes(bytes);
        }
        assertThat(passed.toByteArray()).as("chunks %s", chunks).isEqualTo(stream);
        channel.finishAndReleaseAll();
    }
}
