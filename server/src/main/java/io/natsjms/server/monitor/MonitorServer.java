package io.natsjms.server.monitor;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.natsjms.server.streaming.ServerSnapshot;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The HTTP monitoring endpoints of a streaming server, compatible with the original's
 * {@code /streaming/serverz}, {@code storez}, {@code clientsz}, {@code channelsz} and
 * {@code isFTActive}, plus an HTML index at {@code /streaming}. Every request is answered from a
 * fresh {@link ServerSnapshot}, so the supplier should be cheap and thread-safe.
 *
 * <p>Start one with {@link #start(String, int, Supplier)}; {@link #close()} stops it.
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
     * Starts serving on {@code host}:{@code port}.
     *
     * @param host      the address to listen on, e.g. {@code 0.0.0.0} or {@code 127.0.0.1}
     * @param port      the TCP port; 0 picks a free one (see {@link #port()})
     * @param snapshots where each request takes the server state from
     * @throws IOException if the address can't be bound
     * @throws IllegalArgumentException if {@code port} is outside 0 to 65535
     */
    public static MonitorServer start(String host, int port, Supplier<ServerSnapshot> snapshots) throws IOException {
        return start(host, port, snapshots, Clock.systemUTC());
    }

    static MonitorServer start(String host, int port, Supplier<ServerSnapshot> snapshots, Clock clock)
            throws IOException {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(snapshots, "snapshots");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("monitor port: " + port + " (expected: 0 to 65535)");
        }
        HttpServer http = HttpServer.create(new InetSocketAddress(host, port), 0);
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, threads());
        MonitorServer server = new MonitorServer(http, executor, new Routes(snapshots, clock));
        http.createContext("/", server::handle);
        http.setExecutor(executor);
        http.start();
        LOG.log(Level.INFO, () -> "Monitoring on http://" + host + ":" + server.port() + Routes.ROOT);
        return server;
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
                reply = answer(exchange);
            }
            send(exchange, reply, head);
        }
    }

    private Reply answer(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        try {
            return routes.answer(path, Query.parse(exchange.getRequestURI().getRawQuery()));
        } catch (BadRequest e) {
            return Reply.error(400, e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "monitoring request " + path + " failed: " + e, e);
            return Reply.error(500, "Error getting the server state for " + path + ": " + e.getMessage());
        }
    }

    private static void send(HttpExchange exchange, Reply reply, boolean head) throws IOException {
        if (reply.contentType() != null) {
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        }
        if (reply.corsAnyOrigin()) {
            exchange.getResponseHeaders().set("Access-Control-Allow-Origin", "*");
        }
        if (Reply.TEXT.equals(reply.contentType())) {
            exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        }
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
