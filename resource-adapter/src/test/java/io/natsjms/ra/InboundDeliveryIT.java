package io.natsjms.ra;

import static io.natsjms.ra.Harness.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.natsjms.server.streaming.ServerSnapshot.SubscriptionView;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import jakarta.resource.spi.work.HintsContext;
import jakarta.resource.spi.work.WorkContextProvider;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Activations deliver through before/onMessage/afterDelivery on work-manager threads and acknowledge afterwards. */
@ExtendWith(HarnessExtension.class)
class InboundDeliveryIT {

    @AfterEach
    void forgetNames() {
        TestNaming.uninstall();
    }

    @Test
    void deliversInOrderOnWorkManagerThreadsAndAcknowledges(Harness harness) throws Exception {
        FakeEndpointFactory mdb = new FakeEndpointFactory(null);
        harness.activate(mdb, harness.spec("orders"));
        harness.awaitSubscribers("orders", 1);

        harness.publish("orders", "a", "b", "c");

        await().atMost(PATIENCE).until(() -> mdb.texts().size() == 3);
        assertThat(mdb.texts()).containsExactly("a", "b", "c");
        assertThat(mdb.deliveries()).allSatisfy(delivery -> {
            assertThat(delivery.thread()).startsWith(FakeWorkManager.THREAD_PREFIX);
            assertThat(delivery.deliveryCount()).isEqualTo(1);
            assertThat(delivery.redelivered()).isFalse();
        });
        await().atMost(PATIENCE).until(() -> harness.server.pending("orders") == 0);
        assertThat(mdb.protocolErrors()).isEmpty();
        assertThat(harness.workManager.works()).anySatisfy(work -> assertThat(((WorkContextProvider) work)
                .getWorkContexts()).anySatisfy(context -> assertThat(((HintsContext) context).getHints())
                .containsEntry(HintsContext.LONGRUNNING_HINT, true)));
    }

    @Test
    void acknowledgesOnlyOnceOnMessageReturned(Harness harness) throws Exception {
        CountDownLatch finish = new CountDownLatch(1);
        FakeEndpointFactory mdb = new FakeEndpointFactory(null);
        mdb.behave(message -> finish.await(PATIENCE.toSeconds(), TimeUnit.SECONDS));
        harness.activate(mdb, harness.spec("orders"));
        harness.awaitSubscribers("orders", 1);

        harness.publish("orders", "slow");
        await().atMost(PATIENCE).until(() -> mdb.texts().size() == 1);
        assertThat(harness.server.pending("orders")).isEqualTo(1);

        finish.countDown();
        await().atMost(PATIENCE).until(() -> harness.server.pending("orders") == 0);
    }

    @Test
    void appliesTheSelectorMaxInFlightAndAckWait(Harness harness) throws Exception {
        FakeEndpointFactory mdb = new FakeEndpointFactory(null);
        NatsActivationSpec spec = harness.spec("paints");
        spec.setMessageSelector("color = 'red'");
        spec.setMaxInFlight(7);
        spec.setAckWait(3);
        harness.activate(mdb, spec);
        harness.awaitSubscribers("paints", 1);

        SubscriptionView subscription = harness.server.subscriptions("paints").get(0);
        assertThat(subscription.maxInFlight()).isEqualTo(7);
        assertThat(subscription.ackWaitSeconds()).isEqualTo(3);

        Session session = harness.session();
        MessageProducer producer = session.createProducer(session.createTopic("paints"));
        for (String color : List.of("blue", "red", "green", "red")) {
            TextMessage message = session.createTextMessage(color);
            message.setStringProperty("color", color);
            producer.send(message);
        }
        producer.send(session.createTextMessage("end"));
        await().atMost(PATIENCE).until(() -> harness.server.pending("paints") == 0
                && harness.server.subscriptions("paints").get(0).lastSent() == 5);
        assertThat(mdb.texts()).containsExactly("red", "red");
    }

    @Test
    void deactivationReleasesEveryEndpointAndEndsANonDurableSubscription(Harness harness) throws Exception {
        FakeEndpointFactory mdb = new FakeEndpointFactory(null);
        NatsActivationSpec spec = harness.spec("orders");
        spec.setMaxSession(2);
        harness.activate(mdb, spec);
        harness.awaitSubscribers("orders", 2);

        harness.deactivate(mdb, spec);

        assertThat(mdb.endpointsCreated()).isEqualTo(2);
        assertThat(mdb.endpointsReleased()).isEqualTo(2);
        await().atMost(PATIENCE).until(() -> harness.server.subscriptions("orders").isEmpty());
        assertThat(mdb.protocolErrors()).isEmpty();
    }

    @Test
    void consumesAQueueFromItsFirstWaitingMessage(Harness harness) throws Exception {
        harness.publish("work", "w1", "w2");
        FakeEndpointFactory mdb = new FakeEndpointFactory(null);
        NatsActivationSpec spec = harness.spec("work");
        spec.setDestinationType("jakarta.jms.Queue");
        harness.activate(mdb, spec);

        await().atMost(PATIENCE).until(() -> mdb.texts().size() == 2);
        assertThat(mdb.texts()).containsExactly("w1", "w2");
        await().atMost(PATIENCE).until(() -> harness.server.pending("work") == 0);
    }

    @Test
    void findsTheDestinationThroughItsJndiName(Harness harness) throws Exception {
        TestNaming.install();
        NatsQueue queue = new NatsQueue();
        queue.setName("jobs");
        TestNaming.bind("java:/jms/jobs", queue);
        harness.publish("jobs", "j1");

        FakeEndpointFactory mdb = new FakeEndpointFactory(null);
        NatsActivationSpec spec = harness.spec(null);
        spec.setDestinationLookup("java:/jms/jobs");
        harness.activate(mdb, spec);

        await().atMost(PATIENCE).until(() -> mdb.texts().size() == 1);
        assertThat(mdb.texts()).containsExactly("j1");
        assertThat(harness.server.subscriptions("jobs")).singleElement()
                .satisfies(subscription -> assertThat(subscription.queueName()).contains("jobs"));
    }
}
