package io.natsjms.benchmarks;

import java.util.Optional;
import java.util.function.Function;

/**
 * What the main method of every harness does before it runs: {@code --help} (or {@code -h}) prints the
 * usage; a bad argument prints why and the usage, and ends the JVM with status 2.
 */
public final class HarnessArguments {

    private HarnessArguments() {
    }

    /**
     * The options {@code parse} makes of {@code args}; empty when the arguments only asked for the usage,
     * which is then printed.
     */
    public static <T> Optional<T> parseOrExit(String[] args, String usage, Function<String[], T> parse) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(usage);
            return Optional.empty();
        }
        try {
            return Optional.of(parse.apply(args));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(usage);
            System.exit(2);
            return Optional.empty();
        }
    }

    /** Held here: a logger whose level was set must stay referenced, or the setting goes with it. */
    private static final java.util.logging.Logger SERVER_LOGS = java.util.logging.Logger.getLogger("io.natsjms");
    private static final java.util.logging.Logger CLIENT_LOGS = java.util.logging.Logger.getLogger("io.nats");

    /**
     * Keeps only the warnings of an in-process server and of jnats: the server's INFO lines (broker and store
     * opened, per run) would drown a harness's progress lines, and so would jnats reporting a subscriber's
     * last auto-ack, discarded when its connection closes.
     */
    public static void quietLogs() {
        SERVER_LOGS.setLevel(java.util.logging.Level.WARNING);
        CLIENT_LOGS.setLevel(java.util.logging.Level.WARNING);
    }

    /**
     * Lets the official STAN client's generated protobuf classes, which predate protobuf 22, load without
     * their warning (unless the property was given).
     */
    public static void allowPre22Gencode() {
        if (System.getProperty("com.google.protobuf.use_unsafe_pre22_gencode") == null) {
            System.setProperty("com.google.protobuf.use_unsafe_pre22_gencode", "true");
        }
    }
}
