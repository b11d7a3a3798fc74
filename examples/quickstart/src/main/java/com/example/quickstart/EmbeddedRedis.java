package com.example.quickstart;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throw-away {@code redis-server} for the quick start: the one on the {@code PATH}, else the binary shipped in the
 * {@code com.github.codemonstur:embedded-redis} jar (extracted to a temporary directory), on a free loopback port,
 * without persistence ({@code --save "" --appendonly no}), stopped by its pid on {@link #close()} or when the JVM
 * exits. An application connects to its real Redis instead and does not need this class.
 */
public final class EmbeddedRedis implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final Process process;
    private final int port;
    private final Path directory;
    private final String binary;
    private final Thread shutdownHook;

    private EmbeddedRedis(Process process, int port, Path directory, String binary) {
        this.process = process;
        this.port = port;
        this.directory = directory;
        this.binary = binary;
        this.shutdownHook = new Thread(this::stop, "embedded-redis-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts a server on a free loopback port and waits until it answers PING. */
    public static EmbeddedRedis start() {
        Path directory;
        try {
            directory = Files.createTempDirectory("quickstart-redis");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a directory for redis-server", e);
        }
        Path executable = findOnPath().orElseGet(() -> extractEmbedded(directory));
        IllegalStateException failure = null;
        for (int attempt = 0; attempt < 5; attempt++) {
            int port = freePort();
            List<String> command = List.of(executable.toString(), "--port", Integer.toString(port), "--bind", HOST,
                    "--save", "", "--appendonly", "no", "--daemonize", "no", "--dir", directory.toString());
            Process process;
            try {
                process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                        .redirectOutput(directory.resolve("redis.log").toFile()).start();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot run " + executable, e);
            }
            if (awaitPong(process, port)) {
                return new EmbeddedRedis(process, port, directory, executable.toString());
            }
            process.destroyForcibly();
            failure = new IllegalStateException("redis-server did not start on port " + port + ": " + log(directory));
        }
        deleteQuietly(directory);
        throw failure;
    }

    /** {@code redis://127.0.0.1:PORT}. */
    public String uri() {
        return "redis://" + HOST + ":" + port;
    }

    /** The process id of the server. */
    public long pid() {
        return process.pid();
    }

    /** Which executable runs, for the report. */
    public String binary() {
        return binary;
    }

    /** Stops the server (SIGTERM, then SIGKILL after 5 s) and deletes its directory. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException alreadyShuttingDown) {
            // The hook is running or has run: nothing left to do.
        }
    }

    private void stop() {
        ProcessHandle.of(process.pid()).ifPresent(handle -> {
            handle.destroy();
            try {
                handle.onExit().get(5, TimeUnit.SECONDS);
            } catch (Exception notStoppedInTime) {
                handle.destroyForcibly();
            }
        });
        deleteQuietly(directory);
    }

    private static Optional<Path> findOnPath() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String entry : path.split(File.pathSeparator)) {
            Path candidate = Path.of(entry.isEmpty() ? "." : entry, "redis-server");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Copies the embedded-redis jar's binary for this system into {@code directory}. */
    private static Path extractEmbedded(Path directory) {
        String resource = embeddedResourceName();
        Path file = directory.resolve(resource);
        try (InputStream in = EmbeddedRedis.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("No redis-server on the PATH and no " + resource
                        + " on the classpath (com.github.codemonstur:embedded-redis); install redis-server or set REDIS_URL");
            }
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot extract " + resource, e);
        }
        if (!file.toFile().setExecutable(true)) {
            throw new IllegalStateException("Cannot make " + file + " executable");
        }
        return file;
    }

    private static String embeddedResourceName() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
        if (os.contains("linux") && x64) {
            return "redis-server-6.2.6-v5-linux-amd64";
        } else if (os.contains("linux") && arm64) {
            return "redis-server-6.2.7-linux-arm64";
        } else if (os.contains("mac") && x64) {
            return "redis-server-6.2.6-v5-darwin-amd64";
        } else if (os.contains("mac") && arm64) {
            return "redis-server-6.2.6-v5-darwin-arm64";
        }
        throw new IllegalStateException("No embedded redis-server for " + os + "/" + arch
                + "; install redis-server or set REDIS_URL");
    }

    /** A port that is free now on the loopback address (the server is started on it right after). */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getByName(HOST), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port", e);
        }
    }

    /** Waits up to 10 s for {@code +PONG}; false if the process died or never answered. */
    private static boolean awaitPong(Process process, int port) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 200);
                socket.setSoTimeout(1000);
                OutputStream out = socket.getOutputStream();
                out.write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                byte[] reply = socket.getInputStream().readNBytes(7);
                if (new String(reply, StandardCharsets.US_ASCII).equals("+PONG\r\n")) {
                    return true;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static String log(Path directory) {
        try {
            return Files.readString(directory.resolve("redis.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            List<Path> all = new ArrayList<>(files.sorted(Comparator.reverseOrder()).toList());
            for (Path file : all) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // A temporary directory left behind is harmless.
        }
    }

    @Override
    public String toString() {
        return "redis-server (pid " + pid() + ") at " + uri();
    }
}
