package io.github.redisjcache.config;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLConnection;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** Tells the forms of cache manager URI apart and reads configuration files from the file system or class path. */
final class ConfigurationSource {

    /** The accepted URI forms, for error messages. */
    static final String ACCEPTED_FORMS = "accepted are the provider's default URI, a Redis URI (redis://, rediss://, "
            + "redis-sentinel://, rediss-sentinel://, redis-cluster://, rediss-cluster://) or a YAML configuration "
            + "file as file:, jar: or classpath: URI";

    private static final Set<String> REDIS_SCHEMES = Set.of("redis", "rediss", "redis-sentinel", "rediss-sentinel",
            "redis-cluster", "rediss-cluster");

    private static final Set<String> FILE_SCHEMES = Set.of("file", "jar", "classpath");

    private ConfigurationSource() {
    }

    /**
     * Tells whether a URI is a Redis connection URI.
     *
     * @param uri the cache manager's URI
     * @return true for the six Redis schemes
     */
    static boolean isRedis(URI uri) {
        return REDIS_SCHEMES.contains(scheme(uri));
    }

    /**
     * Reads a configuration file.
     *
     * @param uri         a {@code file:}, {@code jar:} or {@code classpath:} URI
     * @param classLoader resolves {@code classpath:} URIs
     * @return the file's text
     * @throws InvalidConfigurationException for other URIs and for files that cannot be read
     */
    static String read(URI uri, ClassLoader classLoader) {
        String scheme = scheme(uri);
        if (!FILE_SCHEMES.contains(scheme)) {
            throw refused(uri, scheme);
        }
        try {
            byte[] bytes;
            if (scheme.equals("file")) {
                bytes = Files.readAllBytes(Path.of(uri));
            } else if (scheme.equals("jar")) {
                bytes = readUrl(uri.toURL());
            } else {
                bytes = readUrl(classPathResource(uri, classLoader));
            }
            return utf8(bytes);
        } catch (NoSuchFileException e) {
            throw new InvalidConfigurationException(describe(uri), null, "the file does not exist", e);
        } catch (CharacterCodingException e) {
            throw new InvalidConfigurationException(describe(uri), null, "the file is not UTF-8 text", e);
        } catch (IOException | IllegalArgumentException | FileSystemNotFoundException e) {
            throw new InvalidConfigurationException(describe(uri), null, "cannot read the file: " + e, e);
        }
    }

    private static InvalidConfigurationException refused(URI uri, String scheme) {
        String reason;
        if (scheme.isEmpty()) {
            reason = "the URI has no scheme; " + ACCEPTED_FORMS;
        } else if (scheme.equals("http") || scheme.equals("https") || scheme.equals("ftp")) {
            reason = "configuration is not downloaded from " + scheme + ": URIs (a remote file would decide where "
                    + "the application connects); copy the file next to the application; " + ACCEPTED_FORMS;
        } else {
            reason = "unsupported scheme '" + scheme + "'; " + ACCEPTED_FORMS;
        }
        return new InvalidConfigurationException(describe(uri), null, reason);
    }

    private static URL classPathResource(URI uri, ClassLoader classLoader) throws IOException {
        String name = uri.getSchemeSpecificPart();
        // classpath:x.yaml, classpath:/x.yaml and classpath://x.yaml all name the resource x.yaml.
        while (name.startsWith("/")) {
            name = name.substring(1);
        }
        if (name.isEmpty()) {
            throw new InvalidConfigurationException(describe(uri), null, "a classpath: URI needs a resource name, "
                    + "e.g. classpath:redis-jcache.yaml");
        }
        URL resource = classLoader.getResource(name);
        if (resource == null) {
            throw new InvalidConfigurationException(describe(uri), null, "no resource " + name
                    + " on the class path of " + classLoader);
        }
        return resource;
    }

    private static byte[] readUrl(URL url) throws IOException {
        URLConnection connection = url.openConnection();
        // A cached JarURLConnection keeps the jar open and may serve an outdated copy of a rewritten jar.
        connection.setUseCaches(false);
        try (InputStream in = connection.getInputStream()) {
            return in.readAllBytes();
        }
    }

    private static String utf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

    private static String scheme(URI uri) {
        return uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    }

    /**
     * Describes a URI for error messages, hiding any password in it.
     *
     * @param uri a URI
     * @return the URI with its user information replaced by {@code ***}
     */
    static String describe(URI uri) {
        return uri.toString().replaceAll("//[^/@?#]*@", "//***@");
    }
}
