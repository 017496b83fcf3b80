package io.natsjms.server.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Where the server's log goes and how its lines start, as the original's logging flags and keys
 * say ({@code -l/--log}, {@code -T/--logtime}, {@code -s/--syslog}, {@code -r/--remote_syslog};
 * {@code log_file}, {@code logtime}, {@code syslog}, {@code remote_syslog}).
 *
 * @param file         the file the log is appended to, or {@code null} for the standard error
 * @param timestamps   whether each line starts with the date and time
 * @param syslog       whether the log goes to the syslog daemon of this machine (UDP, port 514)
 * @param remoteSyslog the syslog server the log goes to, or {@code null}
 */
public record LogOutput(Path file, boolean timestamps, boolean syslog, InetSocketAddress remoteSyslog) {

    /** The default: the standard error, with timestamps. */
    public static final LogOutput CONSOLE = new LogOutput(null, true, false, null);

    /** The port of syslog over UDP. */
    public static final int SYSLOG_PORT = 514;

    /** Whether the log goes somewhere other than the standard error. */
    public boolean elsewhere() {
        return file != null || syslog || remoteSyslog != null;
    }

    /** Where the log goes, for the start-up banner: the file, the syslog server, or "stderr". */
    public String describe() {
        if (file != null) {
            return file.toString();
        }
        if (remoteSyslog != null) {
            return "syslog at udp://" + remoteSyslog.getHostString() + ":" + remoteSyslog.getPort();
        }
        return syslog ? "syslog" : "stderr";
    }

    /**
     * Reads a syslog server address: {@code udp://host:port}, {@code udp://host} (port 514) or
     * {@code host:port}. The host is resolved when the log is opened, not here.
     *
     * @throws IllegalArgumentException naming the value and what was expected
     */
    public static InetSocketAddress syslogAddress(String text) {
        String rest = text.trim();
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            String name = rest.substring(0, scheme).toLowerCase(Locale.ROOT);
            if (!name.equals("udp")) {
                throw badAddress(text);
            }
            rest = rest.substring(scheme + 3);
        }
        int colon = rest.lastIndexOf(':');
        String host = colon < 0 ? rest : rest.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = SYSLOG_PORT;
        if (colon >= 0) {
            try {
                port = Integer.parseInt(rest.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw badAddress(text);
            }
        }
        if (host.isEmpty() || port < 1 || port > 65535) {
            throw badAddress(text);
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    private static IllegalArgumentException badAddress(String text) {
        return new IllegalArgumentException("remote_syslog: \"" + text
                + "\" (expected: udp://host:port, udp://host or host:port)");
    }
}
