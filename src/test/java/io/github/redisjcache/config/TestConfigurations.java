package io.github.redisjcache.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Writes configuration files for the tests and loads them the way a cache manager does. */
final class TestConfigurations {

    /** Stands for the provider's default URI. */
    static final URI DEFAULT_URI = URI.create("urn:redis-jcache:default");

    private TestConfigurations() {
    }

    static Path write(Path directory, String yaml) {
        try {
            Path file = Files.createTempFile(directory, "redis-jcache", ".yaml");
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ManagerConfiguration load(URI uri) {
        return load(uri, new Properties());
    }

    static ManagerConfiguration load(URI uri, Properties properties) {
        return ManagerConfiguration.load(uri, properties, TestConfigurations.class.getClassLoader(), DEFAULT_URI);
    }

    static ManagerConfiguration loadYaml(Path directory, String yaml) {
        return load(write(directory, yaml).toUri());
    }

    static Properties properties(String... namesAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            properties.setProperty(namesAndValues[i], namesAndValues[i + 1]);
        }
        return properties;
    }
}
