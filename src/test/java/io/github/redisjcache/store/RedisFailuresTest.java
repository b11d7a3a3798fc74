package io.github.redisjcache.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Redisson's failure messages quote command parameters (keys and values); none of it may be shown. */
class RedisFailuresTest {

    private static final String TIMEOUT = "Redis server response timeout (500 ms) occurred after 1 of 1 retry attempts,"
            + " is non-idempotent command: false Netty pending tasks: 0, command: (SET), params: [[106, 99, 97, 99],"
            + " [123, 34, 115, 51, 99, 114, 51, 116, ...], PX, 600000], channel: [id: 0xcbcb72fc, L:/127.0.0.1:3]";

    @Test
    void parametersAreHiddenAndTheRestKept() {
        String shown = RedisFailures.hideParameters(TIMEOUT);

        assertThat(shown).doesNotContain("115, 51").doesNotContain("600000")
                .contains("Redis server response timeout (500 ms)", "command: (SET), params: (hidden)",
                        "channel: [id: 0xcbcb72fc");
    }

    @Test
    void aCauseChainIsCopiedWithoutParameters() {
        RuntimeException original = new IllegalStateException("outer", new RuntimeException(TIMEOUT));

        Throwable scrubbed = RedisFailures.scrub(original);

        for (Throwable cause = scrubbed; cause != null; cause = cause.getCause()) {
            assertThat(cause.getMessage()).doesNotContain("115, 51");
        }
        assertThat(scrubbed.getMessage()).startsWith(IllegalStateException.class.getName());
        assertThat(scrubbed.getCause().getStackTrace()).isEqualTo(original.getCause().getStackTrace());
    }
}
