package io.natsjms.arquillian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.natsjms.arquillian.app.DurableOrdersMdb;
import io.natsjms.arquillian.app.FailingMdb;
import io.natsjms.arquillian.app.Overlap;
import io.natsjms.arquillian.app.ReplayMdb;
import io.natsjms.arquillian.app.ResumingMdb;
import io.natsjms.arquillian.app.SendServlet;
import io.natsjms.arquillian.app.WorkQueueMdb;
import io.natsjms.arquillian.app.XaRowMdb;
import io.natsjms.arquillian.app.XaSender;
import io.natsjms.server.streaming.ServerSnapshot.SubscriptionView;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.OperateOnDeployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.ResourceAdapterArchive;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The natsjms rar in the application server of this run: message-driven beans (durable, resumed after a
 * redeployment, dead-lettering, replaying, concurrent on a queue), transactional sends from an EJB, and XA:
 * an MDB's database row and the message's acknowledgement in one container transaction, an EJB's row and
 * sent message in one.
 * The tests run in the test JVM, publish and consume through the provider against the streaming server
 * there, and read what the beans saw over HTTP.
 */
@ExtendWith({StreamingServerExtension.class, ArquillianExtension.class})
@RunAsClient
class ResourceAdapterIT {

    private static final Duration DELIVERY = Duration.ofSeconds(60);
    private static final String APP = "natsjms-it";
    private static final String RESUME_APP = "natsjms-it-resume";
    private static final String REPLAY_APP = "natsjms-it-replay";
    private static final String XA_APP = "natsjms-it-xa";
    private static final String XA_SENT = "it.xa.sent";
    private static final String OUTBOUND = "it.outbound";

    @ArquillianResource
    private Deployer deployer;
    @ArquillianResource
    @OperateOnDeployment("app")
    private URL app;

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive adapter() {
        return TestApp.adapter();
    }

    @Deployment(name = "app", order = 2, testable = false)
    static WebArchive app() {
        return TestApp.named(APP).with(DurableOrdersMdb.class, FailingMdb.class, WorkQueueMdb.class, Overlap.class)
                .outbound(SendServlet.class).build();
    }

    @Deployment(name = "resume", managed = false, testable = false)
    static WebArchive resume() {
        return TestApp.named(RESUME_APP).with(ResumingMdb.class).build();
    }

    @Deployment(name = "replay", managed = false, testable = false)
    static WebArchive replay() {
        return TestApp.named(REPLAY_APP).with(ReplayMdb.class).build();
    }

    @Deployment(name = "xa", managed = false, testable = false)
    static WebArchive xa() {
        return TestApp.named(XA_APP).xa().build();
    }

    @Test
    void mdbConsumesAChannelAsDurableSubscriber(Streaming streaming) throws Exception {
        String channel = DurableOrdersMdb.CHANNEL;
        await().atMost(DELIVERY).untilAsserted(() -> assertThat(streaming.subscriptions(channel))
                .anySatisfy(sub -> assertActiveDurable(sub, DurableOrdersMdb.SUBSCRIPTION)));

        List<String> orders = List.of("order-1", "order-2", "order-3");
        streaming.publish(channel, orders);

        Records records = new Records(app.toURI());
        await().atMost(DELIVERY).untilAsserted(() -> assertThat(records.of(channel)).containsExactlyElementsOf(orders));
    }

    @Test
    void redeployedMdbReceivesWhatItMissedInOrder(Streaming streaming) throws Exception {
        String channel = ResumingMdb.CHANNEL;
        Records records = new Records(sibling(RESUME_APP));
        List<String> missed = IntStream.range(0, 20).mapToObj(i -> "missed-" + i).toList();
        whileDeployed("resume", () -> {
            await().atMost(DELIVERY).untilAsserted(() -> assertThat(streaming.subscriptions(channel))
                    .anySatisfy(sub -> assertActiveDurable(sub, ResumingMdb.SUBSCRIPTION)));
            streaming.publish(channel, List.of("live"));
            await().atMost(DELIVERY).untilAsserted(() -> assertThat(records.of(channel)).containsExactly("live"));
            await().atMost(DELIVERY).until(() -> streaming.unacknowledged(channel) == 0);
        });
        await().atMost(DELIVERY).untilAsserted(() -> assertThat(streaming.subscriptions(channel)).isNotEmpty()
                .allSatisfy(sub -> assertThat(sub.offline()).as("offline after undeploy: %s", sub).isTrue()));

        streaming.publish(channel, missed);
        whileDeployed("resume", () -> await().atMost(DELIVERY)
                .untilAsserted(() -> assertThat(records.of(channel)).containsExactlyElementsOf(missed)));
    }

    @Test
    void failingMessageIsRedeliveredThenDeadLettered(Streaming streaming) throws Exception {
        String channel = FailingMdb.CHANNEL;
        Records records = new Records(app.toURI());
        try (JMSContext client = streaming.context();
                JMSConsumer deadLetters = client.createConsumer(client.createTopic(FailingMdb.DEAD_LETTERS))) {
            streaming.publish(channel, List.of("poison"));

            List<String> deliveries = IntStream.rangeClosed(1, FailingMdb.MAX_REDELIVERIES + 1)
                    .mapToObj(n -> "poison " + n + " " + (n > 1)).toList();
            await().atMost(DELIVERY)
                    .untilAsserted(() -> assertThat(records.of(channel)).containsExactlyElementsOf(deliveries));

            Message dead = deadLetters.receive(DELIVERY.toMillis());
            assertThat(dead).as("dead letter on %s", FailingMdb.DEAD_LETTERS).isNotNull();
            assertThat(dead.getBody(String.class)).isEqualTo("poison");
            assertThat(dead.getIntProperty("JMS_natsjms_deliveryCount")).isEqualTo(FailingMdb.MAX_REDELIVERIES + 1);
            assertThat(dead.getStringProperty("JMS_natsjms_originalDestination")).contains(channel);
        }
        await().atMost(DELIVERY).until(() -> streaming.unacknowledged(channel) == 0);
        assertThat(records.of(channel)).hasSize(FailingMdb.MAX_REDELIVERIES + 1);
    }

    @Test
    void mdbStartingAtFirstReplaysTheWholeHistory(Streaming streaming) throws Exception {
        String channel = ReplayMdb.CHANNEL;
        List<String> history = IntStream.range(0, 20).mapToObj(i -> "event-" + i).toList();
        streaming.publish(channel, history);

        Records records = new Records(sibling(REPLAY_APP));
        whileDeployed("replay", () -> await().atMost(DELIVERY)
                .untilAsserted(() -> assertThat(records.of(channel)).containsExactlyElementsOf(history)));
    }

    @Test
    void ejbSendsOnCommitAndNotOnRollback(Streaming streaming) throws Exception {
        Records records = new Records(app.toURI());
        try (JMSContext client = streaming.context();
                JMSConsumer consumer = client.createConsumer(client.createTopic(OUTBOUND))) {
            assertThat(records.post("send", Map.of("channel", OUTBOUND, "text", "rolled-back", "outcome", "rollback")))
                    .isEqualTo("rollback");
            assertThat(records.post("send", Map.of("channel", OUTBOUND, "text", "committed", "outcome", "commit")))
                    .isEqualTo("commit");

            Message first = consumer.receive(DELIVERY.toMillis());
            assertThat(first).as("message on %s", OUTBOUND).isNotNull();
            assertThat(first.getBody(String.class)).isEqualTo("committed");
        }
        assertThat(streaming.messageCount(OUTBOUND)).as("messages stored in %s", OUTBOUND).isEqualTo(1);
    }

    @Test
    void queueMdbProcessesInParallelEachMessageOnce(Streaming streaming) throws Exception {
        String queue = WorkQueueMdb.QUEUE;
        Records records = new Records(app.toURI());
        List<String> work = IntStream.range(0, 40).mapToObj(i -> "job-" + i).toList();
        streaming.sendToQueue(queue, work);

        await().atMost(DELIVERY)
                .untilAsserted(() -> assertThat(records.of(queue)).hasSizeGreaterThanOrEqualTo(work.size()));
        await().atMost(DELIVERY).until(() -> streaming.unacknowledged(queue) == 0);
        List<String> processed = records.of(queue);
        assertThat(processed.stream().map(line -> line.split(" ")[0])).containsExactlyInAnyOrderElementsOf(work);
        assertThat(processed.stream().mapToInt(line -> Integer.parseInt(line.split(" ")[1])).max().orElse(0))
                .as("most deliveries in progress at once").isBetween(2, WorkQueueMdb.MAX_SESSION);
    }

    @Test
    void mdbWritesItsRowInTheContainerTransactionAndAPoisonMessageLeavesNone(Streaming streaming) throws Exception {
        assumeXa();
        String channel = XaRowMdb.CHANNEL;
        URI application = sibling(XA_APP);
        Records records = new Records(application);
        whileDeployed("xa", () -> {
            await().atMost(DELIVERY).until(() -> !streaming.subscriptions(channel).isEmpty());
            try (JMSContext client = streaming.context();
                    JMSConsumer deadLetters = client.createConsumer(client.createTopic(XaRowMdb.DEAD_LETTERS))) {
                streaming.publish(channel, List.of("row-1", XaRowMdb.POISON + "-1", "row-2"));

                List<String> poisonDeliveries = IntStream.rangeClosed(1, XaRowMdb.MAX_REDELIVERIES + 1)
                        .mapToObj(n -> XaRowMdb.POISON + "-1 " + n + " " + (n > 1)).toList();
                await().atMost(DELIVERY).untilAsserted(() -> assertThat(records.of(channel))
                        .containsAll(poisonDeliveries).contains("row-1 1 false", "row-2 1 false"));
                Message dead = deadLetters.receive(DELIVERY.toMillis());
                assertThat(dead).as("dead letter on %s", XaRowMdb.DEAD_LETTERS).isNotNull();
                assertThat(dead.getBody(String.class)).isEqualTo(XaRowMdb.POISON + "-1");
                assertThat(dead.getIntProperty("JMS_natsjms_deliveryCount")).isEqualTo(XaRowMdb.MAX_REDELIVERIES + 1);
                assertThat(dead.getStringProperty("JMS_natsjms_deadLetterReason")).isNotBlank();
            }
            await().atMost(DELIVERY).until(() -> streaming.unacknowledged(channel) == 0);
            assertThat(records.lines("xa", "source", XaRowMdb.SOURCE)).as("committed rows")
                    .containsExactly("row-1", "row-2");
            assertThat(records.of(channel)).as("deliveries").hasSize(XaRowMdb.MAX_REDELIVERIES + 3);
        });
    }

    @Test
    void ejbWritesARowAndSendsAMessageInOneTransaction(Streaming streaming) throws Exception {
        assumeXa();
        URI application = sibling(XA_APP);
        Records records = new Records(application);
        whileDeployed("xa", () -> {
            try (JMSContext client = streaming.context();
                    JMSConsumer consumer = client.createConsumer(client.createTopic(XA_SENT))) {
                assertThat(records.post("xa", Map.of("channel", XA_SENT, "id", "marked", "outcome", "rollback")))
                        .isEqualTo("returned");
                assertThat(records.post("xa", Map.of("channel", XA_SENT, "id", "thrown", "outcome", "throw")))
                        .isEqualTo("threw");
                assertThat(records.post("xa", Map.of("channel", XA_SENT, "id", "kept", "outcome", "commit")))
                        .isEqualTo("returned");

                Message first = consumer.receive(DELIVERY.toMillis());
                assertThat(first).as("message on %s", XA_SENT).isNotNull();
                assertThat(first.getBody(String.class)).isEqualTo("kept");
            }
            assertThat(streaming.messageCount(XA_SENT)).as("messages stored in %s", XA_SENT).isEqualTo(1);
            assertThat(records.lines("xa", "source", XaSender.SOURCE)).as("committed rows").containsExactly("kept");
        });
    }

    /** The XA tests run where the build's profile gives them a data source and an XA factory (see the README). */
    private static void assumeXa() {
        AppServer server = AppServer.current();
        assumeTrue(server.xaDataSource() != null, "XA tests are not run on " + server
                + " (WildFly and GlassFish only; see arquillian-tests/README.md)");
    }

    /** What runs while an unmanaged deployment is deployed. */
    @FunctionalInterface
    private interface WhileDeployed {
        void run() throws Exception;
    }

    /** Deploys the unmanaged deployment {@code name}, runs {@code body}, and undeploys it again. */
    private void whileDeployed(String name, WhileDeployed body) throws Exception {
        deployer.deploy(name);
        try {
            body.run();
        } finally {
            deployer.undeploy(name);
        }
    }

    private static void assertActiveDurable(SubscriptionView sub, String name) {
        assertThat(sub.durable()).as("durable: %s", sub).isTrue();
        assertThat(sub.queueName()).as("group of %s", sub).endsWith(":" + name);
        assertThat(sub.offline()).as("offline: %s", sub).isFalse();
    }

    /** The context root {@code /name/} on the server of the main test application. */
    private URI sibling(String name) throws URISyntaxException {
        return app.toURI().resolve("/" + name + "/");
    }
}
