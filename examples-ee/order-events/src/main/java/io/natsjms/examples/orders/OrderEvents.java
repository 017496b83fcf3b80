package io.natsjms.examples.orders;

/**
 * Every name the order-events example shares with the server and with its clients, in one place. Nothing
 * here is specific to natsjms except the two adapter names at the end, which are only strings.
 */
public final class OrderEvents {

    /** JNDI name of the connection factory the application defines on the natsjms resource adapter. */
    public static final String CONNECTION_FACTORY = "java:app/jms/orders/ConnectionFactory";

    /**
     * JNDI name of the second connection factory the application defines on the adapter: an XATransaction
     * pool, for sends that commit together with the database ({@link RecordedOrdersResource}).
     */
    public static final String XA_CONNECTION_FACTORY = "java:app/jms/orders/XAConnectionFactory";

    /** The server's default data source (Jakarta EE), where recorded orders are written. */
    public static final String DATA_SOURCE = "java:comp/DefaultDataSource";

    /** JNDI name of the topic the application defines for {@link #CHANNEL}. */
    public static final String TOPIC = "java:app/jms/orders/Orders";

    /** The channel the order events are published to. */
    public static final String CHANNEL = "orders";

    /** Name of the durable subscription that feeds the totals. */
    public static final String SUBSCRIPTION = "order-totals";

    /** Channel that receives events the totals could not take after {@link #MAX_REDELIVERIES} retries. */
    public static final String DEAD_LETTER_CHANNEL = "orders.dead-letters";

    /** Retries of a failed delivery before the event is dead-lettered. */
    public static final String MAX_REDELIVERIES = "3";

    /** Module name of the deployed resource adapter (natsjms-ra.rar). */
    public static final String RESOURCE_ADAPTER = "natsjms-ra";

    /** The adapter's Topic class, which WildFly needs to create an application-defined destination. */
    public static final String TOPIC_CLASS = "io.natsjms.ra.NatsTopic";

    private OrderEvents() {
    }
}
