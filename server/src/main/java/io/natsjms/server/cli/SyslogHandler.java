package io.natsjms.server.cli;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.logging.ErrorManager;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * Sends each log record as one syslog datagram over UDP,
 * {@code <PRI>TIMESTAMP HOST TAG[PID]: [LVL] message}, facility {@code daemon}, the severity from
 * the record's level. Datagrams that can't be sent are
 * reported to the handler's {@link ErrorManager} and dropped; logging never blocks the server.
 */
final class SyslogHandler extends Handler {

    private static final int FACILITY_DAEMON = 3;
    private static final int MAX_DATAGRAM = 2048;

    private final DatagramSocket socket;
    private final InetSocketAddress target;
    private final String header;

    /**
     * @param server the syslog server; its host is resolved here
     * @throws IOException if the host can't be resolved or no UDP socket can be opened
     */
    SyslogHandler(InetSocketAddress server, String tag) throws IOException {
        InetSocketAddress resolved = new InetSocketAddress(server.getHostString(), server.getPort());
        if (resolved.isUnresolved()) {
            throw new IOException("syslog server " + server.getHostString() + ": unknown host");
        }
        target = resolved;
        socket = new DatagramSocket();
        header = " " + hostName() + " " + tag + "[" + ProcessHandle.current().pid() + "]: ";
        setFormatter(new LogFormat(false));
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        String message;
        try {
            message = "<" + (FACILITY_DAEMON * 8 + severity(record.getLevel())) + ">"
                    + OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS)
                            .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                    + header + LogFormat.tag(record.getLevel()) + " " + getFormatter().formatMessage(record);
        } catch (RuntimeException e) {
            reportError("can't format a log record", e, ErrorManager.FORMAT_FAILURE);
            return;
        }
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        try {
            socket.send(new DatagramPacket(bytes, Math.min(bytes.length, MAX_DATAGRAM), target));
        } catch (IOException e) {
            reportError("can't send to syslog at " + target, e, ErrorManager.WRITE_FAILURE);
        }
    }

    /** The syslog severity: 3 error, 4 warning, 6 informational, 7 debug. */
    static int severity(Level level) {
        int value = level.intValue();
        if (value >= Level.SEVERE.intValue()) {
            return 3;
        }
        if (value >= Level.WARNING.intValue()) {
            return 4;
        }
        return value >= Level.INFO.intValue() ? 6 : 7;
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() throws SecurityException {
        socket.close();
    }
}
