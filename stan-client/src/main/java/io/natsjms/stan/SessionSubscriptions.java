package io.natsjms.stan;

import io.nats.client.Dispatcher;
import io.natsjms.protocol.Extensions;
import io.natsjms.protocol.ext.SelectiveSubscriptionRequest;
import io.natsjms.protocol.pb.ConnectResponse;
import io.natsjms.protocol.pb.SubscriptionRequest;
import io.natsjms.protocol.pb.SubscriptionResponse;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * The STAN subscriptions of one {@link StanConnection}: making them (plain, or selective through the
 * natsjms extension), sending their acks, closing or unsubscribing them, and ending them all when
 * the session ends. Each live subscription keeps its own jnats dispatcher here. Thread-safe.
 */
final class SessionSubscriptions {

    private static final System.Logger LOG = System.getLogger(SessionSubscriptions.class.getName());

    private static final String NOT_SUPPORTED = "stan: not supported by server";

    private final NatsLink link;
    private final CoreNats core;
    private final StanSettings settings;
    /** The server's ConnectResponse (its request subjects); known once the handshake is done. */
    private final Supplier<ConnectResponse> server;
    /** Live subscriptions and their dispatchers; an entry leaves on close/unsubscribe/shutdown. */
    private final Map<StanSubscription, Dispatcher> live = new ConcurrentHashMap<>();
    /** Sends acks, single or queued ({@link StanSubscription#ackLater}). */
    private final AckBatches acks;
    /** The connection's timer: sends queued acks after {@link StanSubscription#ACK_DELAY}. */
    private final ScheduledExecutorService timer;
    /** What the subscriptions made here call back for acks and close; kept off the connection's public API. */
    private final SubscriptionOwner owner = new SubscriptionOwner() {
        @Override
        public void ack(StanSubscription subscription, long sequence) throws StanException {
            acks.plain(subscription, new long[] {sequence});
        }

        @Override
        public void ackBatch(StanSubscription subscription, long[] sequences) throws StanException {
            acks.send(subscription, sequences);
        }

        @Override
        public void flushAcksLater(StanSubscription subscription) {
            try {
                timer.schedule(() -> {
                    try {
                        subscription.flushAcks();
                    } catch (StanException e) {
                        LOG.log(System.Logger.Level.DEBUG, () -> "queued acks of " + subscription
                                + " not sent, the server redelivers: " + e.getMessage());
                    }
                }, StanSubscription.ACK_DELAY.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                // the connection is closing: close sends what is queued
            }
        }

        @Override
        public void release(StanSubscription subscription, boolean unsubscribe) throws StanException {
            end(subscription, unsubscribe);
        }
    };

    SessionSubscriptions(NatsLink link, CoreNats core, Supplier<ConnectResponse> server,
                         ScheduledExecutorService timer) {
        this.link = link;
        this.core = core;
        this.settings = link.settings();
        this.server = server;
        this.timer = timer;
        this.acks = new AckBatches(link, core, Extensions.acksSubject(settings.discoverSubject()),
                settings.connectWait());
    }

    /** The sender of acks (for tests: whether batches still use the extension). */
    AckBatches acks() {
        return acks;
    }

    /** Sends the acks every live subscription has queued; the connection is about to close. */
    void flushQueuedAcks() {
        live.keySet().forEach(StanSubscription::flushBeforeClose);
    }

    /** See {@link StanConnection#subscribe}. */
    StanSubscription subscribe(SubscriptionSpec spec, StanMessageHandler handler) throws StanException {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(handler, "handler");
        link.ensureOpen("cannot subscribe to channel \"" + spec.channel() + "\"");
        String inbox = CoreNats.newInbox();
        SubscriptionDelivery delivery = new SubscriptionDelivery(handler);
        Dispatcher dispatcher = link.nats().createDispatcher(msg -> {
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
            live.put(subscription, dispatcher);
            if (!link.isOpen() && live.remove(subscription) != null) {
                subscription.markEnded();
                throw link.closed("subscription to channel \"" + spec.channel() + "\" ended by close");
            }
            return subscription;
        } catch (StanException | RuntimeException e) {
            link.closeDispatcher(dispatcher);
            throw e;
        } finally {
            if (subscription != null) {
                delivery.start(subscription);
            } else {
                delivery.abort();
            }
        }
    }

    /** Marks every live subscription ended and forgets them all; their dispatchers go with NATS. */
    void endAll() {
        live.keySet().forEach(StanSubscription::markEnded);
        live.clear();
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
        CompletableFuture<byte[]> reply = core.requestExtension(subject, body, settings.connectWait());
        byte[] payload;
        try {
            // requestExtension fails the future itself after the connect wait; this bound is a backstop
            payload = reply.get(settings.connectWait().toMillis() * 2 + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw timedOutSelective(request, inbox, subject, e.getCause());
        } catch (TimeoutException e) {
            reply.cancel(true);
            throw timedOutSelective(request, inbox, subject, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StanException(StanException.Kind.INTERRUPTED, "interrupted waiting for a reply on \""
                    + subject + "\"", e);
        }
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
        ConnectResponse response = server.get();
        if (!response.getSubCloseRequests().isEmpty()) {
            link.publishQuietly(response.getSubCloseRequests(),
                    ClientMessages.unsubscribe(settings.clientId(), request.getSubject(), inbox));
        }
        return new StanException(StanException.Kind.TIMEOUT, "timed out after " + settings.connectWait() + " on \""
                + subject + "\"", cause);
    }

    private SubscriptionResponse requestOrCloseByInbox(SubscriptionRequest request, String inbox) throws StanException {
        ConnectResponse response = server.get();
        try {
            return link.request(response.getSubRequests(), request.toByteArray(), SubscriptionResponse.parser(),
                    "SubscriptionResponse");
        } catch (StanException e) {
            if (e.kind() == StanException.Kind.TIMEOUT && !response.getSubCloseRequests().isEmpty()) {
                // the server may have created it after all: close it by its delivery inbox, as the Go client does
                link.publishQuietly(response.getSubCloseRequests(),
                        ClientMessages.unsubscribe(settings.clientId(), request.getSubject(), inbox));
            }
            throw e;
        }
    }

    private void end(StanSubscription subscription, boolean unsubscribe) throws StanException {
        Dispatcher dispatcher = live.remove(subscription);
        if (dispatcher == null) {
            return;
        }
        link.closeDispatcher(dispatcher);
        link.ensureOpen("cannot " + (unsubscribe ? "unsubscribe " : "close ") + subscription);
        ConnectResponse response = server.get();
        String subject = unsubscribe ? response.getUnsubRequests() : response.getSubCloseRequests();
        if (subject.isEmpty()) {
            throw new StanException(StanException.Kind.SERVER_ERROR, NOT_SUPPORTED + ": closing " + subscription);
        }
        byte[] request = ClientMessages.unsubscribe(settings.clientId(), subscription.channel(),
                subscription.ackInbox());
        SubscriptionResponse reply = link.request(subject, request, SubscriptionResponse.parser(),
                "SubscriptionResponse");
        if (!reply.getError().isEmpty()) {
            throw StanException.fromServer(StanException.Kind.SERVER_ERROR, reply.getError());
        }
    }
}
