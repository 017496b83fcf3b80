package io.natsjms.arquillian;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.jms.JMSConsumer;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import java.math.BigDecimal;
import java.net.URL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * The example applications of {@code examples-ee}, deployed unchanged beside the rar as their READMEs say,
 * driven through their REST APIs: order totals from a durable subscription (and an unreadable event
 * dead-lettered), stock levels replayed from the channel's history at every deployment, and a job queue
 * processed by parallel sessions.
 */
@ExtendWith({StreamingServerExtension.class, ArquillianExtension.class})
@RunAsClient
class ExamplesIT {

    private static final Duration PROCESSING = Duration.ofSeconds(60);
    /** The order-events example's dead-letter channel (its README). */
    private static final String DEAD_ORDERS = "orders.dead-letters";

    @ArquillianResource
    private Deployer deployer;
    @ArquillianResource
    @OperateOnDeployment("order-events")
    private URL orderEvents;
    @ArquillianResource
    @OperateOnDeployment("work-queue")
    private URL workQueue;

    @Deployment(name = "rar", order = 1, testable = false)
    static ResourceAdapterArchive adapter() {
        return TestApp.adapter();
    }

    @Deployment(name = "order-events", order = 2, testable = false)
    static WebArchive orderEvents() {
        return TestApp.example("order-events");
    }

    @Deployment(name = "work-queue", order = 3, testable = false)
    static WebArchive workQueue() {
        return TestApp.example("work-queue");
    }

    /** Deployed by the test, twice: the second deployment rebuilds the levels from the channel. */
    @Deployment(name = "replay", managed = false, testable = false)
    static WebArchive replay() {
        return TestApp.example("replay");
    }

    @Test
    void orderEventsKeepsTotalsPerCustomer(Streaming streaming) throws Exception {
        await().atMost(PROCESSING).untilAsserted(() -> assertThat(streaming.subscriptions("orders"))
                .anySatisfy(sub -> assertThat(sub.offline()).isFalse()));
        JsonApi api = new JsonApi(orderEvents.toURI().resolve("api/"));
        int before = api.get("totals").path("ordersCounted").asInt();
        for (String order : List.of("{\"customer\":\"alice\",\"amount\":12.50}",
                "{\"customer\":\"alice\",\"amount\":7.25}", "{\"customer\":\"bob\",\"amount\":5}")) {
            assertThat(api.post("orders", order, 202).path("orderId").asText()).isNotBlank();
        }

        await().atMost(PROCESSING).untilAsserted(() -> assertThat(api.get("totals").path("ordersCounted").asInt())
                .as("orders counted (other tests' orders: %d)", before).isEqualTo(before + 3));
        JsonNode alice = api.get("totals/alice");
        assertThat(alice.path("orders").asInt()).isEqualTo(2);
        assertThat(alice.path("total").decimalValue()).isEqualByComparingTo(new BigDecimal("19.75"));
        assertThat(api.get("totals/bob").path("total").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(5));
    }

    @Test
    void orderEventsDeadLettersAnEventItCannotRead(Streaming streaming) throws Exception {
        JsonApi api = new JsonApi(orderEvents.toURI().resolve("api/"));
        try (JMSContext client = streaming.context();
                JMSConsumer deadLetters = client.createConsumer(client.createTopic(DEAD_ORDERS))) {
            assertThat(api.postText("orders/unchecked", "not an order", 202).path("published").asText())
                    .isEqualTo("not an order");

            Message dead = deadLetters.receive(PROCESSING.toMillis());
            assertThat(dead).as("dead letter on %s", DEAD_ORDERS).isNotNull();
            assertThat(dead.getBody(String.class)).isEqualTo("not an order");
            assertThat(dead.getIntProperty("JMS_natsjms_deliveryCount")).as("deliveries: 1 + 3 retries").isEqualTo(4);
        }
    }

    /**
     * The order and its event in one XA transaction with the server's default data source: a request that
     * fails after writing both keeps neither, one that commits keeps both. WildFly only: GlassFish's default
     * data source needs Derby's network server ({@code asadmin start-database}), and the other two servers
     * are not run with XA (see the README).
     */
    @Test
    void orderEventsRecordsAnOrderAndItsEventAtomically() throws Exception {
        assumeTrue(AppServer.current() == AppServer.WILDFLY, "recorded orders are tested on WildFly only (README)");
        JsonApi api = new JsonApi(orderEvents.toURI().resolve("api/"));

        String failed = api.post("recorded-orders?failAfterWrite=true", "{\"customer\":\"xa-carol\",\"amount\":2}", 500)
                .path("error").asText();
        assertThat(failed).contains("neither the row nor the event is kept");
        String kept = api.post("recorded-orders", "{\"customer\":\"xa-carol\",\"amount\":3}", 202)
                .path("orderId").asText();

        await().atMost(PROCESSING).untilAsserted(() -> assertThat(api.get("totals/xa-carol").path("orders").asInt())
                .isEqualTo(1));
        assertThat(api.get("totals/xa-carol").path("total").decimalValue()).as("only the committed event")
                .isEqualByComparingTo(BigDecimal.valueOf(3));
        List<String> recorded = new ArrayList<>();
        api.get("recorded-orders").forEach(order -> recorded.add(order.path("orderId").asText()));
        assertThat(recorded).contains(kept).noneMatch(failed::contains);
    }

    @Test
    void replayRebuildsTheStockLevelsAtEveryDeployment() throws Exception {
        JsonApi api = new JsonApi(orderEvents.toURI().resolve("/replay/api/"));
        deployer.deploy("replay");
        try {
            api.post("stock/pear", "{\"delta\":10}", 202);
            api.post("stock/apple", "{\"delta\":5}", 202);
            api.post("stock/pear", "{\"delta\":-3}", 202);
            await().atMost(PROCESSING).untilAsserted(() -> assertStock(api.get("stock")));
        } finally {
            deployer.undeploy("replay");
        }
        deployer.deploy("replay");
        try {
            await().atMost(PROCESSING).untilAsserted(() -> assertStock(api.get("stock")));
        } finally {
            deployer.undeploy("replay");
        }
    }

    @Test
    void workQueueProcessesEveryJobOnce() throws Exception {
        JsonApi api = new JsonApi(workQueue.toURI().resolve("api/"));
        List<String> ids = new ArrayList<>();
        api.post("jobs", "{\"count\":12,\"upTo\":20000}", 202).path("submitted").forEach(id -> ids.add(id.asText()));
        assertThat(ids).hasSize(12).doesNotHaveDuplicates();

        await().atMost(PROCESSING).untilAsserted(() -> {
            JsonNode book = api.get("jobs");
            assertThat(book.path("done").asInt()).as("jobs done: %s", book).isEqualTo(12);
            assertThat(book.path("repeated").asInt()).as("jobs repeated: %s", book).isZero();
        });
        JsonNode first = api.get("jobs/" + ids.get(0));
        assertThat(first.path("state").asText()).isEqualTo("DONE");
        assertThat(first.path("deliveries").asInt()).isEqualTo(1);
    }

    private static void assertStock(JsonNode stock) {
        assertThat(stock.path("eventsApplied").asInt()).as("events applied: %s", stock).isEqualTo(3);
        assertThat(stock.path("levels").path("pear").asLong()).isEqualTo(7);
        assertThat(stock.path("levels").path("apple").asLong()).isEqualTo(5);
    }
}
