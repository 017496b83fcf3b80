package io.natsjms.server.broker;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A client of the broker inside the broker's own process (the streaming server's engine): it publishes
 * and subscribes like a network client, with the broker's internal user's rights (unrestricted), but
 * no protocol text and no socket stand between it and the {@link MessageRouter}. Get one from
 * {@link NatsBroker#connectInternal(String)}.
 *
 * <p>Publishing: any thread may call {@link #publish}; the message (its array only referenced, never
 * written) waits in a queue until the client's event loop, one of the broker's, routes the queued
 * messages in a batch and hands each receiver its bytes once per batch. Writes thus happen on the
 * receivers' loops, as for any publisher.
 *
 * <p>Receiving: a message routed to one of its subscriptions reaches its {@link Receiver} at once, on
 * the publisher's event loop, as copies the receiver owns.
 *
 * <p>The client counts as one connection of the broker (and against its connection limit) until
 * closed. It asks for {@code no_responders}, so a request nobody receives is answered with a
 * {@code 503} status, and it does not receive its own messages ({@code echo} off).
 */
public final class InternalClient extends BrokerClient {
    private static final System.Logger LOG = System.getLogger(InternalClient.class.getName());
    /** Messages routed per event-loop task at most, so that other clients of the loop are served meanwhile. */
    private static final int BATCH_MESSAGES = 1024;
    /** Messages queued and not yet routed, by default, before {@link #publish} refuses more. */
    public static final int DEFAULT_MAX_QUEUED = 1_000_000;
    /** Slots of the cache of published subjects (a power of two). */
    private static final int SUBJECT_SLOTS = 64;

    /**
     * Receives the messages of one subscription of an internal client.
     */
    @FunctionalInterface
    public interface Receiver {
        /**
         * One message: its subject, reply subject (or {@code null}), header block (or {@code null}) and
         * payload; the arrays are the receiver's. Called on a broker event loop, possibly on several at
         * once: it must return quickly and never block.
         */
        void onMessage(String subject, String replyTo, byte[] headers, byte[] data);
    }

    /**
     * A queued message; or a marker ({@code flushed} set) completed once everything before it is routed;
     * or the messages of a {@link PublishBatch} ({@code batch} set), queued at once.
     */
    record Outgoing(String subject, String replyTo, byte[] data, CompletableFuture<Void> flushed, Outgoing[] batch) {

        Outgoing(String subject, String replyTo, byte[] data) {
            this(subject, replyTo, data, null, null);
        }
    }

    private record Subscribed(BrokerSubscription sub, Receiver receiver) {
    }

    final long id;
    private final NatsBroker broker;
    private final EventLoop loop;
    private final ConnectOptions options;
    private final int maxQueued;
    private final long maxPayload;
    /** Subscriptions by sid. */
    private final Map<String, Subscribed> subscriptions = new ConcurrentHashMap<>();
    private final AtomicLong nextSid = new AtomicLong();
    /** Messages waiting for the event loop, oldest first; any thread adds, the loop takes. */
    private final Queue<Outgoing> outgoing = new ConcurrentLinkedQueue<>();
    /** Messages (not markers) in {@link #outgoing}. */
    private final AtomicInteger queued = new AtomicInteger();
    /** Whether a task to route {@link #outgoing} is pending on the loop. */
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private volatile boolean closed;
    /** Event-loop only from here on. */
    private final Outbox outbox = new Outbox(ByteBufAllocator.DEFAULT);
    private final Publication publication = new Publication();
    /** Latest published subject per slot, so that messages to the same inbox reuse one (and its MSG prefixes). */
    private final PublishedSubject[] subjects = new PublishedSubject[SUBJECT_SLOTS];

    InternalClient(long id, String name, NatsBroker broker, EventLoop loop, int maxQueued) {
        this.id = id;
        this.broker = broker;
        this.loop = loop;
        this.maxQueued = maxQueued;
        this.maxPayload = broker.config().maxPayload();
        this.options = new ConnectOptions(false, false, false, true, true, name, "java", null,
                NatsBroker.INTERNAL_USER, null, null);
    }

    @Override
    ConnectOptions options() {
        return options;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    Outbox outbox() {
        return outbox;
    }

    /** A new, empty batch of messages to publish through this client ({@link #publish(PublishBatch)}). */
    public PublishBatch newBatch() {
        return new PublishBatch(this);
    }

    /** The broker event loop this client publishes on (for tests that hold it up). */
    EventLoop loop() {
        return loop;
    }

    /** The largest payload the broker accepts in one message. */
    public long maxPayload() {
        return maxPayload;
    }

    /**
     * Subscribes to {@code subject} (wildcards allowed); messages published from now on reach
     * {@code receiver}.
     *
     * @throws IllegalArgumentException when the subject is not a valid subscription subject
     * @throws IllegalStateException when the client is closed
     */
    public void subscribe(String subject, Receiver receiver) {
        if (closed) {
            throw new IllegalStateException("internal client " + id + " is closed: cannot subscribe to \""
                    + subject + "\"");
        }
        BrokerSubscription sub = new BrokerSubscription(this, subject, null, Long.toString(nextSid.incrementAndGet()));
        subscriptions.put(sub.sid, new Subscribed(sub, receiver));
        if (!broker.trie().insert(sub)) {
            subscriptions.remove(sub.sid);
            throw new IllegalArgumentException("subject: \"" + subject + "\" (expected: tokens separated by"
                    + " dots, no spaces, '>' only last)");
        }
    }

    @Override
    void removeSubscription(BrokerSubscription sub) {
        Subscribed subscribed = subscriptions.get(sub.sid);
        if (subscribed != null && subscribed.sub == sub && subscriptions.remove(sub.sid, subscribed)) {
            broker.trie().remove(sub);
        }
    }

    @Override
    void receive(Outbox publisherOutbox, BrokerSubscription sub, Publication pub) {
        Subscribed subscribed = subscriptions.get(sub.sid);
        if (subscribed == null || closed) {
            return;
        }
        int headerSize = Math.max(0, pub.headerSize);
        byte[] headers = pub.headerSize > 0 ? Arrays.copyOfRange(pub.data, pub.offset, pub.offset + headerSize) : null;
        byte[] data = Arrays.copyOfRange(pub.data, pub.offset + headerSize, pub.offset + pub.length);
        String replyTo = pub.reply == null ? null : new String(pub.reply, StandardCharsets.UTF_8);
        try {
            subscribed.receiver.onMessage(pub.subject.text, replyTo, headers, data);
        } catch (RuntimeException e) {
            // the publisher's loop carries on with its other receivers
            LOG.log(System.Logger.Level.ERROR, "internal client " + id + ": receiving a message on \""
                    + pub.subject.text + "\" failed: " + e, e);
        }
    }

    /**
     * Queues a message for the broker to route; never waits. {@code data} is only read, now or later
     * on the event loop: the caller must not change it afterwards.
     *
     * @throws IllegalArgumentException when the subject is empty or holds spaces, or the payload is
     *                                  larger than {@link #maxPayload()}
     * @throws IllegalStateException    when the client is closed or already holds its limit of queued
     *                                  messages
     */
    public void publish(String subject, String replyTo, byte[] data) {
        checkPayload(subject, data);
        if (!SubjectTrie.isValidLiteralSubject(subject)) {
            throw invalidSubject(subject);
        }
        reserve(1);
        outgoing.add(new Outgoing(subject, replyTo, data));
        scheduleDrain();
    }

    /**
     * Queues every message of {@code batch} for the broker to route, in the order they were added, with
     * one hand-over to the event loop; the batch is empty afterwards (also when this throws). Never waits.
     *
     * @throws IllegalStateException when the client is closed or cannot queue that many messages more;
     *                               then none of them is queued
     */
    public void publish(PublishBatch batch) {
        int count = batch.size();
        if (count == 0) {
            return;
        }
        Outgoing[] messages = batch.takeAll();
        reserve(count);
        outgoing.add(new Outgoing(null, null, null, null, messages));
        scheduleDrain();
    }

    /** Counts {@code count} more queued messages, unless the client is closed or that would pass its limit. */
    private void reserve(int count) {
        if (closed) {
            throw new IllegalStateException("internal client " + id + " is closed");
        }
        if (queued.addAndGet(count) > maxQueued) {
            queued.addAndGet(-count);
            throw new IllegalStateException("internal client " + id + " has " + maxQueued
                    + " messages queued already (" + count + " more refused)");
        }
    }

    void checkPayload(String subject, byte[] data) {
        if (data.length > maxPayload) {
            throw new IllegalArgumentException("payload of " + data.length + " bytes to \"" + subject
                    + "\" (expected: at most the max payload, " + maxPayload + ")");
        }
    }

    static IllegalArgumentException invalidSubject(String subject) {
        return new IllegalArgumentException("subject: \"" + subject + "\" (expected: tokens separated by dots,"
                + " no spaces, no wildcards)");
    }

    /**
     * Waits until every message published before this call was routed and handed to its receivers.
     *
     * @throws IllegalStateException when that did not happen within {@code timeout}, or the broker stopped
     */
    public void flush(Duration timeout) {
        try {
            flushAsync().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("internal client " + id + ": flush did not complete within "
                    + timeout, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("internal client " + id + ": flush failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while flushing internal client " + id, e);
        }
    }

    private CompletableFuture<Void> flushAsync() {
        CompletableFuture<Void> flushed = new CompletableFuture<>();
        outgoing.add(new Outgoing(null, null, null, flushed, null));
        scheduleDrain();
        return flushed;
    }

    private void scheduleDrain() {
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                loop.execute(this::drain);
            } catch (RejectedExecutionException stopped) {
                discardQueued();
            }
        }
    }

    /** Routes queued messages, a batch at a time; on the event loop. */
    private void drain() {
        drainScheduled.set(false);
        int routed = 0;
        Outgoing next;
        while (routed < BATCH_MESSAGES && (next = outgoing.poll()) != null) {
            if (next.flushed != null) {
                outbox.flush();
                next.flushed.complete(null);
                continue;
            }
            if (next.batch != null) {
                for (Outgoing message : next.batch) {
                    route(message);
                }
                queued.addAndGet(-next.batch.length);
                routed += next.batch.length;
                continue;
            }
            queued.decrementAndGet();
            route(next);
            routed++;
        }
        outbox.flush();
        if (!outgoing.isEmpty()) {
            scheduleDrain();
        }
    }

    private void route(Outgoing message) {
        byte[] reply = message.replyTo == null ? null : message.replyTo.getBytes(StandardCharsets.UTF_8);
        publication.set(subject(message.subject), reply, -1, message.data, 0, message.data.length);
        try {
            broker.router().publish(this, publication);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "internal client " + id + ": routing a message to \""
                    + message.subject + "\" failed, dropped: " + e, e);
        }
    }

    private PublishedSubject subject(String text) {
        int slot = (text.hashCode() ^ (text.hashCode() >>> 16)) & (SUBJECT_SLOTS - 1);
        PublishedSubject cached = subjects[slot];
        if (cached != null && cached.text.equals(text)) {
            return cached;
        }
        PublishedSubject subject = PublishedSubject.of(text);
        subjects[slot] = subject;
        return subject;
    }

    /** Drops what can no longer be routed (the broker's loops stopped), failing waiting flushes. */
    private void discardQueued() {
        int dropped = 0;
        for (Outgoing next = outgoing.poll(); next != null; next = outgoing.poll()) {
            if (next.flushed != null) {
                next.flushed.completeExceptionally(new IllegalStateException("the broker stopped"));
            } else if (next.batch != null) {
                queued.addAndGet(-next.batch.length);
                dropped += next.batch.length;
            } else {
                queued.decrementAndGet();
                dropped++;
            }
        }
        if (dropped > 0) {
            int count = dropped;
            LOG.log(System.Logger.Level.WARNING, () -> "internal client " + id + ": " + count
                    + " queued messages dropped, the broker stopped");
        }
    }

    /**
     * Routes what was published before this call (waiting up to {@code timeout} for it), then
     * unsubscribes everything and leaves the broker. Nothing is received once this starts. Idempotent.
     */
    public void close(Duration timeout) {
        if (closed) {
            return;
        }
        closed = true;
        if (loop.inEventLoop()) {
            drain(); // a task could not run while this waits
        }
        try {
            flushAsync().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | ExecutionException e) {
            LOG.log(System.Logger.Level.WARNING, () -> "internal client " + id + ": messages still queued at close"
                    + " may be lost: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Subscribed subscribed : subscriptions.values()) {
            removeSubscription(subscribed.sub);
        }
        broker.unregister(this);
    }
}
