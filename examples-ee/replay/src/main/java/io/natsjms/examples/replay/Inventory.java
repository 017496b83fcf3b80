package io.natsjms.examples.replay;

/**
 * Every name the replay example shares with the server and with its clients, in one place. Nothing here is
 * specific to natsjms except the two adapter names at the end, which are only strings.
 */
public final class Inventory {

    /** JNDI name of the connection factory the application defines on the natsjms resource adapter. */
    public static final String CONNECTION_FACTORY = "java:app/jms/inventory/ConnectionFactory";

    /** JNDI name of the topic the application defines for {@link #CHANNEL}. */
    public static final String TOPIC = "java:app/jms/inventory/StockChanges";

    /** The channel that holds every stock change ever made: the inventory's event log. */
    public static final String CHANNEL = "inventory.stock-changes";

    /** Where the message-driven bean's subscription starts: the channel's first message. */
    public static final String START_POSITION = "first";

    /** Module name of the deployed resource adapter (natsjms-ra.rar). */
    public static final String RESOURCE_ADAPTER = "natsjms-ra";

    /** The adapter's Topic class, which WildFly needs to create an application-defined destination. */
    public static final String TOPIC_CLASS = "io.natsjms.ra.NatsTopic";

    private Inventory() {
    }
}
