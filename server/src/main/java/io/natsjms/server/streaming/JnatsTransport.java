package io.natsjms.server.streaming;

import io.nats.client.Connection;
import io.nats.client.Consumer;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.NUID;
import io.nats.client.Options;
import io.nats.client.impl.ErrorListenerLoggerImpl;
import io.natsjms.server.FatalErrors;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A {@link Transport} over one jnats connection with one dispatcher for all subscriptions.
 *
 * <p>Handlers run on the dispatcher's thread and may block it (the engine does when its input queue is
 * full). Messages then wait in the dispatcher, up to {@link #MAX_PENDING_MESSAGES} and
 * {@link #MAX_PENDING_BYTES}; past that, jnats drops what arrives (and counts it as a slow consumer)
 * instead of buffering without bound. For STAN that is safe: a dropped publish was never
 * acknowledged, so its publisher times out and may send it again; a dropped ack only means a
 * redelivery; a dropped request times out at its client.
 */
final class JnatsTransport implements Transport {

    private static final System.Logger LOG = System.getLogger(JnatsTransport.class.getName());
    /** Messages the dispatcher holds for the engine at most, before it drops new ones (as in process). */
    static final int MAX_PENDING_MESSAGES = InboundQueue.MAX_PENDING_MESSAGES;
    /** Payload bytes the dispatcher holds for the engine at most, before it drops new ones (as in process). */
    static final long MAX_PENDING_BYTES = InboundQueue.MAX_PENDING_BYTES;

    private final Connection connection;
    private final Dispatcher dispatcher;
    private final NUID nuid = new NUID();

    private JnatsTransport(Connection connection) {
        this.connection = connection;
        this.dispatcher = connection.createDispatcher();
        this.dispatcher.setPendingLimits(MAX_PENDING_MESSAGES, MAX_PENDING_BYTES);
    }

    /**
     * Connects to {@code url}. Reconnects forever, but buffers nothing while disconnected, so that
     * stale redeliveries are not flushed after a reconnect.
     */
    static JnatsTransport connect(String url, String name, String user, String password, String token,
                                  SSLContext tls) throws IOException, InterruptedException {
        Options.Builder options = new Options.Builder()
                .server(url)
                .connectionName(name)
                // several URLs (-ns a,b,c) are tried in the order given, as the user listed them
                .noRandomize()
                // a loaded machine can take more than jnats' default 2 s to complete the handshake
                .connectionTimeout(Duration.ofSeconds(10))
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(250))
                .reconnectBufferSize(0)
                .maxMessagesInOutgoingQueue(1_000_000)
                .noEcho()
                .errorListener(new ErrorListenerLoggerImpl() {
                    @Override
                    public void slowConsumerDetected(Connection conn, Consumer consumer) {
                        LOG.log(Level.WARNING, "the engine falls behind its input: messages to it are being"
                                + " dropped (" + consumer.getDroppedCount() + " so far); their publishes are"
                                + " not acknowledged");
                    }
                });
        if (tls != null) {
            options.sslContext(tls);
        }
        if (token != null) {
            options.token(token.toCharArray());
        } else if (user != null) {
            options.userInfo(user.toCharArray(), password == null ? new char[0] : password.toCharArray());
        }
        return new JnatsTransport(Nats.connect(options.build()));
    }

    @Override
    public void subscribe(String subject, Handler handler) {
        dispatcher.subscribe(subject, msg -> {
            try {
                handler.onMessage(msg.getSubject(), msg.getReplyTo(), msg.getData());
            } catch (Error e) {
                // jnats would let the error end its dispatcher thread without a word
                FatalErrors.report(e);
                throw e;
            }
        });
    }

    @Override
    public void publish(String subject, byte[] data) {
        try {
            connection.publish(subject, data);
        } catch (IllegalArgumentException | IllegalStateException e) {
            DroppedSends.log(subject, data, e);
        }
    }

    @Override
    public CompletableFuture<byte[]> request(String subject, byte[] data, Duration timeout) {
        // jnats only expires unanswered requests on its cleanup timer (every 5 s by default), far
        // later than heartbeat and duplicate-check timeouts: time the future out here.
        CompletableFuture<io.nats.client.Message> sent;
        try {
            sent = connection.requestWithTimeout(subject, data, timeout);
        } catch (IllegalArgumentException | IllegalStateException e) {
            LOG.log(Level.WARNING, () -> "could not send a request to \"" + subject + "\": " + e.getMessage());
            return CompletableFuture.failedFuture(e);
        }
        return sent
                .orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS)
                .thenApply(msg -> {
                    if (msg.isStatusMessage()) {
                        throw new IllegalStateException("no reply on " + subject + ": status "
                                + msg.getStatus().getCode());
                    }
                    return msg.getData();
                });
    }

    @Override
    public void flush(Duration timeout) {
        try {
            connection.flush(timeout);
        } catch (TimeoutException e) {
            throw new IllegalStateException("NATS flush did not complete within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while flushing to NATS", e);
        }
    }

    @Override
    public long maxPayload() {
        return connection.getMaxPayload();
    }

    @Override
    public String uniqueToken() {
        return nuid.next();
    }

    @Override
    public boolean connected() {
        return connection.getStatus() == Connection.Status.CONNECTED;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
