package io.github.redisjcache.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Locates the {@code redis-server} executable the tests run (system property, then a release built from source when
 * asked for, then PATH, then the binary shipped in the embedded-redis jar, extracted to disk) and knows its version.
 *
 * <p>Order: the system property {@value #PATH_PROPERTY} if set; else, if {@value RedisSourceBuild#VERSION_PROPERTY}
 * names a release, that release built by {@link RedisSourceBuild} (tests are skipped where it cannot be built); else
 * the first executable {@code redis-server} in the {@code PATH} environment variable; else the Linux/macOS binary for
 * this {@code os.name}/{@code os.arch} found as a classpath resource of the
 * {@code com.github.codemonstur:embedded-redis} jar, extracted to {@code target/redis-bin/} of the working directory
 * (when {@code target} exists) or to {@code ${java.io.tmpdir}/redis-jcache-bin/}.
 */
public final class RedisBinary {

    /** System property naming the redis-server executable to use, overriding every other choice. */
    public static final String PATH_PROPERTY = "redisjcache.test.redis-server";

    private static final System.Logger LOG = System.getLogger(RedisBinary.class.getName());
    private static final Pattern VERSION = Pattern.compile("v=(\\d+)\\.(\\d+)(?:\\.(\\d+))?\\S*");

    private static RedisBinary defaultBinary;
    private static String defaultUnavailable;
    private static RedisBinary embeddedBinary;

    /** Where a binary came from. */
    public enum Source {
        /** The {@value RedisBinary#PATH_PROPERTY} system property. */
        SYSTEM_PROPERTY,
        /** Built from a pinned source release ({@link RedisSourceBuild}). */
        SOURCE_BUILD,
        /** The {@code PATH} environment variable. */
        PATH,
        /** Extracted from the embedded-redis jar. */
        EMBEDDED,
        /** Given explicitly to {@link #of(Path)}. */
        EXPLICIT
    }

    private final Path path;
    private final Source source;
    private final String version;
    private final int major;
    private final int minor;

    private RedisBinary(Path path, Source source) {
        this.path = path.toAbsolutePath();
        this.source = source;
        this.version = readVersion(this.path);
        Matcher m = Pattern.compile("(\\d+)\\.(\\d+)").matcher(version);
        if (!m.lookingAt()) {
            throw new IllegalStateException("Cannot parse redis-server version '" + version + "' of " + this.path);
        }
        this.major = Integer.parseInt(m.group(1));
        this.minor = Integer.parseInt(m.group(2));
    }

    /**
     * The binary the tests use (chosen once per JVM and logged): property, else a source build when asked for, else
     * PATH, else embedded.
     *
     * @throws RuntimeException when the source build asked for cannot be made on this machine: JUnit 5's
     *     {@code TestAbortedException}, which skips the calling test with the reason
     */
    public static synchronized RedisBinary get() {
        if (defaultUnavailable != null) {
            throw aborted(defaultUnavailable, null);
        }
        if (defaultBinary == null) {
            String property = System.getProperty(PATH_PROPERTY);
            String release = System.getProperty(RedisSourceBuild.VERSION_PROPERTY);
            RedisBinary chosen;
            if (property != null && !property.isBlank()) {
                Path p = Path.of(property.trim());
                if (!Files.isRegularFile(p) || !Files.isExecutable(p)) {
                    throw new IllegalStateException("System property " + PATH_PROPERTY + " names " + p
                            + ", which is not an executable file");
                }
                chosen = new RedisBinary(p, Source.SYSTEM_PROPERTY);
            } else if (release != null && !release.isBlank()) {
                try {
                    chosen = new RedisBinary(RedisSourceBuild.executable(release.trim()), Source.SOURCE_BUILD);
                } catch (RedisSourceBuild.Unavailable e) {
                    defaultUnavailable = "The tests asked for " + release.trim() + " built from source (-D"
                            + RedisSourceBuild.VERSION_PROPERTY + "), which this machine cannot build: "
                            + e.getMessage() + ". They are skipped.";
                    LOG.log(Level.WARNING, defaultUnavailable);
                    throw aborted(defaultUnavailable, e);
                }
            } else {
                Optional<Path> onPath = findOnPath();
                chosen = onPath.isPresent() ? new RedisBinary(onPath.get(), Source.PATH) : embedded();
            }
            LOG.log(Level.INFO, "Tests use {0}", chosen);
            defaultBinary = chosen;
        }
        return defaultBinary;
    }

    /**
     * JUnit 5's {@code TestAbortedException} (a skip), looked up by name: this class also serves the JUnit 4 TCK run
     * and the examples, whose classpath may lack it (there, an {@link IllegalStateException}).
     */
    private static RuntimeException aborted(String message, Throwable cause) {
        try {
            return (RuntimeException) Class.forName("org.opentest4j.TestAbortedException")
                    .getConstructor(String.class, Throwable.class).newInstance(message, cause);
        } catch (ReflectiveOperationException | LinkageError | ClassCastException e) {
            return new IllegalStateException(message, cause);
        }
    }

    /** A given executable (its version is read at once). */
    public static RedisBinary of(Path executable) {
        return new RedisBinary(executable, Source.EXPLICIT);
    }

    /** The first executable {@code redis-server} in the {@code PATH} environment variable, if any. */
    public static Optional<Path> findOnPath() {
        return findOnPath("redis-server");
    }

    /** Whether an executable of this name is in the {@code PATH} environment variable. */
    static boolean onPath(String command) {
        return findOnPath(command).isPresent();
    }

    private static Optional<Path> findOnPath(String command) {
        String pathVariable = System.getenv("PATH");
        if (pathVariable == null) {
            return Optional.empty();
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        String name = windows ? command + ".exe" : command;
        for (String directory : pathVariable.split(Pattern.quote(File.pathSeparator))) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The embedded-redis jar's binary for this machine, extracted to the default directory (once per JVM). */
    public static synchronized RedisBinary embedded() {
        if (embeddedBinary == null) {
            embeddedBinary = embedded(defaultExtractionDirectory());
        }
        return embeddedBinary;
    }

    /** The embedded-redis jar's binary for this machine, extracted to {@code directory} (reused if already there). */
    public static RedisBinary embedded(Path directory) {
        String resource = embeddedResourceName(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
        return new RedisBinary(extract(resource, directory), Source.EMBEDDED);
    }

    /**
     * The name of the embedded-redis jar resource for an {@code os.name}/{@code os.arch} pair, e.g.
     * {@code redis-server-6.2.6-v5-linux-amd64}; throws {@link UnsupportedOperationException} for other systems.
     */
    public static String embeddedResourceName(String osName, String osArch) {
        String os = osName.toLowerCase(Locale.ROOT);
        String arch = osArch.toLowerCase(Locale.ROOT);
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
        boolean x86 = arch.equals("x86") || arch.equals("i386") || arch.equals("i686");
        if (os.contains("linux")) {
            if (x64) {
                return "redis-server-6.2.6-v5-linux-amd64";
            }
            if (arm64) {
                return "redis-server-6.2.7-linux-arm64";
            }
            if (x86) {
                return "redis-server-6.2.7-linux-386";
            }
        } else if (os.contains("mac") || os.contains("darwin")) {
            if (x64) {
                return "redis-server-6.2.6-v5-darwin-amd64";
            }
            if (arm64) {
                return "redis-server-6.2.6-v5-darwin-arm64";
            }
        }
        throw new UnsupportedOperationException("No embedded redis-server for os.name=" + osName + ", os.arch="
                + osArch + "; install redis-server on the PATH or set -D" + PATH_PROPERTY + "=/path/to/redis-server");
    }

    /** {@code target/redis-bin} of the working directory if {@code target} exists, else one in java.io.tmpdir. */
    static Path defaultExtractionDirectory() {
        Path target = Path.of(System.getProperty("user.dir", ".")).resolve("target");
        if (Files.isDirectory(target)) {
            return target.resolve("redis-bin");
        }
        return Path.of(System.getProperty("java.io.tmpdir")).resolve("redis-jcache-bin");
    }

    private static Path extract(String resource, Path directory) {
        byte[] content;
        try (InputStream in = openResource(resource)) {
            content = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read classpath resource " + resource, e);
        }
        try {
            Files.createDirectories(directory);
            Path file = directory.resolve(resource);
            if (Files.isRegularFile(file) && Files.size(file) == content.length) {
                if (!Files.isExecutable(file) && !file.toFile().setExecutable(true, false)) {
                    throw new IOException("cannot make " + file + " executable");
                }
                return file;
            }
            // Write beside it and move into place, so that concurrent JVMs never run a half-written file.
            Path temporary = Files.createTempFile(directory, resource, ".part");
            try {
                Files.write(temporary, content);
                if (!temporary.toFile().setExecutable(true, false)) {
                    throw new IOException("cannot make " + temporary + " executable");
                }
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temporary);
            }
            LOG.log(Level.INFO, "Extracted embedded {0} to {1}", resource, file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot extract " + resource + " to " + directory, e);
        }
    }

    private static InputStream openResource(String resource) {
        InputStream in = null;
        ClassLoader context = Thread.currentThread().getContextClassLoader();
        if (context != null) {
            in = context.getResourceAsStream(resource);
        }
        if (in == null) {
            in = RedisBinary.class.getClassLoader().getResourceAsStream(resource);
        }
        if (in == null) {
            throw new IllegalStateException("No redis-server on the PATH, no -D" + PATH_PROPERTY
                    + ", and the classpath has no resource " + resource
                    + " (it comes from the com.github.codemonstur:embedded-redis jar; add it as a test dependency)");
        }
        return in;
    }

    private static String readVersion(Path executable) {
        Process process;
        try {
            process = new ProcessBuilder(executable.toString(), "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + executable + " --version", e);
        }
        try {
            byte[] output;
            try (InputStream in = process.getInputStream()) {
                output = in.readNBytes(4096);
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException(executable + " --version did not finish within 10 s");
            }
            String text = new String(output, StandardCharsets.UTF_8).trim();
            Matcher m = VERSION.matcher(text);
            if (process.exitValue() != 0 || !m.find()) {
                throw new IllegalStateException(executable + " --version failed (exit " + process.exitValue()
                        + "): " + text);
            }
            return m.group().substring(2);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the output of " + executable + " --version", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running " + executable + " --version", e);
        } finally {
            process.destroyForcibly();
        }
    }

    /** Absolute path of the executable. */
    public Path path() {
        return path;
    }

    /** Where it came from. */
    public Source source() {
        return source;
    }

    /** The version {@code redis-server --version} reports, e.g. {@code "7.0.15"}. */
    public String version() {
        return version;
    }

    /** Major version, e.g. 7. */
    public int majorVersion() {
        return major;
    }

    /** Minor version, e.g. 0 for 7.0.15. */
    public int minorVersion() {
        return minor;
    }

    /** Whether the version is at least {@code major.minor}. */
    public boolean isAtLeast(int major, int minor) {
        return this.major > major || (this.major == major && this.minor >= minor);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RedisBinary other && path.equals(other.path);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path);
    }

    @Override
    public String toString() {
        return path.getFileName() + " " + version + " at " + path + " (from " + source + ")";
    }
}
