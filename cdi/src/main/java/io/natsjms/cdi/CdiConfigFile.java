package io.natsjms.cdi;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;

/**
 * Finds and reads the properties file of the CDI configuration (UTF-8). Its location is the system
 * property {@value CdiConfig#CONFIG_LOCATION}: a file path, or {@code classpath:name} for a class-path
 * resource; either must exist. Without it the class-path resource {@value #DEFAULT_RESOURCE} is read
 * when there is one.
 */
final class CdiConfigFile {

    /** The class-path resource read when no location is given. */
    static final String DEFAULT_RESOURCE = "natsjms.properties";
    private static final String CLASSPATH = "classpath:";

    /** Where the properties came from, for messages, and the properties themselves. */
    record Contents(String source, Properties properties) {
    }

    private CdiConfigFile() {
    }

    /**
     * The file at {@code location}, or the default resource when {@code location} is {@code null}.
     * Empty only when there is no location and no default resource.
     *
     * @throws IllegalArgumentException when the file named by {@code location} does not exist
     * @throws UncheckedIOException when the file cannot be read
     */
    static Optional<Contents> read(String location, ClassLoader loader) {
        if (location == null || location.isBlank()) {
            URL resource = loader.getResource(DEFAULT_RESOURCE);
            return resource == null ? Optional.empty() : Optional.of(read(resource));
        }
        String trimmed = location.trim();
        if (trimmed.startsWith(CLASSPATH)) {
            String name = trimmed.substring(CLASSPATH.length());
            URL resource = loader.getResource(name.startsWith("/") ? name.substring(1) : name);
            if (resource == null) {
                throw new IllegalArgumentException(CdiConfig.CONFIG_LOCATION + ": \"" + location
                        + "\" (expected: a properties file on the class path)");
            }
            return Optional.of(read(resource));
        }
        return Optional.of(read(path(trimmed)));
    }

    private static Path path(String location) {
        try {
            return Path.of(location);
        } catch (InvalidPathException e) {
            throw new IllegalArgumentException(CdiConfig.CONFIG_LOCATION + ": \"" + location
                    + "\" (expected: a file path or classpath:name)", e);
        }
    }

    private static Contents read(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new Contents(file.toString(), load(in));
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(CdiConfig.CONFIG_LOCATION + ": \"" + file
                    + "\" (expected: an existing properties file)", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Contents read(URL resource) {
        try (InputStream in = resource.openStream()) {
            return new Contents(resource.toString(), load(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource + ": " + e.getMessage(), e);
        }
    }

    private static Properties load(InputStream in) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }
}
