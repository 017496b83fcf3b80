package io.natsjms.server.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Log lines as the original server writes them: the process ID, the local date and time to the
 * microsecond (unless timestamps are off), the level as {@code [ERR]}, {@code [WRN]}, {@code [INF]},
 * {@code [DBG]} or {@code [TRC]}, then the message, e.g.
 * {@code [4711] 2026/12/06 19:45:17.394123 [INF] Streaming Server is ready}. A stack trace, if
 * any, follows on the next lines.
 */
final class LogFormat extends Formatter {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu/MM/dd HH:mm:ss.SSSSSS");

    private final String prefix = "[" + ProcessHandle.current().pid() + "] ";
    private final boolean timestamps;

    LogFormat(boolean timestamps) {
        this.timestamps = timestamps;
    }

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(prefix);
        if (timestamps) {
            line.append(TIME.format(LocalDateTime.ofInstant(record.getInstant(), ZoneId.systemDefault()))).append(' ');
        }
        line.append(tag(record.getLevel())).append(' ').append(formatMessage(record)).append(System.lineSeparator());
        if (record.getThrown() != null) {
            StringWriter trace = new StringWriter();
            record.getThrown().printStackTrace(new PrintWriter(trace));
            line.append(trace);
        }
        return line.toString();
    }

    /** {@code [ERR]}, {@code [WRN]}, {@code [INF]}, {@code [DBG]} or {@code [TRC]}. */
    static String tag(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return "[ERR]";
        }
        if (value >= Level.WARNING.intValue()) {
            return "[WRN]";
        }
        if (value >= Level.INFO.intValue()) {
            return "[INF]";
        }
        return value >= Level.FINE.intValue() ? "[DBG]" : "[TRC]";
    }
}
