package io.natsjms.server.cli;

import io.natsjms.server.config.ConfigFileException;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.FatalErrors;
import io.natsjms.server.NatsjmsServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The {@code natsjms-server} command: reads the flags and configuration files, starts the streaming
 * server, prints the store limits and {@code Streaming Server is ready}, and runs until the process
 * is stopped (SIGINT or SIGTERM close the server). Exit status: 0 after {@code --help} or
 * {@code --version}, {@value #EXIT_USAGE} for a bad flag, value or configuration file,
 * {@value #EXIT_FAILURE} if the server fails to start or later stops on a fatal error
 * ({@link FatalErrors}).
 */
public final class Main {

    /** Exit status for a bad flag, value or configuration file. */
    public static final int EXIT_USAGE = 2;
    /** Exit status when the server can't start. */
    public static final int EXIT_FAILURE = 1;

    private static final String NAME = "natsjms-server";

    /** Starts a server and blocks while it runs; returns the exit status once it stopped. */
    interface Launcher {
        int launch(StartupSettings settings, PrintWriter out) throws IOException, InterruptedException;
    }

    private Main() {
    }

    public static void main(String[] args) {
        Charset charset = Charset.defaultCharset();
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, charset), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, charset), true);
        FatalErrors.install(FatalErrors.exitProcess());
        Thread.setDefaultUncaughtExceptionHandler(FatalErrors.uncaughtHandler());
        System.exit(run(args, out, err, Main::serve));
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
        LogLevels.apply(settings.verbosity());
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

    private static int serve(StartupSettings settings, PrintWriter out) throws IOException, InterruptedException {
        ServerConfig config = settings.config();
        out.println("Starting " + NAME + "[" + config.clusterId() + "] version " + version());
        NatsjmsServer server = NatsjmsServer.start(config);
        if (server.natsPort() >= 0) {
            out.println("Listening for client connections on " + config.host() + ":" + server.natsPort());
        }
        if (server.monitorPort() >= 0) {
            out.println("Monitoring on http://" + config.monitorHost() + ":" + server.monitorPort() + "/streaming");
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "natsjms-shutdown"));
        LimitsTable.print(config.storeLimits(), out);
        out.println("Streaming Server is ready");
        out.flush();
        stopped.await();
        return 0;
    }

    private static String version() {
        String version = Main.class.getPackage().getImplementationVersion();
        return version != null ? version : "development";
    }
}
