package io.natsjms.server.monitor;

import com.sun.net.httpserver.HttpContext;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.natsjms.server.config.MonitorConfig;
import io.natsjms.server.streaming.ServerSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The HTTP(S) monitoring endpoints of a streaming server: the original's {@code /streaming/serverz},
 * {@code storez}, {@code clientsz}, {@code channelsz} and {@code isFTActive}, an HTML index at
 * {@code /streaming}, the dashboard at {@code /streaming/dashboard}, {@code /healthz} and the
 * Prometheus {@code /metrics}. Every request is answered from a fresh {@link ServerSnapshot}, so
 * taking one should be cheap and thread-safe.
 *
 * <p>With basic authentication configured every path but {@code /healthz} asks for it (a probe
 * needs no credentials, and the answer tells nothing but whether the server is ready).
 *
 * <p>Start one with {@link #start(MonitorConfig, MonitoredServer, StoreLatency)}; {@link #close()} stops it.
 */
public final class MonitorServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(MonitorServer.class.getName());
    private static final int THREADS = 2;

    private final HttpServer http;
    private final ExecutorService executor;
    private final Routes routes;

    private MonitorServer(HttpServer http, ExecutorService executor, Routes routes) {
        this.http = http;
        this.executor = executor;
        this.routes = routes;
    }

    /**
     * Starts serving as {@code config} says, HTTP or HTTPS.
     *
     * @param config  where to listen, HTTPS and authentication; must be {@link MonitorConfig#enabled()}
     * @param server  what to show
     * @param latency the store's latency histograms, shown on {@code /metrics}
     * @throws IOException if the address can't be bound or the certificate can't be read
     */
    public static MonitorServer start(MonitorConfig config, MonitoredServer server, StoreLatency latency)
            throws IOException {
        return start(config, server, latency, Clock.systemUTC());
    }

    /**
     * Starts plain HTTP on {@code host}:{@code port}, without authentication, for a server that is
     * always ready.
     *
     * @param port the TCP port; 0 picks a free one (see {@link #port()})
     * @throws IOException if the address can't be bound
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535
     */
    public static MonitorServer start(String host, int port, Supplier<ServerSnapshot> snapshots) throws IOException {
        return start(host, port, snapshots, Clock.systemUTC());
    }

    static MonitorServer start(String host, int port, Supplier<ServerSnapshot> snapshots, Clock clock)
            throws IOException {
        Objects.requireNonNull(snapshots, "snapshots");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("monitor port: " + port + " (expected: 0 to 65535)");
        }
        MonitoredServer server = new MonitoredServer() {
            @Override
            public ServerSnapshot snapshot() {
                return snapshots.get();
            }

            @Override
            public Optional<String> unavailable() {
                return Optional.empty();
            }
        };
        return start(new MonitorConfig(host, port, -1, null, null), server, new StoreLatency(), clock);
    }

    static MonitorServer start(MonitorConfig config, MonitoredServer server, StoreLatency latency, Clock clock)
            throws IOException {
        Objects.requireNonNull(server, "server");
        Objects.requireNonNull(latency, "latency");
        if (!config.enabled()) {
            throw new IllegalArgumentException("monitoring: no http_port or https_port set");
        }
        InetSocketAddress address = new InetSocketAddress(config.host(), config.port());
        HttpServer http;
        if (config.secure()) {
            HttpsServer https = HttpsServer.create(address, 0);
            https.setHttpsConfigurator(new HttpsConfigurator(PemTls.context(config.tls())));
            http = https;
        } else {
            http = HttpServer.create(address, 0);
        }
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, threads());
        MonitorServer monitor = new MonitorServer(http, executor, new Routes(server, latency, clock));
        HttpContext all = http.createContext("/", monitor::handle);
        http.createContext(Routes.HEALTHZ, monitor::handle); // a context of its own: never behind the password
        if (config.auth() != null) {
            all.setAuthenticator(new PasswordCheck(config.auth()));
        }
        http.setExecutor(executor);
        http.start();
        String scheme = config.secure() ? "https" : "http";
        LOG.log(Level.INFO, () -> "Monitoring on " + scheme + "://" + config.host() + ":" + monitor.port()
                + Routes.ROOT + (config.auth() != null ? " (basic authentication)" : ""));
        return monitor;
    }

    private static ThreadFactory threads() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "natsjms-monitor-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The port actually bound (the chosen one when started with port 0). */
    public int port() {
        return http.getAddress().getPort();
    }

    /** The address and port it listens on. */
    public InetSocketAddress address() {
        return http.getAddress();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            boolean head = "HEAD".equals(method);
            Reply reply;
            if (!head && !"GET".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                reply = Reply.error(405, "method: " + method + " (expected: GET or HEAD)");
            } else {
                reply = routes.answer(exchange.getRequestURI());
            }
            send(exchange, reply, head);
        }
    }

    private static void send(HttpExchange exchange, Reply reply, boolean head) throws IOException {
        if (reply.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        }
        if (reply.corsAnyOrigin()) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        }
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (Reply.HTML.equals(reply.contentType())) {
            exchange.getResponseHeaders().set("Content-Security-Policy",
                    "default-src 'self'; frame-ancestors 'none'");
        }
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        byte[] body = reply.body();
        if (head || body.length == 0) {
            exchange.sendResponseHeaders(reply.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(reply.status(), body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Stops listening and answering; requests in progress are cut short. */
    @Override
    public void close() {
        http.stop(0);
        executor.shutdownNow();
    }
}
