package io.github.redisjcache.config;

import static io.github.redisjcache.config.TestConfigurations.DEFAULT_URI;
import static io.github.redisjcache.config.TestConfigurations.load;
import static io.github.redisjcache.config.TestConfigurations.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.redisjcache.connection.ConnectionSettings;

class ManagerConfigurationUriTests {

    private static final String SMALL_FILE = "connection:\n  uri: redis://from-file:6390\n"
            + "defaults:\n  codec: kryo\n";

    @TempDir
    Path directory;

    @Test
    void theDefaultUriConnectsToTheDefaultServer() {
        ManagerConfiguration configuration = load(DEFAULT_URI);

        assertThat(configuration.connection()).isEqualTo(ConnectionSettings.defaults());
        assertThat(configuration.file()).isEmpty();
        assertThat(configuration.templateFor("any")).isEqualTo(CacheTemplate.empty());
        assertThat(configuration.keyPrefixFor("any")).isEqualTo("jcache");
    }

    @Test
    void noUriMeansTheDefaultUri() {
        ManagerConfiguration configuration = ManagerConfiguration.load(null, null, null, DEFAULT_URI);

        assertThat(configuration.connection()).isEqualTo(ConnectionSettings.defaults());
        assertThat(configuration.file()).isEmpty();
    }

    @Test
    void aDefaultUriThatIsARedisUriIsStillTheDefault() {
        URI redisDefault = URI.create("redis://ignored-because-default:6390");

        ManagerConfiguration configuration = ManagerConfiguration.load(redisDefault, null, null, redisDefault);

        assertThat(configuration.connection()).isEqualTo(ConnectionSettings.defaults());
    }

    @ParameterizedTest
    @ValueSource(strings = {"redis://127.0.0.1:6390", "redis://user:secret@10.0.0.5:6390/2",
            "rediss://cache.example.com:6380", "redis-sentinel://s1:26390,s2:26390#mymaster",
            "rediss-sentinel://s1:26390#mymaster", "redis-cluster://n1:7000,n2:7001",
            "rediss-cluster://n1:7000", "REDIS://upper.example.com:6390"})
    void aRedisUriIsTheConnection(String uri) {
        ManagerConfiguration configuration = load(URI.create(uri));

        assertThat(configuration.connection()).isEqualTo(ConnectionSettings.fromUri(uri));
        assertThat(configuration.file()).isEmpty();
        assertThat(configuration.templateFor("any")).isEqualTo(CacheTemplate.empty());
    }

    @Test
    void aBadRedisUriIsRefusedWithoutShowingItsPassword() {
        InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class,
                () -> load(URI.create("redis://user:hunter2@host:6390/notanumber")));

        assertThat(error.source()).isEqualTo("the cache manager URI");
        assertThat(error.key()).startsWith("connection.uri");
        assertThat(error.getMessage()).doesNotContain("hunter2");
    }

    @Test
    void aFileUriIsAConfigurationFile() {
        Path file = write(directory, SMALL_FILE);

        ManagerConfiguration configuration = load(file.toUri());

        assertThat(configuration.file()).contains(file.toUri());
        assertThat(configuration.connection()).isEqualTo(ConnectionSettings.fromUri("redis://from-file:6390"));
        assertThat(configuration.templateFor("any").codec()).contains("kryo");
    }

    @Test
    void aFileWithoutConnectionSectionUsesTheDefaultConnection() {
        Path file = write(directory, "defaults:\n  codec: kryo\n");

        assertThat(load(file.toUri()).connection()).isEqualTo(ConnectionSettings.defaults());
    }

    @Test
    void aMissingFileIsRefusedNamingIt() {
        URI missing = directory.resolve("missing.yaml").toUri();

        InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class,
                () -> load(missing));

        assertThat(error.source()).isEqualTo(missing.toString());
        assertThat(error.reason()).contains("does not exist");
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() throws IOException {
        Path file = directory.resolve("latin1.yaml");
        Files.write(file, "defaults:\n  codec: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));

        InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class,
                () -> load(file.toUri()));

        assertThat(error.reason()).contains("UTF-8");
    }

    @Test
    void aJarUriIsAConfigurationFileInsideAJar() throws IOException {
        Path jar = directory.resolve("app.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("config/cache.yaml"));
            out.write(SMALL_FILE.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        URI uri = URI.create("jar:" + jar.toUri() + "!/config/cache.yaml");

        ManagerConfiguration configuration = load(uri);

        assertThat(configuration.file()).contains(uri);
        assertThat(configuration.connection()).isEqualTo(ConnectionSettings.fromUri("redis://from-file:6390"));
        assertThat(configuration.templateFor("any").codec()).contains("kryo");
    }

    @Test
    void aJarUriToAMissingEntryIsRefused() throws IOException {
        Path jar = directory.resolve("empty.jar");
        try (OutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.flush();
        }
        URI uri = URI.create("jar:" + jar.toUri() + "!/missing.yaml");

        InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class,
                () -> load(uri));

        assertThat(error.source()).isEqualTo(uri.toString());
        assertThat(error.reason()).contains("cannot read");
    }

    @ParameterizedTest
    @ValueSource(strings = {"classpath:config/full.yaml", "classpath:/config/full.yaml",
            "classpath://config/full.yaml"})
    void aClasspathUriIsResolvedWithTheClassLoader(String uri) {
        ManagerConfiguration configuration = load(URI.create(uri));

        assertThat(configuration.file()).contains(URI.create(uri));
        assertThat(configuration.templateFor("hibernate.x").codec()).contains("kryo");
    }

    @Test
    void aClasspathUriUsesTheManagersClassLoaderOnly() throws IOException {
        Path root = directory.resolve("classes");
        Files.createDirectories(root.resolve("private"));
        Files.writeString(root.resolve("private/cache.yaml"), SMALL_FILE);
        URI uri = URI.create("classpath:private/cache.yaml");

        try (URLClassLoader loader = new URLClassLoader(new URL[] {root.toUri().toURL()},
                getClass().getClassLoader())) {
            ManagerConfiguration configuration = ManagerConfiguration.load(uri, null, loader, DEFAULT_URI);
            assertThat(configuration.templateFor("x").codec()).contains("kryo");
        }
        InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class,
                () -> load(uri));
        assertThat(error.source()).isEqualTo("classpath:private/cache.yaml");
        assertThat(error.reason()).contains("no resource private/cache.yaml on the class path");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://example.com/cache.yaml", "https://example.com/cache.yaml",
            "ftp://example.com/cache.yaml"})
    void remoteFilesAreRefused(String uri) {
        InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class,
                () -> load(URI.create(uri)));

        assertThat(error.source()).isEqualTo(uri);
        assertThat(error.reason()).contains("not downloaded").contains("file:, jar: or classpath:");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cache.yaml", "config/cache.yaml", "mailto:ops@example.com", "urn:other:thing",
            "memcached://localhost:11211"})
    void otherUrisAreRefusedListingTheAcceptedForms(String uri) {
        InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class,
                () -> load(URI.create(uri)));

        assertThat(error.source()).isEqualTo(uri);
        assertThat(error.reason()).contains("redis://").contains("redis-sentinel://").contains("redis-cluster://")
                .contains("file:, jar: or classpath:");
    }

    @Test
    void aRefusedUriNeverShowsItsPassword() {
        InvalidConfigurationException error = catchThrowableOfType(InvalidConfigurationException.class,
                () -> load(URI.create("https://deploy:hunter2@example.com/cache.yaml")));

        assertThat(error.getMessage()).doesNotContain("hunter2").contains("https://***@example.com/cache.yaml");
    }
}
