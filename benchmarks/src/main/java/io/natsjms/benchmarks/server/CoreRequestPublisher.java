package io.natsjms.benchmarks.server;

import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import java.time.Duration;

/**
 * The "acked publish" ceiling over core NATS: each 1 KB message goes out with a reply subject to a
 * responder that answers every one with a small ack, as a STAN server answers with a PubAck, but
 * without STAN, protobuf or a store. The responder has its own connection, as the server does.
 */
final class CoreRequestPublisher implements Publisher {

    /** The subject the responder listens on; the channel argument of {@link #publish} is ignored. */
    static final String SUBJECT = "bench.acked";

    /** About the size of a PubAck with a 30-character guid. */
    private static final byte[] ACK = new byte[32];

    private final Connection responder;
    private final Connection publisher;
    private final String inbox;
    private volatile AckWindow window;

    private CoreRequestPublisher(Connection responder, Connection publisher) {
        this.responder = responder;
        this.publisher = publisher;
        this.inbox = publisher.createInbox();
        Dispatcher replies = responder.createDispatcher(m -> responder.publish(m.getReplyTo(), ACK));
        replies.setPendingLimits(-1, -1);
        replies.subscribe(SUBJECT);
        Dispatcher acks = publisher.createDispatcher(m -> window.acked(null));
        acks.setPendingLimits(-1, -1);
        acks.subscribe(inbox);
    }

    static CoreRequestPublisher connect(String url) throws Exception {
        Connection responder = NatsClient.connect(url);
        Connection publisher = null;
        try {
            publisher = NatsClient.connect(url);
            CoreRequestPublisher result = new CoreRequestPublisher(responder, publisher);
            responder.flush(Duration.ofSeconds(10));
            publisher.flush(Duration.ofSeconds(10));
            return result;
        } catch (Exception e) {
            if (publisher != null) {
                publisher.close();
            }
            responder.close();
            throw e;
        }
    }

    @Override
    public void publish(String channel, byte[] data, AckWindow window) throws InterruptedException {
        this.window = window;
        window.acquire();
        publisher.publish(SUBJECT, inbox, data);
    }

    @Override
    public void close() throws InterruptedException {
        try {
            publisher.close();
        } finally {
            responder.close();
        }
    }
}
