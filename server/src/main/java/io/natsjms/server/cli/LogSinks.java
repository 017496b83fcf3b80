package io.natsjms.server.cli;

import io.natsjms.server.config.LogOutput;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * Points java.util.logging, where the server's {@code System.Logger}s end up, at what
 * {@link LogOutput} says: the standard error, a file (appended to, flushed after every line), the
 * syslog daemon of this machine or a remote one; the lines look like the original's
 * ({@link LogFormat}).
 */
final class LogSinks {

    static final String SYSLOG_TAG = "natsjms-server";

    private LogSinks() {
    }

    /**
     * Replaces the root logger's handlers.
     *
     * @throws IOException if the log file can't be opened or the syslog server's host is unknown;
     *                     nothing was changed then
     */
    static synchronized void install(LogOutput output) throws IOException {
        List<Handler> handlers = new ArrayList<>();
        try {
            if (output.file() != null) {
                handlers.add(new FileLines(Files.newOutputStream(output.file(), StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND, StandardOpenOption.WRITE)));
            }
            if (output.remoteSyslog() != null) {
                handlers.add(new SyslogHandler(output.remoteSyslog(), SYSLOG_TAG));
            } else if (output.syslog()) {
                handlers.add(new SyslogHandler(new java.net.InetSocketAddress("localhost", LogOutput.SYSLOG_PORT),
                        SYSLOG_TAG));
            }
        } catch (IOException | RuntimeException e) {
            handlers.forEach(Handler::close);
            throw new IOException("can't open the log " + output.describe() + ": " + e.getMessage(), e);
        }
        if (handlers.isEmpty()) {
            handlers.add(new ConsoleHandler());
        }
        Logger root = Logger.getLogger("");
        for (Handler old : root.getHandlers()) {
            root.removeHandler(old);
            old.close();
        }
        for (Handler handler : handlers) {
            if (!(handler instanceof SyslogHandler)) {
                handler.setFormatter(new LogFormat(output.timestamps()));
            }
            root.addHandler(handler);
        }
    }

    /** A stream handler that flushes after every record, so that the file is current. */
    private static final class FileLines extends StreamHandler {
        FileLines(OutputStream out) {
            super(out, new LogFormat(true));
        }

        @Override
        public synchronized void publish(LogRecord record) {
            super.publish(record);
            flush();
        }
    }
}
