package io.github.redisjcache.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ClusterSlotsTests {

    @Test
    void matchesTheCrc16ReferenceValue() {
        // The check value of CRC16/XMODEM, also in Redis's cluster spec.
        byte[] digits = "123456789".getBytes(StandardCharsets.US_ASCII);
        assertEquals(0x31C3, ClusterSlots.crc16(digits, 0, digits.length));
        assertEquals(0x31C3 % 16384, ClusterSlots.slotOf("123456789"));
    }

    @Test
    void knownSlots() {
        // Values as CLUSTER KEYSLOT reports them.
        assertEquals(12182, ClusterSlots.slotOf("foo"));
        assertEquals(5061, ClusterSlots.slotOf("bar"));
        assertEquals(0, ClusterSlots.slotOf(""));
    }

    @Test
    void followsTheHashTagRules() {
        assertEquals(ClusterSlots.slotOf("user1000"), ClusterSlots.slotOf("{user1000}.following"));
        assertEquals(ClusterSlots.slotOf("{user1000}.following"), ClusterSlots.slotOf("{user1000}.followers"));
        // Only the first { and the first } after it count.
        assertEquals(ClusterSlots.slotOf("bar"), ClusterSlots.slotOf("foo{bar}{zap}"));
        assertEquals(ClusterSlots.slotOf("{bar"), ClusterSlots.slotOf("foo{{bar}}zap"));
        // An empty tag hashes the whole key.
        assertNotEquals(ClusterSlots.slotOf("bar"), ClusterSlots.slotOf("foo{}{bar}"));
        assertEquals(ClusterSlots.crc16("foo{}{bar}".getBytes(StandardCharsets.UTF_8), 0, 10) & 16383,
                ClusterSlots.slotOf("foo{}{bar}"));
        // No closing brace: the whole key.
        assertEquals(ClusterSlots.crc16("{abc".getBytes(StandardCharsets.UTF_8), 0, 4) & 16383,
                ClusterSlots.slotOf("{abc"));
    }
}
