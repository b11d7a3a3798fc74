package io.github.redisjcache.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Counts the commands clients send, with Redis MONITOR: only the top-level ones (the ones a client sent), not
 * those a Lua script ran, and not the measuring tools' own.
 */
final class Monitor implements AutoCloseable {

    private static final Set<String> IGNORED = Set.of("monitor", "info", "config", "ping", "client", "select",
            "hello", "command", "script");

    private final Socket socket;
    private final Thread reader;
    private final Map<String, Long> counts = new TreeMap<>();
    private volatile boolean counting;

    Monitor(int port) throws IOException, InterruptedException {
        socket = new Socket("127.0.0.1", port);
        OutputStream out = socket.getOutputStream();
        out.write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.ISO_8859_1), 1 << 16);
        String ok = in.readLine();
        if (ok == null || !ok.startsWith("+OK")) {
            throw new IOException("MONITOR answered " + ok);
        }
        reader = new Thread(() -> read(in), "monitor");
        reader.setDaemon(true);
        reader.start();
    }

    private void read(BufferedReader in) {
        try {
            String line;
            while ((line = in.readLine()) != null) {
                if (!counting) {
                    continue;
                }
                int open = line.indexOf('[');
                int close = line.indexOf(']', open + 1);
                if (open < 0 || close < 0 || line.substring(open, close).contains("lua")) {
                    continue;
                }
                int quote = line.indexOf('"', close);
                int end = quote < 0 ? -1 : line.indexOf('"', quote + 1);
                if (end < 0) {
                    continue;
                }
                String command = line.substring(quote + 1, end).toLowerCase(Locale.ROOT);
                if (!IGNORED.contains(command)) {
                    synchronized (counts) {
                        counts.merge(command, 1L, Long::sum);
                    }
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    /** Starts counting (after a short pause, so that the lines of earlier commands are not counted). */
    void start() throws InterruptedException {
        Thread.sleep(300);
        synchronized (counts) {
            counts.clear();
        }
        counting = true;
    }

    /** Stops counting, after a pause that lets the last lines arrive; returns the counts. */
    Map<String, Long> stop() throws InterruptedException {
        Thread.sleep(500);
        counting = false;
        synchronized (counts) {
            return new TreeMap<>(counts);
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
