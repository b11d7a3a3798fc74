package io.github.redisjcache.testing;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A minimal synchronous RESP2 client over a plain socket, for tests to inspect and manipulate Redis servers.
 *
 * <p>Replies are returned as: {@link String} (simple strings such as {@code OK}), {@link Long} (integers),
 * {@code byte[]} (bulk strings), {@link List} of these (arrays), or {@code null} (nil bulk / nil array). A top-level
 * error reply throws {@link RedisErrorException}; an error nested inside an array (e.g. in an {@code EXEC} reply)
 * is returned in the list as a {@link RedisErrorException} object. It never sends {@code HELLO}, so servers always
 * answer in RESP2. After an I/O error or timeout the connection is closed and every further call fails.
 * Calls are serialized (the methods are synchronized), but there is no pipelining.
 */
public final class RespClient implements AutoCloseable {

    /** Connect timeout used by {@link #RespClient(String, int)}. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    /** Read timeout used by {@link #RespClient(String, int)}. */
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

    private static final byte[] CRLF = {'\r', '\n'};

    private final String host;
    private final int port;
    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private boolean closed;

    /** Connects with the default timeouts (2 s connect, 10 s read). */
    public RespClient(String host, int port) {
        this(host, port, DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT);
    }

    /** Connects to {@code host:port}; throws {@link UncheckedIOException} if that fails within {@code connectTimeout}. */
    public RespClient(String host, int port, Duration connectTimeout, Duration readTimeout) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = port;
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.setSoTimeout(Math.toIntExact(readTimeout.toMillis()));
            s.connect(new InetSocketAddress(host, port), Math.toIntExact(connectTimeout.toMillis()));
            this.in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
            this.out = new BufferedOutputStream(s.getOutputStream(), 16 * 1024);
        } catch (IOException e) {
            closeQuietly(s);
            throw new UncheckedIOException("Cannot connect to Redis at " + host + ":" + port + ": " + e.getMessage(), e);
        }
        this.socket = s;
    }

    /** The host this client connected to. */
    public String host() {
        return host;
    }

    /** The port this client connected to. */
    public int port() {
        return port;
    }

    /** {@code "host:port"} of the server. */
    public String address() {
        return host + ":" + port;
    }

    /** Whether the connection is still usable (not closed, no I/O error so far). */
    public synchronized boolean isOpen() {
        return !closed;
    }

    /** Sends one command (arguments encoded as UTF-8) and returns its reply; see the class comment for types. */
    public Object call(String... args) {
        byte[][] raw = new byte[args.length][];
        for (int i = 0; i < args.length; i++) {
            raw[i] = Objects.requireNonNull(args[i], "argument " + i).getBytes(StandardCharsets.UTF_8);
        }
        return call(raw);
    }

    /** Sends one command made of binary arguments and returns its reply; see the class comment for types. */
    public synchronized Object call(byte[]... args) {
        if (args.length == 0) {
            throw new IllegalArgumentException("a command needs at least one argument");
        }
        if (closed) {
            throw new IllegalStateException("RespClient to " + address() + " is closed");
        }
        Object reply;
        try {
            writeCommand(args);
            reply = readReply();
        } catch (IOException e) {
            closeInternal();
            throw new UncheckedIOException("I/O error talking to Redis at " + address() + " ("
                    + new String(args[0], StandardCharsets.UTF_8) + "): " + e, e);
        }
        if (reply instanceof RedisErrorException error) {
            // A fresh exception so the stack trace shows the caller.
            throw new RedisErrorException(error.serverMessage());
        }
        return reply;
    }

    /**
     * Waits for the next reply that comes without a command: a message of a channel this connection subscribed to
     * with {@code SUBSCRIBE} (as {@code [message, channel, payload]}). Blocks up to the read timeout.
     */
    public synchronized Object nextPush() {
        if (closed) {
            throw new IllegalStateException("RespClient to " + address() + " is closed");
        }
        try {
            return readReply();
        } catch (IOException e) {
            closeInternal();
            throw new UncheckedIOException("I/O error waiting for a message from Redis at " + address() + ": " + e, e);
        }
    }

    /**
     * Sends a command and returns its reply as text: bulk strings are decoded as UTF-8, simple strings returned as
     * they are, integers as their decimal form, nil as {@code null}; an array reply throws
     * {@link IllegalStateException}.
     */
    public String callString(String... args) {
        Object reply = call(args);
        if (reply == null || reply instanceof String) {
            return (String) reply;
        }
        if (reply instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (reply instanceof Long l) {
            return l.toString();
        }
        throw new IllegalStateException(args[0] + " returned an array, not a string: " + decodeUtf8(reply));
    }

    /** Sends a command whose reply is an integer (e.g. {@code DBSIZE}, {@code INCR}) and returns it. */
    public long callLong(String... args) {
        Object reply = call(args);
        if (reply instanceof Long l) {
            return l;
        }
        throw new IllegalStateException(args[0] + " did not return an integer: " + decodeUtf8(reply));
    }

    /** Sends a command whose reply is an array and returns it with every bulk string decoded as UTF-8. */
    @SuppressWarnings("unchecked")
    public List<Object> callList(String... args) {
        Object reply = call(args);
        if (reply == null) {
            return null;
        }
        if (reply instanceof List<?>) {
            return (List<Object>) decodeUtf8(reply);
        }
        throw new IllegalStateException(args[0] + " did not return an array: " + decodeUtf8(reply));
    }

    /** Returns a copy of {@code reply} in which every {@code byte[]} (also nested in lists) is decoded as UTF-8. */
    public static Object decodeUtf8(Object reply) {
        if (reply instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        if (reply instanceof List<?> list) {
            List<Object> decoded = new ArrayList<>(list.size());
            for (Object element : list) {
                decoded.add(decodeUtf8(element));
            }
            return decoded;
        }
        return reply;
    }

    // ---------------------------------------------------------------- helpers

    /** {@code PING}; returns {@code "PONG"}. */
    public String ping() {
        return callString("PING");
    }

    /** {@code FLUSHALL} (synchronous): empties every database of the server. */
    public void flushAll() {
        call("FLUSHALL");
    }

    /** {@code FLUSHDB} (synchronous): empties the selected database. */
    public void flushDb() {
        call("FLUSHDB");
    }

    /** {@code DBSIZE}: number of keys in the selected database. */
    public long dbSize() {
        return callLong("DBSIZE");
    }

    /** {@code SELECT db}. */
    public void select(int db) {
        call("SELECT", Integer.toString(db));
    }

    /** {@code AUTH password} (the {@code default} user). */
    public void auth(String password) {
        call("AUTH", password);
    }

    /** {@code AUTH user password}, or {@code AUTH password} when {@code user} is null or empty. */
    public void auth(String user, String password) {
        if (user == null || user.isEmpty()) {
            auth(password);
        } else {
            call("AUTH", user, password);
        }
    }

    /** {@code CONFIG SET parameter value}. */
    public void configSet(String parameter, String value) {
        call("CONFIG", "SET", parameter, value);
    }

    /** {@code CONFIG GET parameter}: the value of that one parameter, or null if the server does not know it. */
    public String configGet(String parameter) {
        List<Object> reply = callList("CONFIG", "GET", parameter);
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            if (parameter.equalsIgnoreCase((String) reply.get(i))) {
                return (String) reply.get(i + 1);
            }
        }
        return null;
    }

    /**
     * {@code INFO section} parsed into {@code field -> value} (in the server's order), e.g. {@code info("server")}
     * has {@code redis_version} and {@code process_id}; pass {@code null} or {@code ""} for the default sections.
     */
    public Map<String, String> info(String section) {
        String text = section == null || section.isEmpty() ? callString("INFO") : callString("INFO", section);
        return parseInfo(text);
    }

    /**
     * The {@code calls} count of every command from {@code INFO commandstats}, keyed by the lower-case name after
     * {@code cmdstat_} (e.g. {@code get}, {@code set}; Redis 7 reports sub-commands separately, as {@code config|set};
     * Redis 6.2 as {@code config}). Commands never called are absent. {@code CONFIG RESETSTAT} resets them.
     */
    public Map<String, Long> commandStats() {
        Map<String, Long> calls = new LinkedHashMap<>();
        commandStatFields().forEach((command, fields) -> calls.put(command, Long.parseLong(fields.get("calls"))));
        return calls;
    }

    /** Like {@link #commandStats()} but the {@code usec_per_call} (average microseconds per call) of each command. */
    public Map<String, Double> commandUsecPerCall() {
        Map<String, Double> usec = new LinkedHashMap<>();
        commandStatFields().forEach((command, fields) ->
                usec.put(command, Double.parseDouble(fields.get("usec_per_call"))));
        return usec;
    }

    private Map<String, Map<String, String>> commandStatFields() {
        Map<String, Map<String, String>> result = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : info("commandstats").entrySet()) {
            if (!entry.getKey().startsWith("cmdstat_")) {
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (String pair : entry.getValue().split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    fields.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
            result.put(entry.getKey().substring("cmdstat_".length()), fields);
        }
        return result;
    }

    /** Parses the text of an {@code INFO} reply ({@code field:value} lines, {@code #} section headers). */
    public static Map<String, String> parseInfo(String text) {
        Map<String, String> map = new LinkedHashMap<>();
        if (text == null) {
            return map;
        }
        for (String line : text.split("\r?\n")) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                map.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return Collections.unmodifiableMap(map);
    }

    /** Closes the connection; further calls fail. Idempotent. */
    @Override
    public synchronized void close() {
        closeInternal();
    }

    @Override
    public String toString() {
        return "RespClient[" + address() + (closed ? ", closed]" : "]");
    }

    // ---------------------------------------------------------------- protocol

    private void writeCommand(byte[][] args) throws IOException {
        out.write('*');
        out.write(Integer.toString(args.length).getBytes(StandardCharsets.US_ASCII));
        out.write(CRLF);
        for (byte[] arg : args) {
            Objects.requireNonNull(arg, "command argument");
            out.write('$');
            out.write(Integer.toString(arg.length).getBytes(StandardCharsets.US_ASCII));
            out.write(CRLF);
            out.write(arg);
            out.write(CRLF);
        }
        out.flush();
    }

    private Object readReply() throws IOException {
        int type = in.read();
        if (type < 0) {
            throw new EOFException("connection closed by the server");
        }
        switch (type) {
            case '+':
                return readLine();
            case '-':
                return new RedisErrorException(readLine());
            case ':':
                return Long.parseLong(readLine());
            case '$': {
                int length = Integer.parseInt(readLine());
                if (length < 0) {
                    return null;
                }
                byte[] data = in.readNBytes(length);
                if (data.length < length) {
                    throw new EOFException("connection closed inside a bulk string");
                }
                expectCrlf();
                return data;
            }
            case '*': {
                int count = Integer.parseInt(readLine());
                if (count < 0) {
                    return null;
                }
                List<Object> list = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    list.add(readReply());
                }
                return list;
            }
            default:
                throw new IOException("unexpected RESP type byte '" + (char) type + "' (" + type + ")");
        }
    }

    private String readLine() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed inside a reply line");
            }
            if (b == '\r') {
                int next = in.read();
                if (next != '\n') {
                    throw new IOException("expected LF after CR, got " + next);
                }
                // Simple strings and errors are ASCII or UTF-8 text; decode the collected bytes as Latin-1 then fix.
                return new String(sb.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
            }
            sb.append((char) b);
        }
    }

    private void expectCrlf() throws IOException {
        if (in.read() != '\r' || in.read() != '\n') {
            throw new IOException("expected CRLF after a bulk string");
        }
    }

    private void closeInternal() {
        if (!closed) {
            closed = true;
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing to do
        }
    }
}
