package io.natsjms.jms;

import io.natsjms.server.NatsjmsServer;
import io.natsjms.server.broker.BrokerUser;
import io.natsjms.server.broker.Permissions;
import io.natsjms.server.broker.SubjectPermission;
import io.natsjms.server.config.SecuritySettings;
import io.natsjms.server.config.ServerConfig;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSSecurityRuntimeException;
import jakarta.jms.Topic;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A JMS application confined to its channels by the broker's permissions: its sends to its own channel
 * work, a send to another channel fails at once with a JMS security exception naming the channel (not
 * after the PubAck timeout), and the connection goes on working.
 */
class PermissionsIT {

    private static final String C = "c";

    /** What a JMS client needs for channel {@code orders} only (see the server README). */
    private static final BrokerUser ORDERS_APP = new BrokerUser("orders_app", "secret", new Permissions(
            SubjectPermission.allowOnly(List.of("_STAN.discover." + C, "_STAN.discover." + C + ".>",
                    "_STAN.pub." + C + ".orders", "_STAN.pub." + C + "._natsjms.>", "_STAN.sub." + C,
                    "_STAN.unsub." + C, "_STAN.subclose." + C, "_STAN.close." + C, "_STAN.ack." + C + ".>",
                    "_INBOX.>")),
            SubjectPermission.allowOnly(List.of("_INBOX.>", "_STAN.acks.>"))));

    @Test
    void sendToADeniedChannelFailsAtOnceWithASecurityException() throws Exception {
        ServerConfig config = ServerConfig.builder().clusterId(C).host("127.0.0.1").port(0)
                .security(SecuritySettings.none().withUsers(List.of(ORDERS_APP))).build();
        try (NatsjmsServer server = NatsjmsServer.start(config)) {
            NatsConnectionFactory factory = new NatsConnectionFactory("nats://127.0.0.1:" + server.natsPort()
                    + "?clusterId=" + C + "&pubAckTimeout=30000");
            factory.setUser("orders_app");
            factory.setPassword("secret");
            try (JMSContext context = factory.createContext()) {
                Topic orders = context.createTopic("orders");
                var consumer = context.createConsumer(orders);
                context.createProducer().send(orders, "order 1");
                assertThat(consumer.receiveBody(String.class, 10_000)).isEqualTo("order 1");

                long start = System.nanoTime();
                assertThatThrownBy(() -> context.createProducer().send(context.createTopic("billing"), "invoice"))
                        .isInstanceOf(JMSSecurityRuntimeException.class)
                        .hasMessageContaining("may not publish to channel \"billing\"")
                        .hasMessageContaining("Permissions Violation for Publish to \"_STAN.pub.c.billing\"");
                assertThat(Duration.ofNanos(System.nanoTime() - start)).as("long before the PubAck timeout")
                        .isLessThan(Duration.ofSeconds(20));

                context.createProducer().send(orders, "order 2");
                assertThat(consumer.receiveBody(String.class, 10_000)).isEqualTo("order 2");
            }
            assertThat(server.snapshot().channels()).extracting(c -> c.name()).containsExactly("orders");
        }
    }
}
