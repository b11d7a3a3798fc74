package io.github.redisjcache.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A second JVM running a main class on this JVM's class path, for tests that need two processes: its output is
 * captured line by line, its standard input can be written to, and {@link #close()} kills it if it still runs.
 */
public final class JvmProcess implements AutoCloseable {

    private final String mainClass;
    private final Process process;
    private final Writer input;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private JvmProcess(String mainClass, Process process) {
        this.mainClass = mainClass;
        this.process = process;
        this.input = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.reader = new Thread(this::readOutput, "jvm-process-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code java -cp <this class path> -D... mainClass args...}, standard error merged into the output.
     *
     * @param mainClass        the class whose {@code main} runs
     * @param systemProperties set with {@code -D} in the new JVM
     * @param arguments        the arguments of {@code main}
     * @return the running process
     */
    public static JvmProcess start(Class<?> mainClass, Map<String, String> systemProperties, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("-Xmx256m");
        systemProperties.forEach((name, value) -> command.add("-D" + name + "=" + value));
        command.add(mainClass.getName());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            return new JvmProcess(mainClass.getName(), process);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start a JVM for " + mainClass.getName(), e);
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private void readOutput() {
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // The process ended or was killed: its output is complete.
        }
    }

    /**
     * Sends one line to the process's standard input.
     *
     * @param line the text, without line break
     */
    public void send(String line) {
        try {
            input.write(line);
            input.write('\n');
            input.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to " + this + "; output so far:\n" + output(), e);
        }
    }

    /**
     * Waits until the process prints a line that matches.
     *
     * @param wanted  what the line must satisfy
     * @param timeout how long to wait
     * @return the first matching line
     * @throws IllegalStateException when the process ends or the time runs out first, with its output
     */
    public String awaitLine(Predicate<String> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        synchronized (lines) {
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (wanted.test(lines.get(seen))) {
                        return lines.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!process.isAlive() && !reader.isAlive())) {
                    throw new IllegalStateException(this + (process.isAlive() ? " printed no awaited line within "
                            + timeout : " ended") + "; its output:\n" + output());
                }
                try {
                    lines.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while waiting for " + this, e);
                }
            }
        }
    }

    /**
     * Waits for the process to end.
     *
     * @param timeout how long to wait
     * @return its exit code
     * @throws IllegalStateException when it still runs after the timeout (it is then killed), with its output
     */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new IllegalStateException(this + " did not end within " + timeout + "; its output:\n"
                        + output());
            }
            reader.join(TimeUnit.SECONDS.toMillis(5));
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for " + this, e);
        }
    }

    /** @return every line printed so far */
    public List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** @return everything printed so far, one line per line */
    public String output() {
        return String.join("\n", lines());
    }

    /** @return the process id */
    public long pid() {
        return process.pid();
    }

    /** Kills the process (and waits for it) if it still runs. Idempotent. */
    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            input.close();
        } catch (IOException ignored) {
            // The process is gone; nothing to flush.
        }
    }

    @Override
    public String toString() {
        return "JVM " + Objects.requireNonNullElse(mainClass, "?") + " (pid " + process.pid() + ")";
    }
}
