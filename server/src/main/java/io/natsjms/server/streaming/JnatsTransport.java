package io.natsjms.server.streaming;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.NUID;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A {@link Transport} over one jnats connection with one dispatcher for all subscriptions. */
final class JnatsTransport implements Transport {

    private final Connection connection;
    private final Dispatcher dispatcher;
    private final NUID nuid = new NUID();

    private JnatsTransport(Connection connection) {
        this.connection = connection;
        this.dispatcher = connection.createDispatcher();
        // Internal subscriptions must not drop messages: acks and publishes are all needed.
        this.dispatcher.setPendingLimits(-1, -1);
    }

    /**
     * Connects to {@code url}. Reconnects forever, but buffers nothing while disconnected, so that
     * stale redeliveries are not flushed after a reconnect.
     */
    static JnatsTransport connect(String url, String name, String user, String password, String token)
            throws IOException, InterruptedException {
        Options.Builder options = new Options.Builder()
                .server(url)
                .connectionName(name)
                // several URLs are tried in the order given: the embedded broker's internal listener first
                .noRandomize()
                // a loaded machine can take more than jnats' default 2 s to complete the handshake
                .connectionTimeout(Duration.ofSeconds(10))
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(250))
                .reconnectBufferSize(0)
                .maxMessagesInOutgoingQueue(1_000_000)
                .noEcho();
        if (token != null) {
            options.token(token.toCharArray());
        } else if (user != null) {
            options.userInfo(user.toCharArray(), password == null ? new char[0] : password.toCharArray());
        }
        return new JnatsTransport(Nats.connect(options.build()));
    }

    @Override
    public void subscribe(String subject, Handler handler) {
        dispatcher.subscribe(subject, msg -> handler.onMessage(msg.getSubject(), msg.getReplyTo(), msg.getData()));
    }

    @Override
    public void publish(String subject, byte[] data) {
        connection.publish(subject, data);
    }

    @Override
    public CompletableFuture<byte[]> request(String subject, byte[] data, Duration timeout) {
        // jnats only expires unanswered requests on its cleanup timer (every 5 s by default), far
        // later than heartbeat and duplicate-check timeouts: time the future out here.
        return connection.requestWithTimeout(subject, data, timeout)
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
    public String uniqueToken() {
        return nuid.next();
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
