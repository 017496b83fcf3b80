package io.natsjms.server.cli;

import io.natsjms.server.config.ServerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

/**
 * The embedded broker's listen socket, bound the moment the JVM runs {@code main}, before the
 * classes of the flag parser, the broker and the store are loaded: from then on a client's TCP
 * connect succeeds and the client waits, within its connect timeout, for the broker's greeting,
 * where it would otherwise be refused for the first half second or more. (Test suites that start the
 * server and connect after a fixed wait rely on this; the original binds within milliseconds.)
 *
 * <p>Only the command line is read here, and only where it alone decides the address: the port
 * and address flags ({@code -p}, {@code -a}), with no configuration file unless both are given, and
 * no external NATS server. The flags are parsed properly later; {@link #claim} hands the socket to
 * the broker only if the result is the same address, and closes it otherwise. Binding failures
 * are left to the broker, which reports them.
 */
final class EarlyListener {

    private ServerSocketChannel channel;
    private final String host;
    private final int port;

    private EarlyListener(ServerSocketChannel channel, String host, int port) {
        this.channel = channel;
        this.host = host;
        this.port = port;
    }

    /** Binds what {@code args} name; an empty listener if they don't decide it or the bind fails. */
    static EarlyListener bind(String[] args) {
        String host = null;
        Integer port = null;
        boolean configFile = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                break;
            }
            if (!arg.startsWith("-") || arg.length() < 2) {
                continue;
            }
            int eq = arg.indexOf('=');
            String name = (eq < 0 ? arg : arg.substring(0, eq)).replaceFirst("^--?", "");
            String value = eq >= 0 ? arg.substring(eq + 1) : i + 1 < args.length ? args[i + 1] : null;
            switch (name) {
                case "p", "port" -> port = parsePort(value);
                case "a", "addr" -> host = value;
                case "c", "config", "sc", "stan_config" -> configFile = true;
                case "ns", "nats_server", "h", "help", "v", "version" -> {
                    return none();
                }
                default -> {
                    continue;
                }
            }
            if (eq < 0) {
                i++;
            }
        }
        if (port == null && configFile || host == null && configFile || port != null && port < 0) {
            return none();
        }
        return bind(host == null ? ServerConfig.DEFAULT_HOST : host, port == null ? ServerConfig.DEFAULT_PORT : port);
    }

    private static EarlyListener bind(String host, int port) {
        ServerSocketChannel channel = null;
        try {
            channel = ServerSocketChannel.open();
            channel.bind(new InetSocketAddress(host, port), 1024);
            return new EarlyListener(channel, host, port);
        } catch (IOException | RuntimeException e) {
            closeQuietly(channel);
            return none();
        }
    }

    private static EarlyListener none() {
        return new EarlyListener(null, null, -1);
    }

    private static Integer parsePort(String value) {
        try {
            int port = value == null ? -1 : Integer.parseInt(value.trim());
            return port >= 0 && port <= 65535 ? port : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * The bound socket if {@code config} runs the embedded broker on the address it is bound to,
     * for the broker to own; otherwise {@code null}, and the socket is closed. Call it once.
     */
    ServerSocketChannel claim(ServerConfig config) {
        ServerSocketChannel bound = channel;
        channel = null;
        if (bound != null && config.embeddedBroker() && config.host().equals(host) && config.port() == port) {
            return bound;
        }
        closeQuietly(bound);
        return null;
    }

    private static void closeQuietly(ServerSocketChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing was served on it
            }
        }
    }
}
