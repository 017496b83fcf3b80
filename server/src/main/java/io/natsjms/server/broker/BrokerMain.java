package io.natsjms.server.broker;

import io.natsjms.server.FatalErrors;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded broker alone: {@code java ... io.natsjms.server.broker.BrokerMain --port 4222}.
 * Flags follow nats-server's names: {@code -a/--addr}, {@code -p/--port}, {@code -n/--name},
 * {@code --user}, {@code --pass}, {@code --auth <token>}, {@code --max_payload}, {@code --max_connections},
 * {@code --max_control_line}, {@code --max_pending}, {@code --ping_interval <seconds>},
 * {@code --max_pings_out}. Stops on SIGTERM / Ctrl-C.
 */
public final class BrokerMain {
    private BrokerMain() {
    }

    /** Starts the broker and blocks until the JVM is asked to stop. */
    public static void main(String[] args) throws InterruptedException {
        BrokerConfig config;
        try {
            config = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("natsjms broker: " + e.getMessage());
            System.exit(2);
            return;
        }
        FatalErrors.install(FatalErrors.exitProcess());
        Thread.setDefaultUncaughtExceptionHandler(FatalErrors.uncaughtHandler());
        NatsBroker broker = NatsBroker.start(config);
        System.out.println("natsjms broker listening on " + config.host() + ":" + broker.port());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "natsjms-broker-shutdown"));
        stopped.await();
    }

    /** Turns command-line flags into a configuration; unknown flags are an error. */
    static BrokerConfig parse(String[] args) {
        BrokerConfig.Builder builder = BrokerConfig.builder();
        String user = null;
        String pass = null;
        String token = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("flag " + flag + " has no value (expected: " + flag + " <value>)");
            }
            String value = args[++i];
            switch (flag) {
                case "-a", "--addr" -> builder.host(value);
                case "-p", "--port" -> builder.port(number(flag, value));
                case "-n", "--name" -> builder.serverName(value);
                case "--user" -> user = value;
                case "--pass" -> pass = value;
                case "--auth" -> token = value;
                case "--max_payload" -> builder.maxPayload(number(flag, value));
                case "--max_connections" -> builder.maxConnections(number(flag, value));
                case "--max_control_line" -> builder.maxControlLine(number(flag, value));
                case "--max_pending" -> builder.maxPending(number(flag, value));
                case "--max_pending_total" -> builder.maxPendingTotal(number(flag, value));
                case "--ping_interval" -> builder.pingInterval(Duration.ofSeconds(number(flag, value)));
                case "--max_pings_out" -> builder.maxPingsOut(number(flag, value));
                default -> throw new IllegalArgumentException("unknown flag: " + flag
                        + " (expected: -a, -p, -n, --user, --pass, --auth, --max_payload, --max_connections,"
                        + " --max_control_line, --max_pending, --max_pending_total, --ping_interval,"
                        + " --max_pings_out)");
            }
        }
        if (token != null) {
            builder.auth(BrokerConfig.Auth.token(token));
        } else if (user != null || pass != null) {
            builder.auth(new BrokerConfig.Auth(user, pass, null));
        }
        return builder.build();
    }

    private static int number(String flag, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + ": '" + value + "' (expected: an integer)");
        }
    }
}
