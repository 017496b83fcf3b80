package io.natsjms.server.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Loads, on a background thread, the classes the server needs once its flags are parsed (Netty for
 * the broker, jnats, protobuf, the store and the engine), listed in {@value #LIST} (the JDK's class
 * list format, which the build also makes a class-data-sharing archive of), while the main thread
 * parses the flags and reads the configuration: with two cores or more, reading and defining those
 * classes no longer delays the start. Classes are loaded, not initialized (their static
 * initializers run where they are first used, in the usual order), so this can't change what the
 * server does; a class that is not there is skipped. The list is a plain hint: the server is
 * correct whatever it holds, only slower to start when it is stale.
 */
final class ClassPreloader {

    static final String LIST = "/META-INF/natsjms/startup-classes.lst";
    /** Classes the JVM has already, or the main thread loads at once anyway. */
    private static final String[] SKIPPED = {"java/", "javax/", "jdk/", "sun/", "com/sun/", "picocli/",
        "io/natsjms/server/cli/"};

    private ClassPreloader() {
    }

    /** Starts the loading thread; returns at once. */
    static void start() {
        Thread thread = new Thread(ClassPreloader::loadAll, "natsjms-preload");
        thread.setDaemon(true);
        thread.setPriority(Thread.MIN_PRIORITY);
        thread.start();
    }

    private static void loadAll() {
        ClassLoader loader = ClassPreloader.class.getClassLoader();
        try (InputStream list = ClassPreloader.class.getResourceAsStream(LIST)) {
            if (list == null) {
                return;
            }
            BufferedReader names = new BufferedReader(new InputStreamReader(list, StandardCharsets.UTF_8));
            for (String line = names.readLine(); line != null; line = names.readLine()) {
                String name = className(line);
                if (name != null) {
                    load(name, loader);
                }
            }
        } catch (IOException e) {
            // only a hint: the classes are loaded where they are used
        }
    }

    /**
     * The binary name in a line of the list ({@code io/netty/channel/Channel id: 12} gives
     * {@code io.netty.channel.Channel}), or {@code null} for comments, {@code @} directives and the
     * {@link #SKIPPED} classes.
     */
    static String className(String line) {
        String trimmed = line.trim();
        if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith("@")) {
            return null;
        }
        int blank = trimmed.indexOf(' ');
        String name = blank < 0 ? trimmed : trimmed.substring(0, blank);
        for (String prefix : SKIPPED) {
            if (name.startsWith(prefix)) {
                return null;
            }
        }
        return name.replace('/', '.');
    }

    private static void load(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            // stale entry: the class is loaded (or fails) where it is used
        }
    }
}
