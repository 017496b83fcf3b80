package io.natsjms.ra;

import static io.natsjms.ra.Harness.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A failed delivery (exception or rolled-back container transaction) is delivered again, then acknowledged. */
@ExtendWith(HarnessExtension.class)
class InboundRedeliveryIT {

    @Test
    void anExceptionFromOnMessageLeadsToARedelivery(Harness harness) throws Exception {
        FakeEndpointFactory mdb = new FakeEndpointFactory(null);
        mdb.behave(message -> {
            if (message.getIntProperty("JMSXDeliveryCount") == 1) {
                throw new IllegalStateException("first attempt fails");
            }
        });
        harness.activate(mdb, harness.spec("orders"));
        harness.awaitSubscribers("orders", 1);

        harness.publish("orders", "a", "b");

        await().atMost(PATIENCE).until(() -> mdb.texts().size() == 4);
        assertThat(mdb.deliveries()).extracting(FakeEndpointFactory.Delivery::text,
                FakeEndpointFactory.Delivery::deliveryCount, FakeEndpointFactory.Delivery::redelivered)
                .containsExactly(
                        tuple("a", 1, false), tuple("a", 2, true),
                        tuple("b", 1, false), tuple("b", 2, true));
        await().atMost(PATIENCE).until(() -> harness.server.pending("orders") == 0);
        assertThat(mdb.protocolErrors()).isEmpty();
    }

    @Test
    void aRolledBackContainerTransactionLeadsToARedelivery(Harness harness) throws Exception {
        FakeEndpointFactory mdb = new FakeEndpointFactory(harness.transactions);
        mdb.behave(message -> {
            if (message.getIntProperty("JMSXDeliveryCount") == 1) {
                harness.transactions.setRollbackOnly();
            }
        });
        harness.activate(mdb, harness.spec("orders"));
        harness.awaitSubscribers("orders", 1);

        harness.publish("orders", "a");

        await().atMost(PATIENCE).until(() -> mdb.texts().size() == 2);
        assertThat(mdb.deliveries()).extracting(FakeEndpointFactory.Delivery::deliveryCount).containsExactly(1, 2);
        await().atMost(PATIENCE).until(() -> harness.server.pending("orders") == 0);
    }

    @Test
    void anExceptionInsideAContainerTransactionLeadsToARedelivery(Harness harness) throws Exception {
        FakeEndpointFactory mdb = new FakeEndpointFactory(harness.transactions);
        mdb.behave(message -> {
            if (message.getIntProperty("JMSXDeliveryCount") < 3) {
                throw new IllegalStateException("attempt " + message.getIntProperty("JMSXDeliveryCount") + " fails");
            }
        });
        harness.activate(mdb, harness.spec("orders"));
        harness.awaitSubscribers("orders", 1);

        harness.publish("orders", "a");

        await().atMost(PATIENCE).until(() -> mdb.texts().size() == 3);
        assertThat(mdb.deliveries()).extracting(FakeEndpointFactory.Delivery::deliveryCount).containsExactly(1, 2, 3);
        await().atMost(PATIENCE).until(() -> harness.server.pending("orders") == 0);
        assertThat(mdb.protocolErrors()).isEmpty();
    }
}
