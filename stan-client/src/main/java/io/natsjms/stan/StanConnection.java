package io.natsjms.stan;

import com.google.protobuf.ByteString;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.NUID;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.nats.client.support.Status;
import io.natsjms.protocol.ChannelNames;
import io.natsjms.protocol.Extensions;
import io.natsjms.protocol.pb.CloseResponse;
import io.natsjms.protocol.pb.ConnectResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One STAN session over one jnats connection: the connect handshake, publishes with PubAcks,
 * subscriptions with manual acks, server heartbeats, client PINGs and close. It and the
 * package-private parts it delegates to ({@code NatsLink}: the shared connection state,
 * {@code CoreNats}: plain NATS, {@code SessionSubscriptions}: subscribing, acks, unsubscribe) are
 * the only classes of the client that touch jnats; everything it hands out is plain Java. Thread-safe.
 *
 * <h2>Threads</h2>
 * <ul>
 *   <li>Each {@link StanSubscription} and {@link CoreSubscription} has its own jnats dispatcher
 *       thread; its handler runs there, one message at a time, in delivery order.</li>
 *   <li>A control dispatcher answers server heartbeats and PING replies; it never runs application
 *       code, so a blocked handler cannot make the server drop this client.</li>
 *   <li>An ack dispatcher completes publish futures on PubAcks; a timer thread (made by
 *       {@link StanSettings#threadFactory()}) sends PINGs, times out publishes and calls
 *       {@link StanConnectionListener#connectionLost}. Stages chained on a publish future with the
 *       non-{@code Async} methods run on one of these two, so they must not block.</li>
 * </ul>
 */
public final class StanConnection implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(StanConnection.class.getName());
    private static final String ACK_PREFIX = "_STAN.acks.";
    /** How nats-server's error for a denied publish starts; the subject follows in double quotes. */
    private static final String PUBLISH_VIOLATION = "Permissions Violation for Publish to ";

    private final StanSettings settings;
    private final StanConnectionListener listener;
    private final NatsLink link;
    private final Connection nats;
    private final CoreNats core;
    private final SessionSubscriptions subscriptions;
    private final ConnectionThreads threads;
    /** The timer of {@link #threads}: PINGs, publish timeouts, connection-lost handling. */
    private final ScheduledThreadPoolExecutor timer;
    private final Dispatcher control;
    private final Dispatcher acks;
    /** This session's unique ID (a NUID), sent in ConnectRequest, PubMsg and Ping. */
    private final ByteString connId;
    private final String pubAckInbox;
    private final String pingInbox;
    private final PendingPublishes pending;
    private final PingMonitor pings;
    /** Whether the NATS connection is down: its loss and return are logged once each, not per reconnect attempt. */
    private final AtomicBoolean disconnected = new AtomicBoolean();
    /** The server's ConnectResponse: its request subjects. Written once by the handshake. */
    private volatile ConnectResponse server;

    private StanConnection(StanSettings settings, StanConnectionListener listener, Connection nats,
                           ConnectionThreads threads) {
        this.settings = settings;
        this.listener = listener;
        this.link = new NatsLink(nats, settings);
        this.nats = nats;
        this.core = new CoreNats(link);
        this.threads = threads;
        this.timer = threads.timer();
        this.subscriptions = new SessionSubscriptions(link, core, () -> server, timer);
        this.connId = ByteString.copyFromUtf8(NUID.nextGlobal());
        this.pubAckInbox = ACK_PREFIX + NUID.nextGlobal();
        this.pingInbox = newInbox();
        this.pending = new PendingPublishes(settings.maxPubAcksInFlight(), settings.pubAckWait(), timer);
        this.pings = new PingMonitor(settings.pingMaxOut());
        this.control = nats.createDispatcher();
        this.acks = nats.createDispatcher(msg -> pending.onPubAck(msg.getData(), msg.getSubject()));
        acks.subscribe(pubAckInbox);
    }

    /** Connects with a listener that ignores every event. */
    public static StanConnection connect(StanSettings settings) throws StanException {
        return connect(settings, new StanConnectionListener() { });
    }

    /**
     * Connects to NATS, then to the streaming server of {@link StanSettings#clusterId()}.
     *
     * @throws StanException IO if NATS can't be reached, CONNECT_REFUSED with the server's error
     *                       string (e.g. {@code stan: clientID already registered}), TIMEOUT if no
     *                       streaming server answers on the discover subject
     */
    public static StanConnection connect(StanSettings settings, StanConnectionListener listener) throws StanException {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(listener, "listener");
        ConnectionThreads threads = ConnectionThreads.create(settings);
        AtomicReference<StanConnection> self = new AtomicReference<>();
        NatsErrors errors = new NatsErrors();
        Connection nats;
        try {
            nats = Nats.connect(natsOptions(settings, threads.natsExecutor(), (conn, event) -> {
                StanConnection c = self.get();
                if (c != null) {
                    c.onNatsEvent(event);
                }
            }, errors));
        } catch (IOException | RuntimeException e) {
            threads.stop();
            Exception why = errors.last();
            throw new StanException(StanException.Kind.IO, "cannot connect to NATS at " + settings.servers()
                    + " as client \"" + settings.clientId() + "\": " + e.getMessage()
                    + (why == null || why == e ? "" : " (" + rootMessage(why) + ")"), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            threads.stop();
            throw new StanException(StanException.Kind.INTERRUPTED, "interrupted while connecting to NATS", e);
        }
        StanConnection connection = new StanConnection(settings, listener, nats, threads);
        self.set(connection);
        errors.onServerError(connection::onServerError);
        try {
            connection.handshake();
        } catch (StanException | RuntimeException e) {
            connection.link.markClosed();
            connection.shutdown(new StanException(StanException.Kind.CLOSED, "connect failed"));
            throw e;
        }
        return connection;
    }

    /** The message of the innermost cause: jnats wraps the telling one (ExecutionException, IOException). */
    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.toString() : root.getMessage();
    }

    /**
     * A server error on the NATS connection. A permissions violation for the publish subject of a channel
     * fails that channel's publishes in flight at once: the server dropped them, no PubAck will come.
     */
    private void onServerError(String error) {
        String text = error.startsWith("'") && error.endsWith("'") && error.length() > 1
                ? error.substring(1, error.length() - 1) : error;
        ConnectResponse response = server;
        if (response == null || !text.startsWith(PUBLISH_VIOLATION)) {
            return;
        }
        String subject = text.substring(PUBLISH_VIOLATION.length()).replace("\"", "");
        String prefix = response.getPubPrefix() + ".";
        if (!subject.startsWith(prefix)) {
            return;
        }
        String channel = subject.substring(prefix.length());
        pending.failChannel(channel, new StanException(StanException.Kind.PERMISSION_DENIED, "permission denied:"
                + " NATS user " + (settings.user() == null ? "(none)" : "\"" + settings.user() + "\"")
                + " may not publish to channel \"" + channel + "\" (the NATS server answered: " + text + ")"));
    }

    private static Options natsOptions(StanSettings settings, ExecutorService executor, ConnectionListener events,
                                       NatsErrors errors) {
        Options.Builder options = new Options.Builder()
                .servers(settings.servers().toArray(String[]::new))
                .connectionName(settings.connectionName())
                .maxReconnects(-1)
                .reconnectWait(settings.reconnectWait())
                .reconnectBufferSize(settings.reconnectBufferSize())
                .connectionTimeout(settings.connectWait())
                .connectionListener(events)
                .errorListener(errors);
        if (settings.sslContext() != null) {
            options.sslContext(settings.sslContext());
        }
        if (settings.user() != null) {
            options.userInfo(settings.user(), settings.password() == null ? "" : settings.password());
        }
        if (settings.token() != null) {
            options.token(settings.token().toCharArray());
        }
        if (executor != null) {
            options.executor(executor);
        }
        return options.build();
    }

    private void handshake() throws StanException {
        String heartbeatInbox = newInbox();
        control.subscribe(heartbeatInbox, this::onHeartbeat);
        control.subscribe(pingInbox, this::onPingReply);
        byte[] request = ClientMessages.connect(settings, heartbeatInbox, connId);
        String subject = settings.discoverSubject();
        ConnectResponse response;
        try {
            response = link.request(subject, request, ConnectResponse.parser(), "ConnectResponse");
        } catch (StanException e) {
            if (e.kind() != StanException.Kind.TIMEOUT) {
                throw e;
            }
            throw new StanException(StanException.Kind.TIMEOUT, "no streaming server for cluster ID \""
                    + settings.clusterId() + "\" at " + settings.servers() + " (connect request "
                    + e.getMessage() + ")", e);
        }
        if (!response.getError().isEmpty()) {
            throw StanException.fromServer(StanException.Kind.CONNECT_REFUSED, response.getError());
        }
        server = response;
        startPings(response.getPingInterval());
    }

    private void startPings(int intervalOnWire) {
        if (intervalOnWire == 0 || server.getPingRequests().isEmpty()) {
            return;
        }
        long millis = intervalOnWire > 0 ? intervalOnWire * 1000L : -(long) intervalOnWire;
        byte[] ping = ClientMessages.ping(connId);
        timer.scheduleAtFixedRate(() -> ping(ping), millis, millis, TimeUnit.MILLISECONDS);
    }

    private void ping(byte[] ping) {
        if (!link.isOpen()) {
            return;
        }
        if (!pings.tick()) {
            lost(StanException.fromServer(StanException.Kind.CONNECTION_LOST, PingMonitor.MAX_PINGS_ERROR));
            return;
        }
        try {
            nats.publish(server.getPingRequests(), pingInbox, ping);
        } catch (IllegalStateException e) {
            if (nats.getStatus() == Connection.Status.CLOSED) {
                lost(new StanException(StanException.Kind.IO, "NATS connection closed: " + e.getMessage(), e));
            }
            // else reconnecting: the PING counts as missed
        }
    }

    private void onHeartbeat(Message msg) {
        if (msg.getReplyTo() == null) {
            return;
        }
        try {
            nats.publish(msg.getReplyTo(), null);
        } catch (IllegalStateException e) {
            LOG.log(Level.DEBUG, () -> "heartbeat reply not sent: " + e.getMessage());
        }
    }

    private void onPingReply(Message msg) {
        boolean noResponders = msg.isStatusMessage() && msg.getStatus().getCode() == Status.NO_RESPONDERS_CODE;
        if (msg.isStatusMessage() && !noResponders) {
            return;
        }
        String error = pings.onReply(noResponders, msg.getData(), msg.getSubject());
        if (error != null) {
            onTimer(() -> lost(StanException.fromServer(StanException.Kind.CONNECTION_LOST, error)));
        }
    }

    private void onNatsEvent(ConnectionListener.Events event) {
        switch (event) {
            case DISCONNECTED -> {
                if (disconnected.compareAndSet(false, true)) {
                    LOG.log(Level.WARNING, "NATS connection of client \"" + settings.clientId() + "\" lost; reconnecting");
                }
                notifyListener(listener::disconnected);
            }
            case RECONNECTED -> {
                if (disconnected.compareAndSet(true, false)) {
                    LOG.log(Level.INFO, "NATS connection of client \"" + settings.clientId() + "\" reconnected");
                }
                notifyListener(listener::reconnected);
            }
            case CLOSED -> onTimer(() -> lost(new StanException(StanException.Kind.IO,
                    "NATS connection of client \"" + settings.clientId() + "\" closed")));
            default -> { }
        }
    }

    private void onTimer(Runnable task) {
        if (!link.isOpen()) {
            return;
        }
        try {
            timer.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "timer stopped, task dropped");
        }
    }

    /** Ends the session without a CloseRequest, then tells the listener. */
    private void lost(StanException cause) {
        if (!link.markClosed()) {
            return;
        }
        LOG.log(Level.WARNING, "STAN connection of client \"" + settings.clientId() + "\" lost: " + cause.getMessage());
        shutdown(cause);
        notifyListener(() -> listener.connectionLost(cause));
    }

    private void notifyListener(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "connection listener of client \"" + settings.clientId() + "\" threw", e);
        }
    }

    // ---------------------------------------------------------------- publish

    /** A new unique publish ID (a NUID), for callers that need the ID before publishing. */
    public static String newGuid() {
        return NUID.nextGlobal();
    }

    /**
     * Publishes with a fresh guid; see {@link #publish(String, String, byte[])}. The future completes
     * with that guid.
     */
    public CompletableFuture<String> publish(String channel, byte[] data) {
        return publish(channel, newGuid(), data);
    }

    /**
     * Publishes {@code data} to {@code channel}. Blocks while {@link StanSettings#maxPubAcksInFlight()}
     * publishes await their PubAck (like both official clients: it is the producer's flow control;
     * at most twice the ack wait, since outstanding publishes time out within one). A publish whose
     * PubAck does not come, or that cannot be written while NATS reconnects, is sent again with the
     * same guid, up to {@link StanSettings#publishAttempts()} times. Never throws for a failed publish:
     * the future completes exceptionally with a {@link StanException} — SERVER_ERROR with the server's
     * string, TIMEOUT after the last attempt's {@link StanSettings#pubAckWait()}, IO when NATS stayed
     * away, CLOSED, INTERRUPTED. {@code data} is read during the call only.
     *
     * @param guid the publish's unique ID (see {@link #newGuid()})
     * @return completes with {@code guid} once the server stored the message
     * @throws IllegalArgumentException if {@code channel} is not a valid literal channel name
     */
    public CompletableFuture<String> publish(String channel, String guid, byte[] data) {
        ChannelNames.requireValid(channel);
        requireGuid(guid);
        if (!link.isOpen()) {
            return CompletableFuture.failedFuture(link.closed("cannot publish to channel \"" + channel + "\""));
        }
        byte[] msg = ClientMessages.publish(settings.clientId(), connId, guid, channel, data);
        String subject = server.getPubPrefix() + "." + channel;
        CompletableFuture<String> future;
        try {
            future = pending.register(guid, channel, settings.publishAttempts(),
                    () -> nats.publish(subject, pubAckInbox, msg));
        } catch (StanException e) {
            return CompletableFuture.failedFuture(e);
        }
        try {
            nats.publish(subject, pubAckInbox, msg);
        } catch (IllegalStateException e) {
            pending.writeFailed(guid, link.transportFailure("cannot publish to channel \"" + channel + "\"", e));
        }
        if (!link.isOpen()) {
            pending.fail(guid, link.closed("cannot publish to channel \"" + channel + "\""));
        }
        return future;
    }

    /**
     * Publishes {@code data} to {@code channel} with a delivery time, through the natsjms schedule
     * extension: the server stores the message at once (the future completes then) and puts it into
     * the channel, visible to subscribers, only at {@code deliverAtNanos}. Repeated like
     * {@link #publish(String, String, byte[])} with the same guid. Besides the failures of a publish, the
     * future fails with NOT_SUPPORTED when nobody answers on the schedule subject: the server is the
     * original one, which has no delivery time, or no server is running.
     *
     * @param deliverAtNanos when the message becomes visible, Unix nanoseconds (server clock)
     * @return completes with {@code guid} once the server stored the message
     * @throws IllegalArgumentException if {@code channel} is not a valid literal channel name
     */
    public CompletableFuture<String> schedule(String channel, String guid, byte[] data, long deliverAtNanos) {
        ChannelNames.requireValid(channel);
        requireGuid(guid);
        byte[] request = ClientMessages.schedule(settings.clientId(), connId, guid, channel, data, deliverAtNanos);
        String subject = Extensions.scheduleSubject(settings.discoverSubject());
        return RetriedPublish.start("scheduled publish " + guid + " to channel \"" + channel + "\"",
                () -> sendSchedule(subject, channel, guid, request), settings.publishAttempts(),
                settings.pubAckWait(), () -> nats.getStatus() == Connection.Status.CONNECTED, timer);
    }

    private static void requireGuid(String guid) {
        if (guid == null || guid.isEmpty()) {
            throw new IllegalArgumentException("guid: \"" + guid + "\" (expected: a non-empty unique ID)");
        }
    }

    /** One attempt of a scheduled publish: a request whose reply is a PubAck. */
    private CompletableFuture<String> sendSchedule(String subject, String channel, String guid, byte[] request) {
        if (!link.isOpen()) {
            return CompletableFuture.failedFuture(link.closed("cannot publish to channel \"" + channel + "\""));
        }
        CompletableFuture<Message> reply;
        try {
            // jnats cancels a request on "no responders" and, later than this, on its own timeout: a
            // TimeoutException is ours, a cancellation (while open) is no responders
            reply = nats.requestWithTimeout(subject, request, settings.pubAckWait().plusSeconds(1))
                    .orTimeout(settings.pubAckWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (IllegalStateException e) {
            return CompletableFuture.failedFuture(link.transportFailure("cannot publish to channel \"" + channel + "\"", e));
        }
        return reply.handle((msg, failure) -> {
            if (!link.isOpen()) {
                throw new java.util.concurrent.CompletionException(link.closed("cannot publish to channel \"" + channel
                        + "\""));
            }
            return ScheduleReplies.outcome(subject, channel, guid, msg, failure, settings.pubAckWait());
        });
    }

    /**
     * Publishes and waits for the PubAck; the failures of {@link #publish(String, String, byte[])}, thrown.
     *
     * @return the guid the message was published with
     */
    public String publishSync(String channel, byte[] data) throws StanException {
        return Replies.awaitPubAck(publish(channel, data),
                settings.pubAckWait().multipliedBy(settings.publishAttempts() + 1L), channel);
    }

    /** How many publishes await their PubAck. */
    public int pubAcksInFlight() {
        return pending.inFlight();
    }

    // ---------------------------------------------------------------- subscribe

    /**
     * Subscribes. The delivery inbox is subscribed before the request is sent; the handler runs on
     * this subscription's own dispatcher thread (see {@link StanMessageHandler}), never before this
     * method has the server's reply. A spec with a selector goes to the natsjms selective subscription
     * extension; a server without it (nobody answers there) gets a plain request instead, and the
     * subscription's {@link StanSubscription#spec() spec} then has no selector: the caller filters.
     *
     * @throws StanException SERVER_ERROR with the server's exact string (e.g.
     *                       {@code stan: duplicate durable registration}), TIMEOUT, CLOSED, IO
     */
    public StanSubscription subscribe(SubscriptionSpec spec, StanMessageHandler handler) throws StanException {
        return subscriptions.subscribe(spec, handler);
    }

    // ---------------------------------------------------------------- core NATS

    /** A new unique core-NATS inbox subject ({@code _INBOX.<nuid>}). */
    public String newInbox() {
        return CoreNats.newInbox();
    }

    /**
     * Subscribes to a core-NATS subject (not stored, not acknowledged). The handler runs on the
     * subscription's own dispatcher thread; NATS status messages (such as "no responders") are not
     * passed on.
     */
    public CoreSubscription subscribeCore(String subject, java.util.function.Consumer<CoreMessage> handler)
            throws StanException {
        return core.subscribeCore(subject, handler);
    }

    /**
     * Publishes a core-NATS message.
     *
     * @param replyTo the reply subject, or {@code null}
     * @throws StanException CLOSED, or IO while NATS reconnects
     */
    public void publishCore(String subject, String replyTo, byte[] data) throws StanException {
        core.publishCore(subject, replyTo, data);
    }

    /**
     * A core-NATS request: the reply's payload, or empty when nobody answers — NATS reports "no
     * responders" at once, else after {@code timeout}.
     *
     * @throws StanException CLOSED, IO while NATS reconnects, INTERRUPTED
     */
    public java.util.Optional<byte[]> requestCore(String subject, byte[] body, Duration timeout) throws StanException {
        return core.requestCore(subject, body, timeout);
    }

    /**
     * Sends a natsjms extension request. The future completes with the reply's payload, with
     * {@code null} when NATS answered "no responders" (nobody listens on {@code subject}), or fails
     * with a {@link TimeoutException} after {@code timeout}.
     *
     * @throws StanException CLOSED, IO while NATS reconnects
     */
    CompletableFuture<byte[]> requestExtension(String subject, byte[] body, Duration timeout) throws StanException {
        return core.requestExtension(subject, body, timeout);
    }

    /** The largest message the NATS server accepts, in bytes (its {@code max_payload}). */
    long maxPayload() {
        return core.maxPayload();
    }

    /** This session's unique ID, as its PubMsgs carry it. */
    ByteString connId() {
        return connId;
    }

    /** Waits until the NATS server has processed everything sent so far. */
    public void flush(Duration timeout) throws StanException {
        core.flush(timeout);
    }

    // ---------------------------------------------------------------- state and close

    /** The settings it was connected with. */
    public StanSettings settings() {
        return settings;
    }

    /** Whether it is open: neither closed nor lost. */
    public boolean isOpen() {
        return link.isOpen();
    }

    /** Whether queued acks still go as AckBatch requests (the server has not shown it lacks the extension). */
    boolean usesAckBatches() {
        return subscriptions.acks().usesExtension();
    }

    /**
     * Sends a CloseRequest and waits for its reply (at most the connect wait), then fails pending
     * publishes, ends all subscriptions (the server keeps durables) and closes NATS. Idempotent; does
     * nothing after a lost connection.
     *
     * @throws StanException after closing everything anyway, if the server replied with an error
     *                       (SERVER_ERROR) or not at all (TIMEOUT)
     */
    @Override
    public void close() throws StanException {
        if (link.isOpen()) {
            subscriptions.flushQueuedAcks();
        }
        if (!link.markClosed()) {
            return;
        }
        StanException failure = null;
        try {
            byte[] request = ClientMessages.close(settings.clientId());
            CloseResponse response = link.request(server.getCloseRequests(), request, CloseResponse.parser(),
                    "CloseResponse");
            if (!response.getError().isEmpty()) {
                failure = StanException.fromServer(StanException.Kind.SERVER_ERROR, response.getError());
            }
        } catch (StanException e) {
            failure = e;
        }
        shutdown(link.closed("connection of client \"" + settings.clientId() + "\" closed"));
        if (failure != null) {
            throw failure;
        }
    }

    private void shutdown(StanException cause) {
        pending.failAll(cause);
        subscriptions.endAll();
        try {
            nats.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.stop();
    }
}
