package io.github.redisjcache.integrationtests;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads the command names out of the bytes a client sends to Redis (RESP arrays of bulk strings), however the
 * bytes are split: what is incomplete waits for the next chunk.
 */
final class RespRequestReader {

    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    /**
     * Takes the next chunk of a client's bytes.
     *
     * @return the names (lower case) of the commands completed by this chunk
     */
    List<String> read(byte[] chunk, int length) {
        pending.write(chunk, 0, length);
        byte[] bytes = pending.toByteArray();
        List<String> names = new ArrayList<>();
        int position = 0;
        while (true) {
            int end = commandEnd(bytes, position, names);
            if (end < 0) {
                break;
            }
            position = end;
        }
        pending.reset();
        pending.write(bytes, position, bytes.length - position);
        return names;
    }

    /** Returns where the command starting at {@code start} ends, adding its name, or -1 when it is incomplete. */
    private static int commandEnd(byte[] bytes, int start, List<String> names) {
        if (start >= bytes.length) {
            return -1;
        }
        if (bytes[start] != '*') {
            throw new IllegalStateException("Not a RESP array at byte " + start + ": inline commands are not read");
        }
        int[] count = number(bytes, start + 1);
        if (count == null) {
            return -1;
        }
        int position = count[1];
        String name = null;
        for (int i = 0; i < count[0]; i++) {
            if (position >= bytes.length) {
                return -1;
            }
            int[] length = number(bytes, position + 1);
            if (length == null || length[1] + length[0] + 2 > bytes.length) {
                return -1;
            }
            if (i == 0) {
                name = new String(bytes, length[1], length[0], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
            }
            position = length[1] + length[0] + 2;
        }
        names.add(name);
        return position;
    }

    /** Reads a decimal number ended by CRLF: returns it and where the bytes after the CRLF start, or null. */
    private static int[] number(byte[] bytes, int start) {
        int value = 0;
        for (int i = start; i + 1 < bytes.length; i++) {
            if (bytes[i] == '\r') {
                return new int[] {value, i + 2};
            }
            value = value * 10 + (bytes[i] - '0');
        }
        return null;
    }
}
