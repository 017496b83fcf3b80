package io.natsjms.server;

import io.nats.client.Connection;
import io.nats.client.ErrorListener;
import io.nats.client.Nats;
import io.nats.streaming.NatsStreaming;
import io.nats.streaming.Options;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import io.natsjms.server.config.ConfigFile;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.server.streaming.ServerSnapshot;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * An application confined to its channels by NATS permissions, with the official STAN client, as the
 * server README's example configures it: it publishes and subscribes to {@code orders}, a publish to
 * {@code billing} is refused by the broker with the permissions error (nothing stored), and the
 * streaming server's own connection is not restricted by any of it.
 */
class StanPermissionsIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    /** The README's example, for the cluster "shop". */
    static final String CONFIG = """
            streaming { cluster_id: shop }
            authorization {
              users = [
                { user: orders_app, password: "orders-secret",
                  permissions: {
                    publish: [
                      "_STAN.discover.shop", "_STAN.discover.shop.pings",
                      "_STAN.pub.shop.orders", "_STAN.pub.shop.orders.>",
                      "_STAN.sub.shop", "_STAN.unsub.shop", "_STAN.subclose.shop", "_STAN.close.shop",
                      "_STAN.ack.shop.>", "_INBOX.>"
                    ]
                    subscribe: ["_INBOX.>", "_STAN.acks.>"]
                  }
                }
                { user: admin, password: "admin-secret" }
              ]
            }
            """;

    private static NatsjmsServer start() throws Exception {
        ServerConfig.Builder builder = ServerConfig.builder().host("127.0.0.1").port(0);
        ConfigFile.parse(CONFIG, "permissions.conf").applyTo(builder);
        return NatsjmsServer.start(builder.build());
    }

    private static Connection nats(NatsjmsServer server, String user, String password, List<String> errors)
            throws Exception {
        return Nats.connect(new io.nats.client.Options.Builder().server("nats://127.0.0.1:" + server.natsPort())
                .userInfo(user, password).maxReconnects(0).errorListener(new ErrorListener() {
                    @Override
                    public void errorOccurred(Connection conn, String error) {
                        errors.add(error);
                    }
                }).build());
    }

    private static StreamingConnection stan(Connection nc, String clientId) throws Exception {
        return NatsStreaming.connect("shop", clientId, new Options.Builder().natsConn(nc).connectWait(WAIT)
                .pubAckWait(Duration.ofSeconds(2)).build());
    }

    @Test
    void applicationWorksOnItsChannelAndIsRefusedOnOthers() throws Exception {
        List<String> errors = new CopyOnWriteArrayList<>();
        try (NatsjmsServer server = start();
             Connection nc = nats(server, "orders_app", "orders-secret", errors);
             StreamingConnection app = stan(nc, "orders-app")) {
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            app.subscribe("orders", m -> received.add(new String(m.getData(), StandardCharsets.UTF_8)),
                    new SubscriptionOptions.Builder().deliverAllAvailable().durableName("d").build());
            app.publish("orders", "order 1".getBytes(StandardCharsets.UTF_8));
            assertThat(received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo("order 1");

            assertThatThrownBy(() -> app.publish("billing", "invoice".getBytes(StandardCharsets.UTF_8)))
                    .as("no PubAck: the broker dropped the publish").isNotNull();
            await().atMost(WAIT).until(() -> !errors.isEmpty());
            assertThat(errors).anySatisfy(e -> assertThat(e)
                    .contains("Permissions Violation for Publish to \"_STAN.pub.shop.billing\""));
            assertThat(nc.getStatus()).isEqualTo(Connection.Status.CONNECTED);
            assertThat(server.snapshot().channels()).extracting(ServerSnapshot.ChannelView::name)
                    .containsExactly("orders");

            app.publish("orders", "order 2".getBytes(StandardCharsets.UTF_8));
            assertThat(received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("still served").isEqualTo("order 2");
        }
    }

    @Test
    void unrestrictedUserPublishesAnywhere() throws Exception {
        List<String> errors = new CopyOnWriteArrayList<>();
        try (NatsjmsServer server = start();
             Connection nc = nats(server, "admin", "admin-secret", errors);
             StreamingConnection admin = stan(nc, "admin")) {
            admin.publish("billing", "invoice".getBytes(StandardCharsets.UTF_8));
            admin.publish("orders", "order".getBytes(StandardCharsets.UTF_8));
            assertThat(server.snapshot().channels()).extracting(ServerSnapshot.ChannelView::name)
                    .containsExactlyInAnyOrder("billing", "orders");
            assertThat(errors).isEmpty();
        }
    }

    @Test
    void unknownUserIsRefused() throws Exception {
        try (NatsjmsServer server = start()) {
            assertThatThrownBy(() -> nats(server, "orders_app", "wrong", new CopyOnWriteArrayList<>()))
                    .hasMessageContaining("Authorization Violation");
        }
    }
}
