package io.natsjms.stan;

import com.google.protobuf.ByteString;
import com.google.protobuf.Parser;
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
import io.natsjms.protocol.ext.SelectiveSubscriptionRequest;
import io.natsjms.protocol.pb.CloseResponse;
import io.natsjms.protocol.pb.ConnectResponse;
import io.natsjms.protocol.pb.SubscriptionRequest;
import io.natsjms.protocol.pb.SubscriptionResponse;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One STAN session over one jnats connection: the connect handshake, publishes with PubAcks,
 * subscriptions with manual acks, server heartbeats, client PINGs and close. It is the only class
 * of the client that touches jnats; everything it hands out is plain Java. Thread-safe.
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
    private static final String NOT_SUPPORTED = "stan: not supported by server";

    private final StanSettings settings;
    private final StanConnectionListener listener;
    private final Connection nats;
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
    /** Live subscriptions and their dispatchers; an entry leaves on close/unsubscribe/shutdown. */
    private final Map<StanSubscription, Dispatcher> subscriptions = new ConcurrentHashMap<>();
    /** What the subscriptions made here call back for acks and close; kept off this class's public API. */
    private final SubscriptionOwner owner = new SubscriptionOwner() {
        @Override
        public void ack(StanSubscription subscription, long sequence) throws StanException {
            sendAck(subscription, sequence);
        }

        @Override
        public void release(StanSubscription subscription, boolean unsubscribe) throws StanException {
            end(subscription, unsubscribe);
        }
    };
    /** True until close() or a lost connection; flips once. */
    private final AtomicBoolean open = new AtomicBoolean(true);
    /** Whether the NATS connection is down: its loss and return are logged once each, not per reconnect attempt. */
    private final AtomicBoolean disconnected = new AtomicBoolean();
    /** The server's ConnectResponse: its request subjects. Written once by the handshake. */
    private volatile ConnectResponse server;

    private StanConnection(StanSettings settings, StanConnectionListener listener, Connection nats,
                           ConnectionThreads threads) {
        this.settings = settings;
        this.listener = listener;
        this.nats = nats;
        this.threads = threads;
        this.timer = threads.timer();
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
            connection.open.set(false);
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
            response = request(subject, request, ConnectResponse.parser(), "ConnectResponse");
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
        if (!open.get()) {
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
        if (!open.get()) {
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
        if (!open.compareAndSet(true, false)) {
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

    /** Publishes with a fresh guid; see {@link #publish(String, String, byte[])}. */
    public CompletableFuture<PubAckResult> publish(String channel, byte[] data) {
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
     * @throws IllegalArgumentException if {@code channel} is not a valid literal channel name
     */
    public CompletableFuture<PubAckResult> publish(String channel, String guid, byte[] data) {
        ChannelNames.requireValid(channel);
        requireGuid(guid);
        if (!open.get()) {
            return CompletableFuture.failedFuture(closed("cannot publish to channel \"" + channel + "\""));
        }
        byte[] msg = ClientMessages.publish(settings.clientId(), connId, guid, channel, data);
        String subject = server.getPubPrefix() + "." + channel;
        CompletableFuture<PubAckResult> future;
        try {
            future = pending.register(guid, channel, settings.publishAttempts(),
                    () -> nats.publish(subject, pubAckInbox, msg));
        } catch (StanException e) {
            return CompletableFuture.failedFuture(e);
        }
        try {
            nats.publish(subject, pubAckInbox, msg);
        } catch (IllegalStateException e) {
            pending.writeFailed(guid, transportFailure("cannot publish to channel \"" + channel + "\"", e));
        }
        if (!open.get()) {
            pending.fail(guid, closed("cannot publish to channel \"" + channel + "\""));
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
     * @throws IllegalArgumentException if {@code channel} is not a valid literal channel name
     */
    public CompletableFuture<PubAckResult> schedule(String channel, String guid, byte[] data, long deliverAtNanos) {
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
    private CompletableFuture<PubAckResult> sendSchedule(String subject, String channel, String guid, byte[] request) {
        if (!open.get()) {
            return CompletableFuture.failedFuture(closed("cannot publish to channel \"" + channel + "\""));
        }
        CompletableFuture<Message> reply;
        try {
            // jnats cancels a request on "no responders" and, later than this, on its own timeout: a
            // TimeoutException is ours, a cancellation (while open) is no responders
            reply = nats.requestWithTimeout(subject, request, settings.pubAckWait().plusSeconds(1))
                    .orTimeout(settings.pubAckWait().toMillis(), TimeUnit.MILLISECONDS);
        } catch (IllegalStateException e) {
            return CompletableFuture.failedFuture(transportFailure("cannot publish to channel \"" + channel + "\"", e));
        }
        return reply.handle((msg, failure) -> {
            if (!open.get()) {
                throw new java.util.concurrent.CompletionException(closed("cannot publish to channel \"" + channel
                        + "\""));
            }
            return ScheduleReplies.outcome(subject, channel, guid, msg, failure, settings.pubAckWait());
        });
    }

    /** Publishes and waits for the PubAck; the failures of {@link #publish(String, String, byte[])}, thrown. */
    public PubAckResult publishSync(String channel, byte[] data) throws StanException {
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
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(handler, "handler");
        ensureOpen("cannot subscribe to channel \"" + spec.channel() + "\"");
        String inbox = newInbox();
        SubscriptionDelivery delivery = new SubscriptionDelivery(handler);
        Dispatcher dispatcher = nats.createDispatcher(msg -> {
            if (!msg.isStatusMessage()) {
                delivery.deliver(msg.getData(), msg.getSubject());
            }
        });
        StanSubscription subscription = null;
        try {
            dispatcher.subscribe(inbox);
            SubscriptionRequest request = spec.toRequest(settings.clientId(), inbox, Instant.now());
            SubscriptionResponse response = spec.selector() == null ? null : selectiveOrCloseByInbox(request, spec, inbox);
            SubscriptionSpec subscribed = spec;
            if (response == null) {
                // no selector, or a server without the extension: a plain STAN subscription
                subscribed = spec.withSelector(null);
                response = requestOrCloseByInbox(request, inbox);
            }
            if (!response.getError().isEmpty()) {
                throw StanException.fromServer(StanException.Kind.SERVER_ERROR, response.getError());
            }
            subscription = new StanSubscription(owner, subscribed, inbox, response.getAckInbox());
            subscriptions.put(subscription, dispatcher);
            if (!open.get() && subscriptions.remove(subscription) != null) {
                subscription.markEnded();
                throw closed("subscription to channel \"" + spec.channel() + "\" ended by close");
            }
            return subscription;
        } catch (StanException | RuntimeException e) {
            closeDispatcher(dispatcher);
            throw e;
        } finally {
            if (subscription != null) {
                delivery.start(subscription);
            } else {
                delivery.abort();
            }
        }
    }

    /**
     * Sends a selective subscription (natsjms extension): the server's answer, or {@code null} when no
     * server listens on the extension's subject (the original server), at once ("no responders").
     */
    private SubscriptionResponse selectiveOrCloseByInbox(SubscriptionRequest request, SubscriptionSpec spec,
                                                         String inbox) throws StanException {
        String subject = Extensions.subscribeSubject(settings.discoverSubject());
        byte[] body = SelectiveSubscriptionRequest.newBuilder().setRequest(request).setSelector(spec.selector())
                .build().toByteArray();
        CompletableFuture<Message> reply;
        try {
            reply = nats.requestWithTimeout(subject, body, settings.connectWait());
        } catch (IllegalStateException e) {
            throw transportFailure("cannot send request to \"" + subject + "\"", e);
        }
        Message answer;
        try {
            answer = reply.get(settings.connectWait().toMillis() * 2 + 1000, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.CancellationException e) {
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof java.util.concurrent.CancellationException) {
                return null;
            }
            throw timedOutSelective(request, inbox, subject, e.getCause());
        } catch (TimeoutException e) {
            reply.cancel(true);
            throw timedOutSelective(request, inbox, subject, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StanException(StanException.Kind.INTERRUPTED, "interrupted waiting for a reply on \""
                    + subject + "\"", e);
        }
        byte[] payload = replyPayload(answer);
        if (payload == null) {
            return null;
        }
        try {
            return SubscriptionResponse.parseFrom(payload);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new StanException(StanException.Kind.IO, "undecodable SubscriptionResponse on \"" + subject
                    + "\": " + e.getMessage(), e);
        }
    }

    /** The server may have made the subscription after all: it is closed by its delivery inbox. */
    private StanException timedOutSelective(SubscriptionRequest request, String inbox, String subject, Throwable cause) {
        if (!server.getSubCloseRequests().isEmpty()) {
            publishQuietly(server.getSubCloseRequests(),
                    ClientMessages.unsubscribe(settings.clientId(), request.getSubject(), inbox));
        }
        return new StanException(StanException.Kind.TIMEOUT, "timed out after " + settings.connectWait() + " on \""
                + subject + "\"", cause);
    }

    private SubscriptionResponse requestOrCloseByInbox(SubscriptionRequest request, String inbox) throws StanException {
        try {
            return request(server.getSubRequests(), request.toByteArray(), SubscriptionResponse.parser(),
                    "SubscriptionResponse");
        } catch (StanException e) {
            if (e.kind() == StanException.Kind.TIMEOUT && !server.getSubCloseRequests().isEmpty()) {
                // the server may have created it after all: close it by its delivery inbox, as the Go client does
                publishQuietly(server.getSubCloseRequests(),
                        ClientMessages.unsubscribe(settings.clientId(), request.getSubject(), inbox));
            }
            throw e;
        }
    }

    private void sendAck(StanSubscription subscription, long sequence) throws StanException {
        byte[] ack = ClientMessages.ack(subscription.channel(), sequence);
        try {
            nats.publish(subscription.ackInbox(), ack);
        } catch (IllegalStateException e) {
            throw transportFailure("cannot ack sequence " + sequence + " of channel \""
                    + subscription.channel() + "\"", e);
        }
    }

    private void end(StanSubscription subscription, boolean unsubscribe) throws StanException {
        Dispatcher dispatcher = subscriptions.remove(subscription);
        if (dispatcher == null) {
            return;
        }
        closeDispatcher(dispatcher);
        ensureOpen("cannot " + (unsubscribe ? "unsubscribe " : "close ") + subscription);
        String subject = unsubscribe ? server.getUnsubRequests() : server.getSubCloseRequests();
        if (subject.isEmpty()) {
            throw new StanException(StanException.Kind.SERVER_ERROR, NOT_SUPPORTED + ": closing " + subscription);
        }
        byte[] request = ClientMessages.unsubscribe(settings.clientId(), subscription.channel(),
                subscription.ackInbox());
        SubscriptionResponse response = request(subject, request, SubscriptionResponse.parser(),
                "SubscriptionResponse");
        if (!response.getError().isEmpty()) {
            throw StanException.fromServer(StanException.Kind.SERVER_ERROR, response.getError());
        }
    }

    // ---------------------------------------------------------------- core NATS

    /** A new unique core-NATS inbox subject ({@code _INBOX.<nuid>}). */
    public String newInbox() {
        return "_INBOX." + NUID.nextGlobal();
    }

    /**
     * Subscribes to a core-NATS subject (not stored, not acknowledged). The handler runs on the
     * subscription's own dispatcher thread; NATS status messages (such as "no responders") are not
     * passed on.
     */
    public CoreSubscription subscribeCore(String subject, java.util.function.Consumer<CoreMessage> handler)
            throws StanException {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(handler, "handler");
        ensureOpen("cannot subscribe to subject \"" + subject + "\"");
        Dispatcher dispatcher = nats.createDispatcher(msg -> {
            if (msg.isStatusMessage()) {
                return;
            }
            try {
                handler.accept(new CoreMessage(msg.getSubject(), msg.getReplyTo(),
                        msg.getData() == null ? new byte[0] : msg.getData()));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "handler of core subscription \"" + subject + "\" threw", e);
            }
        });
        dispatcher.subscribe(subject);
        return new CoreSubscription(subject, () -> closeDispatcher(dispatcher));
    }

    /**
     * Publishes a core-NATS message.
     *
     * @param replyTo the reply subject, or {@code null}
     * @throws StanException CLOSED, or IO while NATS reconnects
     */
    public void publishCore(String subject, String replyTo, byte[] data) throws StanException {
        ensureOpen("cannot publish to subject \"" + subject + "\"");
        try {
            nats.publish(subject, replyTo, data);
        } catch (IllegalStateException e) {
            throw transportFailure("cannot publish to subject \"" + subject + "\"", e);
        }
    }

    /**
     * A core-NATS request: the reply's payload, or empty when nobody answers — NATS reports "no
     * responders" at once, else after {@code timeout}.
     *
     * @throws StanException CLOSED, IO while NATS reconnects, INTERRUPTED
     */
    public java.util.Optional<byte[]> requestCore(String subject, byte[] body, Duration timeout) throws StanException {
        ensureOpen("cannot send request to \"" + subject + "\"");
        CompletableFuture<Message> reply;
        try {
            reply = nats.requestWithTimeout(subject, body, timeout);
        } catch (IllegalStateException e) {
            throw transportFailure("cannot send request to \"" + subject + "\"", e);
        }
        try {
            return java.util.Optional.ofNullable(replyPayload(reply.get(timeout.toMillis(), TimeUnit.MILLISECONDS)));
        } catch (TimeoutException | java.util.concurrent.ExecutionException | java.util.concurrent.CancellationException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StanException(StanException.Kind.INTERRUPTED, "interrupted waiting for a reply on \""
                    + subject + "\"", e);
        }
    }

    /**
     * Sends a natsjms extension request. The future completes with the reply's payload, with
     * {@code null} when NATS answered "no responders" (nobody listens on {@code subject}), or fails
     * with a {@link TimeoutException} after {@code timeout}.
     *
     * @throws StanException CLOSED, IO while NATS reconnects
     */
    CompletableFuture<byte[]> requestExtension(String subject, byte[] body, Duration timeout) throws StanException {
        ensureOpen("cannot send request to \"" + subject + "\"");
        CompletableFuture<Message> reply;
        try {
            // jnats cancels a request on "no responders" and, later than this, on its own timeout
            reply = nats.requestWithTimeout(subject, body, timeout.plusSeconds(1))
                    .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IllegalStateException e) {
            throw transportFailure("cannot send request to \"" + subject + "\"", e);
        }
        return reply.handle((msg, failure) -> {
            Throwable cause = failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                    ? c.getCause() : failure;
            if (cause instanceof java.util.concurrent.CancellationException) {
                return null;
            }
            if (cause != null) {
                throw new java.util.concurrent.CompletionException(cause);
            }
            return replyPayload(msg);
        });
    }

    /** The largest message the NATS server accepts, in bytes (its {@code max_payload}). */
    long maxPayload() {
        return nats.getServerInfo().getMaxPayload();
    }

    /** This session's unique ID, as its PubMsgs carry it. */
    ByteString connId() {
        return connId;
    }

    /** Waits until the NATS server has processed everything sent so far. */
    public void flush(Duration timeout) throws StanException {
        ensureOpen("cannot flush");
        try {
            nats.flush(timeout);
        } catch (TimeoutException e) {
            throw new StanException(StanException.Kind.TIMEOUT, "flush timed out after " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StanException(StanException.Kind.INTERRUPTED, "interrupted while flushing", e);
        } catch (IllegalStateException e) {
            throw transportFailure("cannot flush", e);
        }
    }

    // ---------------------------------------------------------------- state and close

    /** The settings it was connected with. */
    public StanSettings settings() {
        return settings;
    }

    /** Whether it is open: neither closed nor lost. */
    public boolean isOpen() {
        return open.get();
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
        if (!open.compareAndSet(true, false)) {
            return;
        }
        StanException failure = null;
        try {
            byte[] request = ClientMessages.close(settings.clientId());
            CloseResponse response = request(server.getCloseRequests(), request, CloseResponse.parser(),
                    "CloseResponse");
            if (!response.getError().isEmpty()) {
                failure = StanException.fromServer(StanException.Kind.SERVER_ERROR, response.getError());
            }
        } catch (StanException e) {
            failure = e;
        }
        shutdown(closed("connection of client \"" + settings.clientId() + "\" closed"));
        if (failure != null) {
            throw failure;
        }
    }

    private void shutdown(StanException cause) {
        pending.failAll(cause);
        subscriptions.keySet().forEach(StanSubscription::markEnded);
        subscriptions.clear();
        try {
            nats.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        threads.stop();
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Sends a request and decodes its reply.
     *
     * @throws StanException TIMEOUT (no reply within the connect wait, or no responders), IO, INTERRUPTED
     */
    private <T> T request(String subject, byte[] body, Parser<T> parser, String replyType) throws StanException {
        CompletableFuture<byte[]> reply;
        try {
            reply = nats.requestWithTimeout(subject, body, settings.connectWait())
                    .thenApply(StanConnection::replyPayload);
        } catch (IllegalStateException e) {
            throw transportFailure("cannot send request to \"" + subject + "\"", e);
        }
        return Replies.await(reply, settings.connectWait(), parser, replyType, subject);
    }


    /** A reply's payload, or {@code null} for a NATS status message (no responders). */
    private static byte[] replyPayload(Message reply) {
        if (reply.isStatusMessage()) {
            return null;
        }
        return reply.getData() == null ? new byte[0] : reply.getData();
    }

    private void publishQuietly(String subject, byte[] body) {
        try {
            nats.publish(subject, body);
        } catch (IllegalStateException e) {
            LOG.log(Level.DEBUG, () -> "not sent to " + subject + ": " + e.getMessage());
        }
    }

    private void closeDispatcher(Dispatcher dispatcher) {
        try {
            nats.closeDispatcher(dispatcher);
        } catch (IllegalStateException | IllegalArgumentException e) {
            LOG.log(Level.DEBUG, () -> "dispatcher already closed: " + e.getMessage());
        }
    }

    private void ensureOpen(String what) throws StanException {
        if (!open.get()) {
            throw closed(what);
        }
    }

    private StanException closed(String what) {
        return new StanException(StanException.Kind.CLOSED, what + ": the STAN connection of client \""
                + settings.clientId() + "\" is closed");
    }

    private StanException transportFailure(String what, IllegalStateException e) {
        if (!open.get() || nats.getStatus() == Connection.Status.CLOSED) {
            return new StanException(StanException.Kind.CLOSED, what + ": connection closed", e);
        }
        return new StanException(StanException.Kind.IO, what + ": " + e.getMessage(), e);
    }
}
