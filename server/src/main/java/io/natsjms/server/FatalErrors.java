package io.natsjms.server;

import java.lang.System.Logger.Level;
import java.util.Objects;

/**
 * Where a server thread reports an {@link Error} it cannot recover from (out of memory, stack
 * overflow, a broken invariant): such a thread stops doing its work, so a server that carried on
 * would keep its ports open and answer nothing. Every report is logged; then the installed
 * {@link Handler} decides what happens.
 *
 * <p>The {@code natsjms-server} command installs {@link #exitProcess()}: the process ends at once with
 * status {@value #EXIT_STATUS}, so that a supervisor restarts it (what was acknowledged is on disk
 * already; the store recovers it as after a crash). Without an installed handler the error is only
 * logged: an application that embeds the server, or a test, installs its own handler and decides.
 */
public final class FatalErrors {

    /** Exit status of a process ended by {@link #exitProcess()}. */
    public static final int EXIT_STATUS = 3;

    private static final System.Logger LOG = System.getLogger(FatalErrors.class.getName());
    private static final Handler LOG_ONLY = (thread, error) -> { };

    private static volatile Handler handler = LOG_ONLY;

    /** Decides what a fatal error means for the process. */
    @FunctionalInterface
    public interface Handler {
        /**
         * Called on the failing thread, after the error was logged.
         *
         * @param thread name of the thread that failed
         * @param error  what it threw
         */
        void onFatalError(String thread, Throwable error);
    }

    private FatalErrors() {
    }

    /** Installs {@code newHandler} for the whole process; returns the one installed before. */
    public static Handler install(Handler newHandler) {
        Handler previous = handler;
        handler = Objects.requireNonNull(newHandler, "handler");
        return previous;
    }

    /** Puts back the default handler, which only logs. */
    public static void reset() {
        handler = LOG_ONLY;
    }

    /** The handler of the {@code natsjms-server} command: ends the process with {@value #EXIT_STATUS}. */
    public static Handler exitProcess() {
        return (thread, error) -> {
            System.err.println("natsjms-server: fatal error in thread " + thread + ": " + error
                    + "; exiting with status " + EXIT_STATUS);
            System.err.flush();
            // halt, not exit: shutdown hooks would wait for threads that may be the broken ones
            Runtime.getRuntime().halt(EXIT_STATUS);
        };
    }

    /** Whether {@code error} is one a server thread must not carry on after. */
    public static boolean isFatal(Throwable error) {
        return error instanceof Error;
    }

    /** Logs {@code error} as fatal for the current thread and calls the installed handler. */
    public static void report(Throwable error) {
        String thread = Thread.currentThread().getName();
        try {
            LOG.log(Level.ERROR, "fatal error in thread " + thread + ", the server cannot go on: " + error, error);
        } catch (Throwable loggingFailed) {
            // out of memory, the log may fail as well; the handler must still run
        }
        handler.onFatalError(thread, error);
    }

    /**
     * An uncaught-exception handler for server threads: reports what is {@linkplain #isFatal fatal},
     * logs anything else.
     */
    public static Thread.UncaughtExceptionHandler uncaughtHandler() {
        return (thread, error) -> {
            if (isFatal(error)) {
                report(error);
            } else {
                LOG.log(Level.ERROR, "thread " + thread.getName() + " ended by " + error, error);
            }
        };
    }
}
