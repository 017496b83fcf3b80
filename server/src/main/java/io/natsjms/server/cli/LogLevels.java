package io.natsjms.server.cli;

import io.natsjms.server.config.Verbosity;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns the debug and trace flags into java.util.logging levels, which is where the
 * {@code System.Logger}s of natsjms end up by default: debug is {@code FINE}, trace {@code FINEST};
 * the streaming flags apply to {@code io.natsjms}, the NATS ones to the embedded broker
 * ({@code io.natsjms.server.broker}).
 */
final class LogLevels {

    static final String ROOT = "io.natsjms";
    static final String BROKER = "io.natsjms.server.broker";

    /** Held so that java.util.logging does not forget the levels (it keeps loggers weakly). */
    private static Logger streaming;
    private static Logger broker;

    private LogLevels() {
    }

    static synchronized void apply(Verbosity verbosity) {
        Level stan = level(verbosity.stanDebug(), verbosity.stanTrace());
        Level nats = level(verbosity.natsDebug(), verbosity.natsTrace());
        streaming = Logger.getLogger(ROOT);
        broker = Logger.getLogger(BROKER);
        streaming.setLevel(stan);
        broker.setLevel(nats);
        Level lowest = stan.intValue() < nats.intValue() ? stan : nats;
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            if (handler.getLevel().intValue() > lowest.intValue()) {
                handler.setLevel(lowest);
            }
        }
    }

    private static Level level(boolean debug, boolean trace) {
        if (trace) {
            return Level.FINEST;
        }
        return debug ? Level.FINE : Level.INFO;
    }
}
