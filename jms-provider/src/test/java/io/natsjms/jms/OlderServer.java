package io.natsjms.jms;

import io.natsjms.protocol.Subjects;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import java.time.Duration;

/**
 * A test server made to look like a STAN server without the natsjms extensions: it listens under
 * {@link #PREFIX} (configure it with {@code config.discoverPrefix(OlderServer.PREFIX)}), a relay passes
 * the provider's ConnectRequests on to it, and nothing answers the provider's extension requests
 * ("no responders").
 */
final class OlderServer {

    /** The discover prefix the older server listens under. */
    static final String PREFIX = "_OLD.discover";

    private OlderServer() {
    }

    /** Starts the relay in front of {@code server} and returns it. */
    static JmsTestServer behindRelay(JmsTestServer server) throws Exception {
        io.nats.client.Connection relay = server.track(Nats.connect(server.url()));
        String hidden = Subjects.forCluster(PREFIX, JmsTestServer.CLUSTER).discovery();
        Dispatcher forward = relay.createDispatcher(msg -> relay.publish(hidden, msg.getReplyTo(), msg.getData()));
        forward.subscribe(Subjects.forCluster(JmsTestServer.CLUSTER).discovery());
        relay.flush(Duration.ofSeconds(5));
        return server;
    }
}
