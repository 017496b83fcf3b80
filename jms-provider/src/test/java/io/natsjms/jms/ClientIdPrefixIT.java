package io.natsjms.jms;

import static io.natsjms.jms.ClassicMessages.assertNothing;
import static io.natsjms.jms.ClassicMessages.receiveTexts;
import static io.natsjms.jms.ClassicMessages.send;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.server.streaming.ServerSnapshot;
import jakarta.jms.Connection;
import jakarta.jms.InvalidClientIDException;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import jakarta.jms.Topic;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The client-ID prefix: applications with different prefixes may use the same JMS client ID (and the
 * same durable subscription names) on one server without meeting, and the server's client list shows
 * whose each client is ({@code <prefix>_<JMS client ID>}).
 */
class ClientIdPrefixIT {

    @RegisterExtension
    static final JmsTestServer SERVER = new JmsTestServer();

    private final Deque<Connection> opened = new ArrayDeque<>();

    private Connection connect(String parameters) throws JMSException {
        Connection connection = new NatsConnectionFactory(SERVER.url() + "?clusterId=" + JmsTestServer.CLUSTER
                + parameters).createConnection();
        opened.push(connection);
        connection.start();
        return connection;
    }

    private static List<String> clientIds() {
        return SERVER.server().snapshot().clients().stream().map(ServerSnapshot.ClientView::id).toList();
    }

    @Test
    void twoApplicationsWithTheSameJmsClientIdDoNotCollide() throws Exception {
        Connection shop = connect("&clientId=billing&clientIdPrefix=shop");
        Connection warehouse = connect("&clientId=billing&clientIdPrefix=warehouse");

        assertThat(shop.getClientID()).isEqualTo("billing");
        assertThat(warehouse.getClientID()).isEqualTo("billing");
        assertThat(clientIds()).contains("shop_billing", "warehouse_billing");

        Session shopSession = shop.createSession();
        Session warehouseSession = warehouse.createSession();
        Topic topic = shopSession.createTopic("invoices");
        MessageConsumer shopDurable = shopSession.createDurableConsumer(topic, "all");
        MessageConsumer warehouseDurable = warehouseSession.createDurableConsumer(topic, "all");
        send(shopSession, topic, "i1", "i2");

        assertThat(receiveTexts(shopDurable, 2)).containsExactly("i1", "i2");
        assertThat(receiveTexts(warehouseDurable, 2)).containsExactly("i1", "i2");
        // each application's durable "all" is its own: unsubscribing one leaves the other
        shopDurable.close();
        shopSession.unsubscribe("all");
        send(shopSession, topic, "i3");
        assertThat(receiveTexts(warehouseDurable, 1)).containsExactly("i3");
    }

    @Test
    void theSameJmsClientIdAndPrefixIsOneClient() throws Exception {
        connect("&clientId=billing&clientIdPrefix=shop");
        assertThatThrownBy(() -> connect("&clientId=billing&clientIdPrefix=shop"))
                .isInstanceOf(InvalidClientIDException.class);
    }

    @Test
    void withoutAClientIdTheGeneratedIdCarriesThePrefix() throws Exception {
        Connection connection = connect("&clientIdPrefix=shop");
        assertThat(connection.getClientID()).isNull();
        assertThat(clientIds()).anySatisfy(id -> assertThat(id).startsWith("shop_natsjms-"));
    }

    @Test
    void byDefaultTheStanClientIdIsTheJmsClientId() throws Exception {
        connect("&clientId=reports");
        assertThat(clientIds()).contains("reports");
    }

    @Test
    void noneKeepsTheBareJmsClientId() throws Exception {
        connect("&clientId=legacy&clientIdPrefix=none");
        assertThat(clientIds()).contains("legacy");
    }

    @Test
    void aBadPrefixIsRefusedByName() {
        assertThatThrownBy(() -> new NatsConnectionFactory(SERVER.url() + "?clientIdPrefix=a_b"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("clientIdPrefix: \"a_b\" (expected: 1 to 64 letters, digits and '-', or none)");
    }

    @AfterEach
    void close() throws JMSException {
        while (!opened.isEmpty()) {
            opened.pop().close();
        }
    }
}
