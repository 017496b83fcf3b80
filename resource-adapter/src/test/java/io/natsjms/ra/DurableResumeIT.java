package io.natsjms.ra;

import static io.natsjms.ra.Harness.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.extension.ExtendWith;

/** A durable subscription outlives its activation: the next activation gets what was published meanwhile. */
@ExtendWith(HarnessExtension.class)
class DurableResumeIT {

    @ParameterizedTest(name = "clientId {0}")
    @ValueSource(strings = {"", "billing-app"})
    void resumesWhereTheUndeployedEndpointLeftOff(String clientId, Harness harness) throws Exception {
        FakeEndpointFactory first = new FakeEndpointFactory(null);
        NatsActivationSpec spec = durableSpec(harness, clientId);
        harness.activate(first, spec);
        harness.awaitSubscribers("orders", 1);
        harness.publish("orders", "a", "b");
        await().atMost(PATIENCE).until(() -> first.texts().size() == 2);
        await().atMost(PATIENCE).until(() -> harness.server.pending("orders") == 0);

        harness.deactivate(first, spec);
        await().atMost(PATIENCE).until(() -> harness.server.subscriptions("orders").stream().allMatch(s -> s.offline()));
        assertThat(harness.server.subscriptions("orders")).isNotEmpty().allSatisfy(s -> assertThat(s.durable()).isTrue());
        harness.publish("orders", "c", "d");

        FakeEndpointFactory second = new FakeEndpointFactory(null);
        harness.activate(second, durableSpec(harness, clientId));
        await().atMost(PATIENCE).until(() -> second.texts().size() >= 2);
        harness.publish("orders", "e");
        await().atMost(PATIENCE).until(() -> second.texts().size() >= 3);
        assertThat(second.texts()).containsExactly("c", "d", "e");
        assertThat(first.texts()).containsExactly("a", "b");
    }

    private static NatsActivationSpec durableSpec(Harness harness, String clientId) throws Exception {
        NatsActivationSpec spec = harness.spec("orders");
        spec.setSubscriptionDurability("Durable");
        spec.setSubscriptionName("billing");
        spec.setClientId(clientId);
        return spec;
    }
}
