package io.github.redisjcache.testing;

/** An error reply ({@code -ERR ...}, {@code -MOVED ...}, ...) sent by a Redis server to a {@link RespClient}. */
public final class RedisErrorException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String serverMessage;

    /** @param serverMessage the error line exactly as the server sent it, without the leading {@code -} */
    public RedisErrorException(String serverMessage) {
        super("Redis error: " + serverMessage);
        this.serverMessage = serverMessage;
    }

    /** The error line exactly as the server sent it, e.g. {@code "ERR unknown command 'FOO'..."}. */
    public String serverMessage() {
        return serverMessage;
    }

    /** The error's first word, e.g. {@code ERR}, {@code WRONGTYPE}, {@code MOVED}, {@code NOAUTH}. */
    public String errorCode() {
        int space = serverMessage.indexOf(' ');
        return space < 0 ? serverMessage : serverMessage.substring(0, space);
    }
}
