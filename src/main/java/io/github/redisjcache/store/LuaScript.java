package io.github.redisjcache.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** A Lua script read from its own resource file, called by its SHA-1 digest. */
final class LuaScript {

    private final String name;
    private final String source;
    private final String sha1;
    // What EVAL and EVALSHA send, made once (see Arguments).
    private final byte[] sourceBytes;
    private final byte[] sha1Bytes;

    private LuaScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha1 = sha1(source);
        this.sourceBytes = source.getBytes(StandardCharsets.UTF_8);
        this.sha1Bytes = sha1.getBytes(StandardCharsets.US_ASCII);
    }

    static LuaScript load(String name) {
        String resource = name + ".lua";
        try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing script resource " + resource);
            }
            return new LuaScript(name, compact(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read script resource " + resource, e);
        }
    }

    /**
     * The script as sent to Redis: comment lines emptied and indentation dropped, line breaks kept, so that Redis's
     * error messages still name the resource file's lines. Batches followed by WAIT send the source with every call
     * (see {@code Scripts.bySource}), and Redis hashes all of it each time: {@code mutate.lua} shrinks by half.
     *
     * @param text the resource file's text
     * @return the text without comment lines and indentation
     * @throws IllegalStateException for Lua's long brackets ({@code [[ ]]}, {@code --[[ ]]}), whose lines this would
     *                               change
     */
    static String compact(String text) {
        if (text.contains("[[") || text.contains("[=")) {
            throw new IllegalStateException("Scripts with long brackets cannot be compacted line by line");
        }
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < lines.length; i++) {
            String code = lines[i].strip();
            if (!code.startsWith("--")) {
                out.append(code);
            }
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String sha1(String source) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(40);
            for (byte b : digest) {
                hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available", e);
        }
    }

    String name() {
        return name;
    }

    String source() {
        return source;
    }

    /** @return the source as EVAL sends it; callers must not change the array */
    byte[] sourceBytes() {
        return sourceBytes;
    }

    /** @return the SHA-1 digest in hex as EVALSHA sends it; callers must not change the array */
    byte[] sha1Bytes() {
        return sha1Bytes;
    }

    String sha1() {
        return sha1;
    }
}
