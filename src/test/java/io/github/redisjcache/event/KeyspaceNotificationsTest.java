package io.github.redisjcache.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The flags added to a server's {@code notify-keyspace-events}: expiries come on keyspace channels (K), evictions on
 * the keyevent channel (E); only what is missing is added, after what is there.
 */
class KeyspaceNotificationsTest {

    private static final char EXPIRED = KeyspaceNotifications.EXPIRED;
    private static final char EVICTED = KeyspaceNotifications.EVICTED;

    @Test
    void addsTheChannelTypeAndTheEventClass() {
        assertThat(KeyspaceNotifications.withEvents("", EXPIRED)).isEqualTo("Kx");
        assertThat(KeyspaceNotifications.withEvents("", EVICTED)).isEqualTo("Ee");
    }

    @Test
    void keepsTheServersFlags() {
        assertThat(KeyspaceNotifications.withEvents("Kx", EVICTED)).isEqualTo("KxEe");
        assertThat(KeyspaceNotifications.withEvents("Eg", EXPIRED)).isEqualTo("EgKx");
        assertThat(KeyspaceNotifications.withEvents("Ke", EVICTED)).isEqualTo("KeE");
    }

    @Test
    void addsNothingThatIsThere() {
        assertThat(KeyspaceNotifications.withEvents("KxEe", EVICTED)).isEqualTo("KxEe");
        assertThat(KeyspaceNotifications.withEvents("KxEe", EXPIRED)).isEqualTo("KxEe");
        // A stands for every event class, evictions and expiries included.
        assertThat(KeyspaceNotifications.withEvents("EA", EVICTED)).isEqualTo("EA");
        assertThat(KeyspaceNotifications.withEvents("AK", EXPIRED)).isEqualTo("AK");
    }
}
