package io.natsjms.server.broker;

import io.nats.client.NUID;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The embedded core-NATS broker: a single-node server speaking the NATS client protocol, so that
 * jnats (or any NATS client) connects to it as to nats-server. Start it with {@link #start}; it
 * listens until {@link #close()}, which stops accepting, flushes and closes every client.
 *
 * <pre>{@code
 * try (NatsBroker broker = NatsBroker.start(BrokerConfig.builder().port(0).build())) {
 *     Connection nc = Nats.connect(broker.url());
 * }
 * }</pre>
 */
public final class NatsBroker implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(NatsBroker.class.getName());
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 5_000;
    /**
     * The user name the broker's in-process clients (the streaming server) go by: they have no
     * permissions applied, and never authenticate, as they do not come through a listener.
     */
    static final String INTERNAL_USER = "_natsjms_internal";

    private final BrokerConfig config;
    private final String serverId = NUID.nextGlobal();
    private final SubjectTrie trie = new SubjectTrie();
    private final MessageRouter router = new MessageRouter(trie);
    private final Map<Long, ClientConnection> clients = new ConcurrentHashMap<>();
    /** In-process clients not yet closed. */
    private final Map<Long, InternalClient> internalClients = new ConcurrentHashMap<>();
    private final AtomicLong nextClientId = new AtomicLong();
    /** Connections admitted and not yet closed; checked against the limit atomically on accept. */
    private final AtomicInteger admitted = new AtomicInteger();
    private final PendingBudget pendingBudget;
    /** TLS of the public listener, or null. */
    private final ServerTls tls;
    /** Users by name (empty without a users list). */
    private final Map<String, BrokerUser> users;
    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup ioGroup;
    private Channel serverChannel;
    /** Whether the listener still waits for {@link #open()}. */
    private volatile boolean held;
    private InfoLine infoLine;
    private int port;

    private NatsBroker(BrokerConfig config) {
        this.config = config;
        this.tls = config.tls() == null ? null : ServerTls.load(config.tls());
        Map<String, BrokerUser> byName = new HashMap<>();
        config.users().forEach(user -> byName.put(user.name(), user));
        this.users = Map.copyOf(byName);
        this.pendingBudget = new PendingBudget(config.effectiveMaxPendingTotal());
        this.acceptGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("natsjms-broker-accept"),
                NioIoHandler.newFactory());
        this.ioGroup = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("natsjms-broker-io"),
                NioIoHandler.newFactory());
    }

    /**
     * Binds the listen address of {@code config} and starts serving clients.
     *
     * @throws IllegalStateException when the address cannot be bound (for example, the port is in use)
     */
    public static NatsBroker start(BrokerConfig config) {
        return start(config, false, null);
    }

    /**
     * Like {@link #start}, but holds the listen address shut to clients: it is bound (so a port in
     * use fails here, and port 0 is resolved), yet connections wait in the backlog, unanswered,
     * until {@link #open()}. Meanwhile in-process clients ({@link #connectInternal}), such as the
     * streaming server that must subscribe before anybody may send it requests, are served.
     *
     * @throws IllegalStateException when the address cannot be bound
     */
    public static NatsBroker startHeld(BrokerConfig config) {
        return start(config, true, null);
    }

    /**
     * As {@link #startHeld(BrokerConfig)}, listening on {@code bound}, a server socket already bound
     * to the configuration's address (by a launcher that binds before it has loaded the broker),
     * which the broker owns from now on.
     */
    public static NatsBroker startHeld(BrokerConfig config, ServerSocketChannel bound) {
        return start(config, true, bound);
    }

    private static NatsBroker start(BrokerConfig config, boolean held, ServerSocketChannel bound) {
        NatsBroker broker = new NatsBroker(config);
        try {
            broker.bind(held, bound);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
        return broker;
    }

    private void bind(boolean held, ServerSocketChannel bound) {
        this.held = held;
        serverChannel = bound == null ? listen(config.host(), config.port(), !held) : adopt(bound, !held);
        port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        String name = config.serverName() == null ? serverId : config.serverName();
        infoLine = new InfoLine(serverId, name, config.host(), port, config.authRequired(), tls != null,
                tls != null && tls.verify(), config.maxPayload());
        LOG.log(System.Logger.Level.INFO, () -> "NATS broker " + name + " listening on " + config.host() + ":" + port
                + (tls == null ? "" : tls.verify() ? " (TLS, client certificates required)" : " (TLS)")
                + (held ? " (held until the streaming server is ready)" : ""));
    }

    /** The configured user named {@code name}, or null. */
    BrokerUser user(String name) {
        return name == null ? null : users.get(name);
    }

    /**
     * Starts answering the connections of the listen address, the waiting ones first. Does nothing if
     * the broker was not held.
     */
    public void open() {
        if (!held) {
            return;
        }
        held = false;
        serverChannel.config().setAutoRead(true);
        LOG.log(System.Logger.Level.DEBUG, () -> "NATS broker on port " + port + " accepts clients");
    }

    /** Binds {@code host:port}; with {@code accepting} false, connections wait in the backlog. */
    private Channel listen(String host, int listenPort, boolean accepting) {
        ChannelFuture bound = bootstrap(accepting).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .bind(host, listenPort).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new IllegalStateException("cannot listen on " + host + ":" + listenPort
                    + ": " + bound.cause(), bound.cause());
        }
        return bound.channel();
    }

    /** Serves clients on an already bound server socket. */
    private Channel adopt(ServerSocketChannel bound, boolean accepting) {
        ChannelFuture registered = bootstrap(accepting).channelFactory(() -> new NioServerSocketChannel(bound))
                .register().awaitUninterruptibly();
        if (!registered.isSuccess()) {
            throw new IllegalStateException("cannot serve on " + bound + ": " + registered.cause(),
                    registered.cause());
        }
        return registered.channel();
    }

    private ServerBootstrap bootstrap(boolean accepting) {
        int high = (int) Math.min(Integer.MAX_VALUE, config.maxPending());
        return new ServerBootstrap()
                .group(acceptGroup, ioGroup)
                .option(ChannelOption.AUTO_READ, accepting)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(high / 2, high))
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (tls != null) {
                            tls.addTo(ch.pipeline());
                        }
                        ch.pipeline().addLast(new ClientChannelHandler(NatsBroker.this));
                    }
                });
    }

    /** The bound port (the ephemeral one when the configuration asked for port 0). */
    public int port() {
        return port;
    }

    /** A URL for clients on this machine, e.g. {@code nats://127.0.0.1:4222}. */
    public String url() {
        String host = config.host();
        if (host.equals("0.0.0.0") || host.equals("::")) {
            host = "127.0.0.1";
        }
        return "nats://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }

    /** The id announced as {@code server_id} in INFO. */
    public String serverId() {
        return serverId;
    }

    /** Number of open client connections, the in-process clients among them. */
    public int connectionCount() {
        return clients.size() + internalClients.size();
    }

    /** Number of subscriptions of all clients. */
    public int subscriptionCount() {
        return trie.size();
    }

    BrokerConfig config() {
        return config;
    }

    PendingBudget pendingBudget() {
        return pendingBudget;
    }

    /** Outbound bytes pending for all clients together (handed to them, not yet taken by their sockets). */
    public long pendingBytes() {
        return pendingBudget.total();
    }

    SubjectTrie trie() {
        return trie;
    }

    MessageRouter router() {
        return router;
    }

    /** Registers a new channel; returns {@code null} when it was refused (too many connections). */
    ClientConnection accept(Channel channel) {
        long id = nextClientId.incrementAndGet();
        String ip = channel.remoteAddress() instanceof InetSocketAddress a ? a.getAddress().getHostAddress() : null;
        String info = infoLine.forClient(id, ip);
        if (admitted.incrementAndGet() > config.maxConnections()) {
            admitted.decrementAndGet();
            LOG.log(System.Logger.Level.WARNING, () -> "refusing client " + id + ": "
                    + config.maxConnections() + " connections open");
            channel.write(ByteBufUtil.writeAscii(channel.alloc(), info));
            channel.writeAndFlush(ByteBufUtil.writeAscii(channel.alloc(),
                    "-ERR '" + BrokerErrors.MAX_CONNECTIONS_EXCEEDED + "'\r\n")).addListener(f -> channel.close());
            return null;
        }
        ClientConnection connection = new ClientConnection(id, channel, this);
        clients.put(id, connection);
        connection.start(info);
        return connection;
    }

    void unregister(ClientConnection connection) {
        if (clients.remove(connection.id, connection)) {
            admitted.decrementAndGet();
        }
    }

    /**
     * A new client in this process, such as the streaming server's engine: it publishes and subscribes
     * as {@link #INTERNAL_USER}, unrestricted, through the router directly (see {@link InternalClient}).
     * It counts as a connection, though the connection limit never refuses it.
     *
     * @param name how the client is named in logs
     */
    public InternalClient connectInternal(String name) {
        return connectInternal(name, InternalClient.DEFAULT_MAX_QUEUED);
    }

    /** As {@link #connectInternal(String)}, holding at most {@code maxQueued} messages not yet routed. */
    public InternalClient connectInternal(String name, int maxQueued) {
        if (maxQueued < 1) {
            throw new IllegalArgumentException("maxQueued: " + maxQueued + " (expected: >= 1)");
        }
        long id = nextClientId.incrementAndGet();
        admitted.incrementAndGet();
        InternalClient client = new InternalClient(id, name, this, ioGroup.next(), maxQueued);
        internalClients.put(id, client);
        LOG.log(System.Logger.Level.DEBUG, () -> "in-process client " + id + " (" + name + ") connected");
        return client;
    }

    void unregister(InternalClient client) {
        if (internalClients.remove(client.id, client)) {
            admitted.decrementAndGet();
        }
    }

    /** Stops accepting, flushes and closes every client connection, then stops the I/O threads. */
    @Override
    public void close() {
        if (serverChannel != null) {
            serverChannel.close().awaitUninterruptibly();
        }
        for (InternalClient client : internalClients.values()) {
            client.close(Duration.ofMillis(SHUTDOWN_TIMEOUT_MILLIS));
        }
        List<ChannelFuture> closing = new ArrayList<>();
        for (ClientConnection client : clients.values()) {
            client.shutdown();
            closing.add(client.channel.closeFuture());
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SHUTDOWN_TIMEOUT_MILLIS);
        for (ChannelFuture future : closing) {
            long left = Math.max(0, deadline - System.nanoTime());
            if (!future.awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
                future.channel().close();
            }
        }
        acceptGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        ioGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
        LOG.log(System.Logger.Level.INFO, () -> "NATS broker on port " + port + " stopped");
    }
}
