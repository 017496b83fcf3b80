package io.natsjms.server.cli;

import io.natsjms.server.config.ConfigFileException;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.FatalErrors;
import io.natsjms.server.NatsjmsServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.io.StringWriter;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The {@code natsjms-server} command: reads the flags and configuration files, starts the streaming
 * server, prints the store limits and {@code Streaming Server is ready}, and runs until SIGTERM or
 * SIGINT, which close the server in order (the store flushed and closed). Exit status: 0 after a
 * signal, {@code --help} or {@code --version}; {@value #EXIT_USAGE} for a bad flag, value or
 * configuration file; {@value #EXIT_FAILURE} if the server fails to start; {@value #EXIT_FATAL} if
 * a fatal error ends a running server.
 */
public final class Main {

    /** Exit status for a bad flag, value or configuration file. */
    public static final int EXIT_USAGE = 2;
    /** Exit status when the server can't start. */
    public static final int EXIT_FAILURE = 1;
    /** Exit status when a fatal error (such as an {@code Error} in a server thread) ends a running server. */
    public static final int EXIT_FATAL = FatalErrors.EXIT_STATUS;

    private static final System.Logger LOG = System.getLogger(Main.class.getName());
    /** How long a shutdown hook waits for the server to close (when something called {@code System.exit}). */
    private static final Duration HOOK_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private static final String NAME = "natsjms-server";
    private static final String NETTY_JFR = "io.netty.jfr.enabled";
    /** The JDK's HTTP server (monitoring) otherwise delays small replies on kept-alive connections by ~40 ms. */
    private static final String HTTP_NODELAY = "sun.net.httpserver.nodelay";

    /** Starts a server and blocks while it runs; returns the exit status once it stopped. */
    interface Launcher {
        int launch(StartupSettings settings, PrintWriter out) throws IOException, InterruptedException;
    }

    private Main() {
    }

    public static void main(String[] args) {
        // Netty's JFR allocation events are not used here, and loading JFR for them costs start-up time
        if (System.getProperty(NETTY_JFR) == null) {
            System.setProperty(NETTY_JFR, "false");
        }
        if (System.getProperty(HTTP_NODELAY) == null) {
            System.setProperty(HTTP_NODELAY, "true");
        }
        EarlyListener listener = EarlyListener.bind(args);
        Charset charset = Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, charset), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, charset), true);
        FatalErrors.install(FatalErrors.exitProcess());
        Thread.setDefaultUncaughtExceptionHandler(FatalErrors.uncaughtHandler());
        System.exit(run(args, out, err, (settings, o) -> serve(settings, o, listener)));
    }

    /** Runs the command with {@code launcher} starting the server; returns the exit status. */
    static int run(String[] args, PrintWriter out, PrintWriter err, Launcher launcher) {
        ServerCommand command = new ServerCommand();
        CommandLine commandLine = new CommandLine(command)
                .setPosixClusteredShortOptionsAllowed(false)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setUsageHelpAutoWidth(false);
        StartupSettings settings;
        try {
            commandLine.parseArgs(new GoFlagStyle(commandLine.getCommandSpec()).normalize(args));
            if (commandLine.isUsageHelpRequested()) {
                commandLine.usage(out);
                return 0;
            }
            if (commandLine.isVersionHelpRequested()) {
                out.println(NAME + " version " + version());
                return 0;
            }
            settings = command.resolve();
        } catch (ParameterException e) {
            return usageError(err, e.getMessage());
        } catch (ConfigFileException | IllegalArgumentException e) {
            return usageError(err, e.getMessage());
        }
        try {
            return launcher.launch(settings, out);
        } catch (IOException | RuntimeException e) {
            err.println(NAME + ": can't start the server: " + e.getMessage());
            err.flush();
            return EXIT_FAILURE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return EXIT_FAILURE;
        }
    }

    private static int usageError(PrintWriter err, String message) {
        err.println(NAME + ": " + message);
        err.println("Try '" + NAME + " --help' for the list of flags.");
        err.flush();
        return EXIT_USAGE;
    }

    private static int serve(StartupSettings settings, PrintWriter out, EarlyListener listener)
            throws IOException, InterruptedException {
        LogSinks.install(settings.logOutput());
        LogLevels.apply(settings.verbosity());
        ServerConfig config = settings.config();
        Banner banner = new Banner(out, settings.logOutput().elsewhere());
        banner.print("Starting " + NAME + "[" + config.clusterId() + "] version " + version());
        StopSignals signals = StopSignals.install();
        NatsjmsServer server = NatsjmsServer.start(config, listener.claim(config));
        // for a System.exit elsewhere (a fatal error): the server still closes, within a bound
        Runtime.getRuntime().addShutdownHook(new Thread(() -> closeWithin(server, HOOK_CLOSE_TIMEOUT),
                "natsjms-shutdown"));
        PidFile pidFile = settings.pidFile() == null ? null : PidFile.write(settings.pidFile());
        if (server.natsPort() >= 0) {
            banner.print("Listening for client connections on " + config.host() + ":" + server.natsPort());
        }
        if (server.monitorPort() >= 0) {
            banner.print("Monitoring on " + (config.monitor().secure() ? "https" : "http") + "://"
                    + config.monitor().host() + ":" + server.monitorPort() + "/streaming");
        }
        StringWriter limits = new StringWriter();
        LimitsTable.print(config.storeLimits(), new PrintWriter(limits));
        banner.print(limits.toString());
        banner.print("Streaming Server is ready");
        String signal = signals.await();
        server.close();
        if (pidFile != null) {
            pidFile.delete();
        }
        LOG.log(System.Logger.Level.INFO, () -> "Server stopped after " + signal);
        return 0;
    }

    private static void closeWithin(NatsjmsServer server, Duration timeout) {
        Thread closer = new Thread(server::close, "natsjms-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            LOG.log(System.Logger.Level.WARNING, "The server did not close within " + timeout.toSeconds() + " s");
        }
    }

    private static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version != null ? version : "development";
    }
}
