package io.github.redisjcache.cache;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.function.IntPredicate;

import org.junit.jupiter.api.Test;

/** What the bytes invoke leaves behind are kept for, and for how long; no Redis involved. */
class CommittedValuesTest {

    private static final byte[] KEY = bytes("jcache:c:k");
    private static final byte[] SMALL = new byte[CommittedValues.KEPT_LIMIT];
    private static final byte[] LARGE = new byte[CommittedValues.KEPT_LIMIT + 1];

    private final CommittedValues values = new CommittedValues();
    private final int stripe = CommittedValues.stripe(KEY);

    @Test
    void smallBytesAreKeptForOneLaterProcessorOfTheSameKey() {
        values.offer(stripe, KEY, SMALL, false);

        assertThat(values.take(stripe, KEY)).isSameAs(SMALL);
        assertThat(values.take(stripe, KEY)).isNull();
    }

    @Test
    void largeBytesAreKeptOnlyForAProcessorAlreadyWaiting() {
        values.offer(stripe, KEY, LARGE, false);
        assertThat(values.take(stripe, KEY)).isNull();

        values.offer(stripe, KEY, LARGE, true);
        assertThat(values.take(stripe, KEY)).isSameAs(LARGE);
    }

    @Test
    void largeBytesLeftForAWaitingProcessorAreDroppedWhenAnotherKeyOfTheStripeComesFirst() {
        byte[] other = otherKeyOfTheStripe();
        values.offer(stripe, KEY, LARGE, true);

        assertThat(values.take(stripe, other)).isNull();
        assertThat(values.take(stripe, KEY)).isNull();
    }

    @Test
    void smallBytesStayWhenAnotherKeyOfTheStripeComes() {
        byte[] other = otherKeyOfTheStripe();
        values.offer(stripe, KEY, SMALL, true);

        assertThat(values.take(stripe, other)).isNull();
        assertThat(values.take(stripe, KEY)).isSameAs(SMALL);
    }

    @Test
    void afterAStaleGuessTheStripeKeepsNothingForItsNextCommits() {
        values.distrust(stripe);
        for (int i = 0; i < CommittedValues.DISTRUSTED_COMMITS; i++) {
            values.offer(stripe, KEY, SMALL, false);
            assertThat(values.take(stripe, KEY)).as("commit %s", i + 1).isNull();
        }
        values.offer(stripe, KEY, SMALL, false);
        assertThat(values.take(stripe, KEY)).isSameAs(SMALL);
    }

    @Test
    void aWaitingProcessorIsLeftTheBytesEvenWhileTheStripeIsDistrusted() {
        values.distrust(stripe);
        values.offer(stripe, KEY, SMALL, true);

        assertThat(values.take(stripe, KEY)).isSameAs(SMALL);
    }

    @Test
    void forgettingAKeyLeavesAnotherKeysBytes() {
        byte[] other = otherKeyOfTheStripe();
        values.offer(stripe, KEY, SMALL, false);

        values.forget(other);
        assertThat(values.take(stripe, KEY)).isSameAs(SMALL);

        values.offer(stripe, KEY, SMALL, false);
        values.forget(KEY);
        assertThat(values.take(stripe, KEY)).isNull();
    }

    @Test
    void forgettingAllEmptiesEveryStripe() {
        byte[] elsewhere = keyOfAnotherStripe();
        values.offer(stripe, KEY, SMALL, false);
        values.offer(CommittedValues.stripe(elsewhere), elsewhere, SMALL, false);

        values.forgetAll();

        assertThat(values.take(stripe, KEY)).isNull();
        assertThat(values.take(CommittedValues.stripe(elsewhere), elsewhere)).isNull();
    }

    private byte[] otherKeyOfTheStripe() {
        return keyWhoseStripe(candidate -> candidate == stripe);
    }

    private byte[] keyOfAnotherStripe() {
        return keyWhoseStripe(candidate -> candidate != stripe);
    }

    private static byte[] keyWhoseStripe(IntPredicate wanted) {
        for (int i = 0; ; i++) {
            byte[] candidate = bytes("jcache:c:k" + i);
            if (wanted.test(CommittedValues.stripe(candidate))) {
                return candidate;
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
