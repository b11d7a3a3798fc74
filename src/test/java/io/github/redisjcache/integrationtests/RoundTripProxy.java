package io.github.redisjcache.integrationtests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy in front of a Redis server that counts round trips and the commands clients send (Redis's
 * own statistics also count the commands that scripts call). A client's bytes that arrive after the server last
 * answered on that connection (or first on it) start a new round trip; further bytes before the answer belong to the
 * same one, as a pipeline's do.
 *
 * <p>Redis and the client sit on the same machine, so a pipeline written in one go arrives in one go; a client
 * that waits for a reply before sending more shows up as one round trip per wait.
 */
final class RoundTripProxy implements AutoCloseable {

    private final String targetHost;
    private final int targetPort;
    private final ServerSocket listener;
    private final AtomicLong roundTrips = new AtomicLong();
    private final Map<String, AtomicLong> commands = new ConcurrentHashMap<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;
    private volatile boolean closed;

    RoundTripProxy(String targetHost, int targetPort) {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        try {
            listener = new ServerSocket();
            listener.bind(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor = new Thread(this::acceptLoop, "round-trip-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** @return the URI clients use to go through the proxy */
    String uri() {
        return "redis://127.0.0.1:" + listener.getLocalPort();
    }

    /** Starts counting from zero. */
    void reset() {
        roundTrips.set(0);
        commands.clear();
    }

    /** @return the commands clients sent since the last {@link #reset()}, by lower-case name */
    Map<String, Long> commands() {
        Map<String, Long> counts = new TreeMap<>();
        commands.forEach((name, count) -> counts.put(name, count.get()));
        return counts;
    }

    /** @return the round trips counted since the last {@link #reset()}, over every connection */
    long roundTrips() {
        return roundTrips.get();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(targetHost, targetPort);
                client.setTcpNoDelay(true);
                server.setTcpNoDelay(true);
                sockets.add(client);
                sockets.add(server);
                Turns turns = new Turns();
                pump(client, server, turns, true);
                pump(server, client, turns, false);
            } catch (IOException e) {
                if (!closed) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }

    private void pump(Socket from, Socket to, Turns turns, boolean request) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[64 * 1024];
            RespRequestReader reader = new RespRequestReader();
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    // Counted before forwarding, so the reply cannot overtake the request it answers.
                    if (request) {
                        turns.requestBytes();
                        for (String name : reader.read(buffer, read)) {
                            commands.computeIfAbsent(name, key -> new AtomicLong()).incrementAndGet();
                        }
                    } else {
                        turns.replyBytes();
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // The other side closed: the connection is over.
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, request ? "round-trip-proxy-request" : "round-trip-proxy-reply");
        thread.setDaemon(true);
        thread.start();
    }

    /** Whose turn it is on one connection. */
    private final class Turns {
        private boolean waitingForRequest = true;

        synchronized void requestBytes() {
            if (waitingForRequest) {
                roundTrips.incrementAndGet();
                waitingForRequest = false;
            }
        }

        synchronized void replyBytes() {
            waitingForRequest = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        sockets.forEach(RoundTripProxy::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // best effort
        }
    }
}
