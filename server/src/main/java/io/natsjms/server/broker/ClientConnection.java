package io.natsjms.server.broker;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.ScheduledFuture;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * State of one client connection: its parser, CONNECT options, subscriptions, PING accounting and
 * outbound side. Protocol input is handled on the channel's event loop; messages from publishers on
 * other event loops arrive through {@link #handOver} and are written on this one. A client whose
 * outbound backlog exceeds {@link BrokerConfig#maxPending()}, or whose socket accepts nothing for a
 * write deadline, is dropped as a slow consumer without affecting anyone else. So is a client that
 * holds more than its share of the broker's {@link PendingBudget} while that is exhausted: each
 * buffer handed to a client is charged to it and to the budget until its socket took it.
 */
final class ClientConnection extends BrokerClient implements ParserHandler {
    private static final System.Logger LOG = System.getLogger(ClientConnection.class.getName());
    private static final String OK = "+OK\r\n";
    /** Input copied out of direct buffers, per event-loop thread; only read during {@link #read}. */
    private static final FastThreadLocal<byte[]> READ_BUFFER = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[64 * 1024];
        }
    };

    final long id;
    final Channel channel;
    private final NatsBroker broker;
    private final BrokerConfig config;
    private final ProtocolParser parser;
    /** Below this many bytes left before the pending limit, a delivery flushes at once. */
    private final long flushThreshold;
    /** The channel's high water mark: the pending limit, as netty holds it. */
    private final long highWaterMark;
    /** Subscriptions by sid; removed by other event loops when an auto-unsubscribe limit is reached. */
    private final Map<String, BrokerSubscription> subscriptions = new ConcurrentHashMap<>();
    /** Bytes other event loops produced for this client, oldest first. */
    private final Queue<ByteBuf> handedOver = new ConcurrentLinkedQueue<>();
    /** Whether a task to write {@link #handedOver} is pending on this channel's loop. */
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    /** Bytes the current read produced, for this and other connections; event-loop only. */
    private final Outbox outbox;
    private final PendingBudget budget;
    /** Bytes handed to this client that its socket has not taken yet (charged to {@link #budget} too). */
    private final AtomicLong pendingBytes = new AtomicLong();
    /** Set once this client was found to be a slow consumer: nothing more is handed to it. */
    private volatile boolean slow;

    /** What this client may publish and subscribe to; set by CONNECT, null when unrestricted. */
    private ClientPermissions permissions;

    /** Options from CONNECT; read by publishers on other event loops. */
    private volatile ConnectOptions options = ConnectOptions.BEFORE_CONNECT;
    private volatile boolean closed;
    /** Event-loop only from here on. */
    private boolean connectReceived;
    private int pingsOut;
    private Object stalledMessage;
    private long stalledProgress;
    private final ArrayList<ScheduledFuture<?>> timers = new ArrayList<>(3);

    ClientConnection(long id, Channel channel, NatsBroker broker) {
        this.id = id;
        this.channel = channel;
        this.broker = broker;
        this.config = broker.config();
        this.parser = new ProtocolParser(this, config.maxPayload(), config.maxControlLine());
        this.flushThreshold = config.maxPending() / 2;
        this.highWaterMark = Math.min(Integer.MAX_VALUE, config.maxPending());
        this.outbox = new Outbox(channel.alloc());
        this.budget = broker.pendingBudget();
    }

    @Override
    ConnectOptions options() {
        return options;
    }

    @Override
    boolean isClosed() {
        return closed;
    }

    /** Sends INFO and starts the timers: PING, write deadline and, with authentication, the auth timeout. */
    void start(String infoLine) {
        channel.writeAndFlush(ascii(infoLine), channel.voidPromise());
        long ping = config.pingInterval().toNanos();
        timers.add(channel.eventLoop().scheduleAtFixedRate(this::pingTimer, ping, ping, TimeUnit.NANOSECONDS));
        long deadline = config.writeDeadline().toNanos();
        timers.add(channel.eventLoop().scheduleAtFixedRate(this::checkWriteStall, deadline, deadline,
                TimeUnit.NANOSECONDS));
        if (config.authRequired()) {
            timers.add(channel.eventLoop().schedule(this::authTimeout, config.authTimeout().toNanos(),
                    TimeUnit.NANOSECONDS));
        }
    }

    /**
     * Feeds received bytes to the parser, after writing what others handed over; on the event loop.
     * Direct buffers are copied into a per-thread array first: the parser reads arrays far faster, and
     * hands out payloads as ranges of its input.
     */
    void read(ByteBuf bytes) {
        drainHandedOver();
        int length = bytes.readableBytes();
        if (bytes.hasArray()) {
            parser.feed(bytes.array(), bytes.arrayOffset() + bytes.readerIndex(), length);
            return;
        }
        byte[] input = READ_BUFFER.get();
        if (input.length < length) {
            input = new byte[length];
            READ_BUFFER.set(input);
        }
        bytes.getBytes(bytes.readerIndex(), input, 0, length);
        parser.feed(input, 0, length);
    }

    /** Flushes everything the reads just processed produced, for this and other connections. */
    void flushPending() {
        outbox.flush();
    }

    @Override
    Outbox outbox() {
        return outbox;
    }

    @Override
    void receive(Outbox publisherOutbox, BrokerSubscription sub, Publication pub) {
        publisherOutbox.append(this, sub, pub);
    }

    @Override
    public boolean allowOperation(Op op) {
        if (op != Op.CONNECT && !connectReceived && config.authRequired()) {
            sendErrorAndClose(BrokerErrors.AUTHORIZATION_VIOLATION);
            return false;
        }
        return true;
    }

    @Override
    public boolean headersEnabled() {
        return options.headers();
    }

    @Override
    public void onConnect(String json) {
        ConnectOptions parsed;
        try {
            parsed = ConnectOptions.parse(json);
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> "client " + id + ": bad CONNECT: " + e.getMessage());
            closeSilently();
            return;
        }
        if (parsed.noResponders() && !parsed.headers()) {
            sendErrorAndClose(BrokerErrors.NO_RESPONDERS_REQUIRES_HEADERS);
            return;
        }
        if (!authenticated(parsed)) {
            sendErrorAndClose(BrokerErrors.AUTHORIZATION_VIOLATION);
            return;
        }
        options = parsed;
        connectReceived = true;
        if (parsed.verbose()) {
            send(OK);
        }
    }

    /** Checks the credentials of CONNECT and, for a listed user, takes on its permissions. */
    private boolean authenticated(ConnectOptions connect) {
        if (!config.users().isEmpty()) {
            BrokerUser user = broker.user(connect.user());
            if (user == null || !same(user.password(), connect.pass())) {
                LOG.log(System.Logger.Level.INFO, () -> "client " + id + ": authentication of user \""
                        + connect.user() + "\" failed");
                return false;
            }
            permissions = user.permissions().unrestricted() ? null : new ClientPermissions(user);
            return true;
        }
        BrokerConfig.Auth auth = config.auth();
        if (auth.token() != null) {
            return same(auth.token(), connect.authToken());
        }
        if (auth.user() != null) {
            return same(auth.user(), connect.user()) & same(auth.password(), connect.pass());
        }
        return true;
    }

    private static boolean same(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void onPublish(Publication publication) {
        if (permissions != null && !permissions.mayPublish(publication.subject.text)) {
            LOG.log(System.Logger.Level.WARNING, () -> "client " + id + " (user \"" + permissions.user()
                    + "\"): Publish Violation, subject \"" + publication.subject.text + "\"");
            sendError(BrokerErrors.publishViolation(publication.subject.text));
            return;
        }
        ConnectOptions current = options;
        if (current.pedantic() && !SubjectTrie.isValidLiteralSubject(publication.subject.text)) {
            // nats-server 2.9 reports the subject and still routes the message
            sendError(BrokerErrors.INVALID_PUBLISH_SUBJECT);
        }
        if (current.verbose()) {
            send(OK);
        }
        broker.router().publish(this, publication);
    }

    @Override
    public void onSubscribe(String subject, String queue, String sid) {
        if (subscriptions.containsKey(sid)) {
            okIfVerbose();
            return;
        }
        if (permissions != null && !permissions.maySubscribe(subject)) {
            LOG.log(System.Logger.Level.WARNING, () -> "client " + id + " (user \"" + permissions.user()
                    + "\"): Subscription Violation, subject \"" + subject + "\"" + (queue == null ? ""
                    : ", queue \"" + queue + "\"") + ", sid " + sid);
            sendError(BrokerErrors.subscriptionViolation(subject, queue));
            return;
        }
        BrokerSubscription sub = new BrokerSubscription(this, subject, queue, sid,
                permissions == null ? null : permissions.deliveryFilter(subject));
        if (!broker.trie().insert(sub)) {
            sendError(BrokerErrors.INVALID_SUBJECT);
            return;
        }
        subscriptions.put(sid, sub);
        okIfVerbose();
    }

    @Override
    public void onUnsubscribe(String sid, long max) {
        BrokerSubscription sub = subscriptions.get(sid);
        if (sub != null && (max < 0 || sub.limitTo(max))) {
            removeSubscription(sub);
        }
        okIfVerbose();
    }

    @Override
    void removeSubscription(BrokerSubscription sub) {
        if (subscriptions.remove(sub.sid, sub)) {
            broker.trie().remove(sub);
        }
    }

    @Override
    public void onPing() {
        send("PONG\r\n");
    }

    @Override
    public void onPong() {
        pingsOut = 0;
    }

    @Override
    public void onError(ParseError error) {
        LOG.log(System.Logger.Level.DEBUG, () -> "client " + id + ": protocol error " + error);
        if (error.errText() == null) {
            closeSilently();
        } else {
            sendErrorAndClose(error.errText());
        }
    }

    /**
     * Queues bytes produced on another event loop; this channel's loop writes them before it
     * processes its next input, or in a task scheduled now, whichever comes first. Callable from any thread.
     */
    void handOver(ByteBuf bytes) {
        if (!admit(bytes.readableBytes())) {
            bytes.release();
            return;
        }
        handedOver.add(bytes);
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                channel.eventLoop().execute(this::drainHandedOver);
            } catch (RejectedExecutionException shuttingDown) {
                releaseHandedOver();
            }
        }
    }

    /**
     * Charges a buffer of {@code size} bytes about to be handed to this client. Refuses it, and drops
     * the client as a slow consumer, when the budget of all clients is exhausted, the client would
     * hold more than its share of it, and its socket does not keep up. (The client's own limit is
     * checked against what its socket refused, in {@link #flushLocal}, not against bytes in transit
     * between event loops.) Callable from any thread.
     */
    private boolean admit(int size) {
        if (slow || closed) {
            return false;
        }
        long mine = pendingBytes.addAndGet(size);
        boolean budgetExhausted = budget.charge(size, mine);
        long share = budget.fairShare();
        if (!budgetExhausted || mine <= share || socketKeepsUp(share)) {
            return true;
        }
        uncharge(size);
        markSlow("pending bytes " + mine + " over its share " + share + " of the exhausted budget of all clients, "
                + budget.limit());
        return false;
    }

    /**
     * Whether this client's socket takes what it is written: less than half a share waits in front of
     * it (bytes only in transit to its event loop do not count). A fast reader with a large share in
     * transit, such as the streaming server's own connection under load, is not cut.
     */
    private boolean socketKeepsUp(long share) {
        long refused = highWaterMark - channel.bytesBeforeUnwritable();
        return refused < share / 2;
    }

    /** Credits back bytes this client's socket took, or that will never be written. */
    private void uncharge(long size) {
        budget.credit(size, pendingBytes.addAndGet(-size));
    }

    /** Drops this client as a slow consumer, on its event loop, once. Callable from any thread. */
    private void markSlow(String reason) {
        if (slow) {
            return;
        }
        slow = true;
        LOG.log(System.Logger.Level.INFO, () -> "client " + id + ": slow consumer, " + reason);
        if (channel.eventLoop().inEventLoop()) {
            abort();
        } else {
            try {
                channel.eventLoop().execute(this::abort);
            } catch (RejectedExecutionException shuttingDown) {
                // the broker is closing every connection anyway
            }
        }
    }

    /** Delivers a buffer produced on this client's own event loop: charges it, then writes it. */
    void deliverLocal(ByteBuf buf) {
        if (!admit(buf.readableBytes())) {
            buf.release();
            return;
        }
        writeLocal(buf);
    }

    /** Writes and flushes everything handed over by other event loops; runs on this channel's loop. */
    void drainHandedOver() {
        drainScheduled.set(false);
        ByteBuf bytes = handedOver.poll();
        if (bytes == null) {
            return;
        }
        for (; bytes != null; bytes = handedOver.poll()) {
            writeLocal(bytes);
        }
        flushLocal();
    }

    private void releaseHandedOver() {
        for (ByteBuf bytes = handedOver.poll(); bytes != null; bytes = handedOver.poll()) {
            uncharge(bytes.readableBytes());
            bytes.release();
        }
    }

    /**
     * Writes a charged buffer without flushing, on this channel's event loop; the charge is credited
     * back once the socket took the bytes (or the channel failed). Unflushed bytes count as pending
     * too, so past half the limit they are handed to the socket at once; whatever the socket still
     * refuses then is the backlog of a slow consumer.
     */
    private void writeLocal(ByteBuf buf) {
        int size = buf.readableBytes();
        if (closed) {
            uncharge(size);
            buf.release();
            return;
        }
        channel.write(buf, channel.newPromise().addListener(written -> uncharge(size)));
        if (channel.bytesBeforeUnwritable() < flushThreshold) {
            flushLocal();
        }
    }

    /** Flushes on this channel's event loop and drops the client if its backlog passed the limit. */
    void flushLocal() {
        if (closed) {
            return;
        }
        channel.flush();
        if (!channel.isWritable()) {
            slowConsumer();
        }
    }

    private void pingTimer() {
        if (pingsOut + 1 > config.maxPingsOut()) {
            LOG.log(System.Logger.Level.DEBUG, () -> "client " + id + ": stale connection");
            sendErrorAndClose(BrokerErrors.STALE_CONNECTION);
            return;
        }
        pingsOut++;
        channel.writeAndFlush(ascii("PING\r\n"), channel.voidPromise());
    }

    /** Drops the client when the same outbound message made no progress for a whole write deadline. */
    private void checkWriteStall() {
        ChannelOutboundBuffer outbound = channel.unsafe().outboundBuffer();
        Object current = outbound == null ? null : outbound.current();
        long progress = current == null ? 0 : outbound.currentProgress();
        if (current != null && current == stalledMessage && progress == stalledProgress) {
            LOG.log(System.Logger.Level.INFO, () -> "client " + id + ": write deadline exceeded, slow consumer");
            abort();
            return;
        }
        stalledMessage = current;
        stalledProgress = progress;
    }

    private void authTimeout() {
        if (!connectReceived) {
            sendErrorAndClose(BrokerErrors.AUTHENTICATION_TIMEOUT);
        }
    }

    /** Drops a client whose pending outbound bytes passed the limit; nothing more is written to it. */
    void slowConsumer() {
        if (!closed) {
            markSlow("pending bytes over " + config.maxPending());
        }
    }

    private void okIfVerbose() {
        if (options.verbose()) {
            send(OK);
        }
    }

    private void send(String line) {
        ByteBuf buf = outbox.bufferFor(this);
        ByteBufUtil.writeAscii(buf, line);
        outbox.appended(this, buf);
    }

    private void sendError(String text) {
        send("-ERR '" + text + "'\r\n");
    }

    private void sendErrorAndClose(String text) {
        if (!closed) {
            send("-ERR '" + text + "'\r\n");
            closeSilently();
        }
    }

    /** Closes after writing what this client is owed (e.g. the +OK before a malformed line), without an -ERR. */
    private void closeSilently() {
        closed = true;
        parser.stop();
        ByteBuf owed = outbox.take(this);
        channel.writeAndFlush(owed == null ? Unpooled.EMPTY_BUFFER : owed).addListener(f -> channel.close());
    }

    /** Closes at once, dropping what is queued: the client does not read anyway. */
    private void abort() {
        closed = true;
        parser.stop();
        channel.close();
    }

    /** Closes the connection after writing everything already queued for it (graceful shutdown). */
    void shutdown() {
        // on the event loop, behind any deliveries already handed over to it
        channel.eventLoop().execute(this::closeSilently);
    }

    /** Releases subscriptions and timers once the channel is closed; called on the event loop. */
    void closed() {
        closed = true;
        timers.forEach(t -> t.cancel(false));
        timers.clear();
        for (BrokerSubscription sub : subscriptions.values()) {
            removeSubscription(sub);
        }
        releaseHandedOver();
        outbox.flush(); // what this client's last read produced for others still goes out
        broker.unregister(this);
    }

    private ByteBuf ascii(String text) {
        return ByteBufUtil.writeAscii(channel.alloc(), text);
    }
}
