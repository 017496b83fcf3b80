package io.natsjms.server.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.protocol.pb.StartPosition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A delivery whose publish fails (as when the NATS connection's outgoing queue is full) is pending
 * all the same, so it is redelivered at its ack wait instead of being skipped for ever. Runs the
 * engine over a transport that records what is published and fails the first publish to the
 * subscriber's inbox.
 */
class FailedDeliveryTest {

    private static final String INBOX = "inbox.subscriber";

    private final EngineFixture engine = new EngineFixture();

    @AfterEach
    void close() {
        engine.close();
    }

    @Test
    void aDeliveryWhosePublishFailedIsRedelivered() throws Exception {
        engine.start("failing", store -> store);
        engine.subscribe(INBOX, null, 10, 1, StartPosition.NewOnly);
        engine.transport.failNextPublishTo(INBOX);

        engine.publish("g1", "once");

        MsgProto redelivered = MsgProto.parseFrom(engine.transport.awaitOne(INBOX));
        assertThat(redelivered.getSequence()).isEqualTo(1);
        assertThat(redelivered.getRedelivered()).isTrue();
        assertThat(redelivered.getData().toStringUtf8()).isEqualTo("once");
    }
}
