package io.github.redisjcache.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** Command arguments made once as bytes: the same bytes Redisson would have written for the text or the number. */
class ArgumentsTest {

    @Test
    void numbersAreTheirDecimalDigitsInsideAndOutsideTheCache() {
        long[] numbers = {-2, -1, 0, 1, 2, 9, 10, 1021, 1022, 1023, -3, 60_000, Long.MAX_VALUE, Long.MIN_VALUE};
        for (long number : numbers) {
            assertThat(new String(Arguments.number(number), StandardCharsets.US_ASCII)).as("%d", number)
                    .isEqualTo(Long.toString(number));
        }
    }

    @Test
    void smallNumbersAreMadeOnce() {
        assertThat(Arguments.number(-1)).isSameAs(Arguments.number(-1));
        assertThat(Arguments.number(1021)).isSameAs(Arguments.number(1021));
        // Past the cache: made per call, still right.
        assertThat(Arguments.number(1022)).isNotSameAs(Arguments.number(1022)).isEqualTo(Arguments.number(1022));
    }

    @Test
    void textIsItsUtf8BytesMadeOnce() {
        String channel = "jcache:{commandes-é-€}:events:" + System.nanoTime();
        byte[] bytes = Arguments.text(channel);
        assertThat(bytes).isEqualTo(channel.getBytes(StandardCharsets.UTF_8));
        assertThat(Arguments.text(new String(channel))).isSameAs(bytes);
        assertThat(Arguments.text("")).isEmpty();
    }

    @Test
    void scriptsGoAsTheBytesOfTheirSourceAndDigest() {
        for (LuaScript script : Scripts.ALL) {
            assertThat(script.sha1Bytes()).as(script.name())
                    .isEqualTo(script.sha1().getBytes(StandardCharsets.US_ASCII)).hasSize(40);
            assertThat(script.sourceBytes()).as(script.name())
                    .isEqualTo(script.source().getBytes(StandardCharsets.UTF_8));
        }
    }
}
