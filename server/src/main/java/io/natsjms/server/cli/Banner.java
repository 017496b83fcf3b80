package io.natsjms.server.cli;

import java.io.PrintWriter;
import java.lang.System.Logger.Level;

/**
 * The lines the server prints as it starts and stops ({@code Starting ...}, the store limits,
 * {@code Streaming Server is ready}): on the standard output, and in the log as well when the log
 * goes to a file or syslog, so that the log tells the whole story, as the original's does.
 */
final class Banner {

    private static final System.Logger LOG = System.getLogger(Banner.class.getName());

    private final PrintWriter out;
    private final boolean alsoLog;

    Banner(PrintWriter out, boolean alsoLog) {
        this.out = out;
        this.alsoLog = alsoLog;
    }

    /** Prints each line of {@code text} (one or more lines). */
    void print(String text) {
        out.print(text.endsWith("\n") ? text : text + "\n");
        out.flush();
        if (alsoLog) {
            for (String line : text.split("\n")) {
                LOG.log(Level.INFO, line);
            }
        }
    }
}
