package io.github.redisjcache.event;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

import javax.cache.event.EventType;

/**
 * An entry event as the store's scripts publish it: a version byte, a type letter, then the origin id, the entry key,
 * the value and the old value, each as a 4-byte big-endian length (-1 when absent) and its bytes.
 *
 * @param type     the event type
 * @param origin   the id of the cache instance that caused it
 * @param entryKey the entry's Redis key
 * @param value    the value (for removals and expiries, the last value), or null
 * @param oldValue the old value, or null
 */
record EventMessage(EventType type, String origin, byte[] entryKey, byte[] value, byte[] oldValue) {

    private static final byte VERSION = 1;

    /**
     * Decodes a published message.
     *
     * @param message the message bytes
     * @return the event, or null when the message is not one this version understands
     */
    static EventMessage decode(byte[] message) {
        try {
            ByteBuffer buffer = ByteBuffer.wrap(message);
            if (buffer.get() != VERSION) {
                return null;
            }
            EventType type = type((char) buffer.get());
            if (type == null) {
                return null;
            }
            byte[] origin = field(buffer);
            byte[] entryKey = field(buffer);
            byte[] value = field(buffer);
            byte[] oldValue = field(buffer);
            if (origin == null || entryKey == null) {
                return null;
            }
            return new EventMessage(type, new String(origin, StandardCharsets.UTF_8), entryKey, value, oldValue);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static EventType type(char letter) {
        switch (letter) {
            case 'C':
                return EventType.CREATED;
            case 'U':
                return EventType.UPDATED;
            case 'R':
                return EventType.REMOVED;
            case 'X':
                return EventType.EXPIRED;
            default:
                return null;
        }
    }

    private static byte[] field(ByteBuffer buffer) {
        int length = buffer.getInt();
        if (length < 0) {
            return null;
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return bytes;
    }
}
