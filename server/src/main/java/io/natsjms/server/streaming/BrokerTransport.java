package io.natsjms.server.streaming;

import io.nats.client.NUID;
import io.natsjms.server.broker.InternalClient;
import io.natsjms.server.broker.NatsBroker;
import io.natsjms.server.broker.PublishBatch;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link Transport} inside the process of the embedded {@link NatsBroker}: an {@link InternalClient}
 * hands messages to the broker's router and takes them from it directly, with no protocol text, no
 * socket and no client library in between.
 *
 * <p>Messages for the engine's subscriptions go through an {@link InboundQueue} straight into the
 * {@link EngineLoop}, which calls the handlers in arrival order; the broker's event loops never wait
 * for the engine. Replies to {@link #request}s complete their future at once, on the event loop, so
 * that a heartbeat's answer is never stuck behind (or dropped with) a backlog of publishes.
 *
 * <p>What the engine sends from its own loop (PubAcks, deliveries, replies, requests) is gathered in a
 * {@link PublishBatch} and handed to the broker once the loop ends its batch of tasks
 * ({@link EngineLoop#afterEachBatch}), or as soon as {@value #MAX_GATHERED} messages are gathered, in the
 * order it was sent: one queue entry and one wake-up of the broker's event loop for all of them. Other threads publish at once. A message still gathered when the
 * transport closes is dropped, as one sent after the close is.
 */
final class BrokerTransport implements Transport {

    private static final System.Logger LOG = System.getLogger(BrokerTransport.class.getName());
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    /** Messages the engine loop gathers at most before it hands them over, even in the middle of its batch. */
    static final int MAX_GATHERED = 256;
    private static final byte[] STATUS_PREFIX = "NATS/1.0 ".getBytes(StandardCharsets.US_ASCII);

    private final InternalClient client;
    private final InboundQueue inbound;
    private final EngineLoop loop;
    /** What the engine loop sent during its current batch of tasks; the loop's only. */
    private final PublishBatch gathered;
    private final NUID nuid = new NUID();
    /** Reply subjects of requests are this prefix and a token. */
    private final String replyPrefix;
    private final AtomicLong nextRequest = new AtomicLong();
    /** Requests waiting for their reply, by token. */
    private final Map<String, CompletableFuture<byte[]>> requests = new ConcurrentHashMap<>();

    BrokerTransport(InternalClient client, InboundQueue inbound, EngineLoop loop) {
        this.client = client;
        this.inbound = inbound;
        this.loop = loop;
        this.gathered = client.newBatch();
        loop.afterEachBatch(this::sendGathered);
        this.replyPrefix = "_INBOX." + nuid.next() + ".";
        client.subscribe(replyPrefix + "*", this::onReply);
    }

    /**
     * Connects an internal client of {@code broker}, named {@code name}, whose subscriptions' handlers
     * run on {@code loop}.
     */
    static BrokerTransport connect(NatsBroker broker, String name, EngineLoop loop) {
        InternalClient client = broker.connectInternal(name);
        try {
            return new BrokerTransport(client, new InboundQueue(loop), loop);
        } catch (RuntimeException e) {
            client.close(CLOSE_TIMEOUT);
            throw e;
        }
    }

    /** Subscribes {@code handler}, which will be called on the engine loop. */
    @Override
    public void subscribe(String subject, Handler handler) {
        client.subscribe(subject, (s, replyTo, headers, data) -> inbound.offer(handler, s, replyTo, data));
    }

    @Override
    public void publish(String subject, byte[] data) {
        try {
            send(subject, null, data);
        } catch (IllegalArgumentException | IllegalStateException e) {
            DroppedSends.log(subject, data, e);
        }
    }

    /** Gathers the message when called on the engine loop, else publishes it at once. */
    private void send(String subject, String replyTo, byte[] data) {
        if (loop.inLoop()) {
            gathered.add(subject, replyTo, data);
            if (gathered.size() >= MAX_GATHERED) {
                sendGathered();
            }
        } else {
            client.publish(subject, replyTo, data);
        }
    }

    /** Hands what the engine loop gathered to the broker; on the loop. */
    private void sendGathered() {
        if (gathered.isEmpty()) {
            return;
        }
        int count = gathered.size();
        try {
            client.publish(gathered);
        } catch (IllegalStateException e) {
            LOG.log(Level.WARNING, () -> "could not publish " + (count == 1 ? "a message" : count + " messages")
                    + ", dropped: " + e.getMessage());
        }
    }

    @Override
    public CompletableFuture<byte[]> request(String subject, byte[] data, Duration timeout) {
        String token = Long.toString(nextRequest.incrementAndGet(), Character.MAX_RADIX);
        CompletableFuture<byte[]> reply = new CompletableFuture<>();
        requests.put(token, reply);
        reply.whenComplete((bytes, failure) -> requests.remove(token, reply));
        try {
            send(subject, replyPrefix + token, data);
        } catch (IllegalArgumentException | IllegalStateException e) {
            LOG.log(Level.WARNING, () -> "could not send a request to \"" + subject + "\": " + e.getMessage());
            reply.completeExceptionally(e);
            return reply;
        }
        return reply.orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** A reply to one of our requests, on a broker event loop. */
    private void onReply(String subject, String replyTo, byte[] headers, byte[] data) {
        CompletableFuture<byte[]> reply = requests.get(subject.substring(replyPrefix.length()));
        if (reply == null) {
            return; // timed out already, or a second reply
        }
        String status = status(headers);
        if (status != null) {
            reply.completeExceptionally(new IllegalStateException("no reply on " + subject + ": status " + status));
        } else {
            reply.complete(data);
        }
    }

    /** The status code of a header block such as {@code NATS/1.0 503}, or {@code null} when it has none. */
    static String status(byte[] headers) {
        int start = STATUS_PREFIX.length;
        if (headers == null || headers.length < start + 3
                || !Arrays.equals(headers, 0, start, STATUS_PREFIX, 0, start)) {
            return null;
        }
        for (int i = start; i < start + 3; i++) {
            if (headers[i] < '0' || headers[i] > '9') {
                return null;
            }
        }
        return new String(headers, start, 3, StandardCharsets.US_ASCII);
    }

    @Override
    public void flush(Duration timeout) {
        if (loop.inLoop()) {
            sendGathered();
        }
        client.flush(timeout);
    }

    @Override
    public long maxPayload() {
        return client.maxPayload();
    }

    @Override
    public String uniqueToken() {
        return nuid.next();
    }

    @Override
    public boolean connected() {
        return !client.isClosed();
    }

    /** Messages for the engine dropped so far because it fell behind. */
    long dropped() {
        return inbound.dropped();
    }

    /**
     * Sends what the engine published so far, then stops receiving: messages not yet handled are
     * dropped (never acknowledged), and waiting requests fail.
     */
    @Override
    public void close() {
        if (loop.inLoop()) {
            sendGathered();
        }
        inbound.close();
        client.close(CLOSE_TIMEOUT);
        IllegalStateException closed = new IllegalStateException("the transport is closed");
        requests.values().forEach(reply -> reply.completeExceptionally(closed));
    }
}
