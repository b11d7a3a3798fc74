package io.github.redisjcache.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** A value must never reach an exception message or its causes: they end up in logs. */
class FailureMessagesTest {

    private static final String SECRET = "s3cr3t-4711";

    @Test
    void aJsonDecodingFailureDoesNotQuoteTheStoredValue() {
        Codec json = Codecs.json(ClassAllowList.defaults(), getClass().getClassLoader());
        byte[] stored = ("{\"name\":\"" + SECRET + "\",\"age\":\"" + SECRET + "\"}").getBytes(StandardCharsets.UTF_8);

        Throwable failure = catchThrowable(() -> json.decode(stored, Person.class));

        assertThat(failure).isInstanceOf(CodecException.class).hasMessageContaining(Person.class.getName());
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            assertThat(String.valueOf(cause.getMessage())).doesNotContain(SECRET);
        }
    }

    @Test
    void aJsonSyntaxFailureDoesNotQuoteTheStoredValue() {
        Codec json = Codecs.json(ClassAllowList.defaults(), getClass().getClassLoader());
        byte[] stored = ("[" + SECRET + "]").getBytes(StandardCharsets.UTF_8);

        Throwable failure = catchThrowable(() -> json.decode(stored, String.class));

        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            assertThat(String.valueOf(cause.getMessage())).doesNotContain(SECRET);
        }
    }

    /** A record with a number the stored JSON does not hold. */
    record Person(String name, int age) {
    }
}
