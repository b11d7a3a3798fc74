package io.github.redisjcache.benchmarks;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Hand-written serialization of {@link Item} for the plain-client floors (Lettuce, Redisson's RBucket): the least
 * work a client can do to store the object, so that they measure the client and not a codec.
 */
public final class ItemBytes {

    private ItemBytes() {
    }

    public static byte[] encode(Item item) {
        byte[] name = item.getName().getBytes(StandardCharsets.UTF_8);
        byte[] email = item.getEmail().getBytes(StandardCharsets.UTF_8);
        byte[] city = item.getCity().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(8 + 4 + name.length + 4 + email.length + 4 + city.length + 4 + 8 + 1
                + 8);
        buffer.putLong(item.getId());
        buffer.putInt(name.length).put(name);
        buffer.putInt(email.length).put(email);
        buffer.putInt(city.length).put(city);
        buffer.putInt(item.getQuantity());
        buffer.putDouble(item.getPrice());
        buffer.put((byte) (item.isActive() ? 1 : 0));
        buffer.putLong(item.getUpdatedAt());
        return buffer.array();
    }

    public static Item decode(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        long id = buffer.getLong();
        String name = string(buffer);
        String email = string(buffer);
        String city = string(buffer);
        return new Item(id, name, email, city, buffer.getInt(), buffer.getDouble(), buffer.get() != 0,
                buffer.getLong());
    }

    private static String string(ByteBuffer buffer) {
        int length = buffer.getInt();
        String s = new String(buffer.array(), buffer.position(), length, StandardCharsets.UTF_8);
        buffer.position(buffer.position() + length);
        return s;
    }
}
