package io.natsjms.ra;

import jakarta.resource.ResourceException;
import jakarta.resource.spi.ActivationSpec;
import jakarta.resource.spi.InvalidPropertyException;
import jakarta.resource.spi.ResourceAdapter;

/**
 * The configuration of one message-driven bean ({@code jakarta.jms.MessageListener}): the standard JMS
 * activation properties, the stream properties of this adapter and, inherited from
 * {@link ConnectionProperties}, overrides of the adapter's connection settings. The module README lists
 * every property with its default. Unset properties are {@code null}.
 */
public class NatsActivationSpec extends ConnectionProperties implements ActivationSpec {

    private static final long serialVersionUID = 1L;

    private transient ResourceAdapter resourceAdapter;
    private String destinationLookup;
    private String destination;
    private String destinationType;
    private String subscriptionDurability;
    private String subscriptionName;
    private String clientId;
    private String messageSelector;
    private String acknowledgeMode;
    private Integer maxSession;
    private String startPosition;
    private Integer maxInFlight;
    private Integer ackWait;
    private Integer maxRedeliveries;
    private String deadLetterChannel;
    private Long reconnectInterval;

    /**
     * Checks the properties.
     *
     * @throws InvalidPropertyException naming the property, its value and what was expected
     */
    @Override
    public void validate() throws InvalidPropertyException {
        ActivationConfig.of(this);
    }

    @Override
    public ResourceAdapter getResourceAdapter() {
        return resourceAdapter;
    }

    @Override
    public void setResourceAdapter(ResourceAdapter resourceAdapter) throws ResourceException {
        this.resourceAdapter = resourceAdapter;
    }

    /** The JNDI name of the Topic or Queue to consume (wins over {@link #getDestination()}). */
    public String getDestinationLookup() {
        return destinationLookup;
    }

    /** Sets the JNDI name of the Topic or Queue to consume. */
    public void setDestinationLookup(String destinationLookup) {
        this.destinationLookup = destinationLookup;
    }

    /** The channel to consume, with options: {@code orders} or {@code orders?startPosition=first}. */
    public String getDestination() {
        return destination;
    }

    /** Sets the channel to consume. */
    public void setDestination(String destination) {
        this.destination = destination;
    }

    /** {@code jakarta.jms.Topic} or {@code jakarta.jms.Queue}. */
    public String getDestinationType() {
        return destinationType;
    }

    /** Sets {@code jakarta.jms.Topic} or {@code jakarta.jms.Queue}. */
    public void setDestinationType(String destinationType) {
        this.destinationType = destinationType;
    }

    /** {@code Durable} or {@code NonDurable} (topics only). */
    public String getSubscriptionDurability() {
        return subscriptionDurability;
    }

    /** Sets {@code Durable} or {@code NonDurable}. */
    public void setSubscriptionDurability(String subscriptionDurability) {
        this.subscriptionDurability = subscriptionDurability;
    }

    /** The name of the topic subscription (required when durable). */
    public String getSubscriptionName() {
        return subscriptionName;
    }

    /** Sets the name of the topic subscription. */
    public void setSubscriptionName(String subscriptionName) {
        this.subscriptionName = subscriptionName;
    }

    /** The JMS client ID of the activation's connection. */
    public String getClientId() {
        return clientId;
    }

    /** Sets the JMS client ID of the activation's connection. */
    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    /** The JMS message selector. */
    public String getMessageSelector() {
        return messageSelector;
    }

    /** Sets the JMS message selector. */
    public void setMessageSelector(String messageSelector) {
        this.messageSelector = messageSelector;
    }

    /** {@code Auto-acknowledge} or {@code Dups-ok-acknowledge}. */
    public String getAcknowledgeMode() {
        return acknowledgeMode;
    }

    /** Sets {@code Auto-acknowledge} or {@code Dups-ok-acknowledge}. */
    public void setAcknowledgeMode(String acknowledgeMode) {
        this.acknowledgeMode = acknowledgeMode;
    }

    /** How many messages are delivered in parallel (sessions). */
    public Integer getMaxSession() {
        return maxSession;
    }

    /** Sets how many messages are delivered in parallel. */
    public void setMaxSession(Integer maxSession) {
        this.maxSession = maxSession;
    }

    /** Where a new subscription starts: new, last, first, sequence:N or time:(instant or duration). */
    public String getStartPosition() {
        return startPosition;
    }

    /** Sets where a new subscription starts. */
    public void setStartPosition(String startPosition) {
        this.startPosition = startPosition;
    }

    /** Unacknowledged messages the server sends each session at most. */
    public Integer getMaxInFlight() {
        return maxInFlight;
    }

    /** Sets the unacknowledged messages the server sends each session at most. */
    public void setMaxInFlight(Integer maxInFlight) {
        this.maxInFlight = maxInFlight;
    }

    /** Seconds after which the server redelivers an unacknowledged message. */
    public Integer getAckWait() {
        return ackWait;
    }

    /** Sets the seconds after which the server redelivers an unacknowledged message. */
    public void setAckWait(Integer ackWait) {
        this.ackWait = ackWait;
    }

    /** Failed deliveries retried before a message is dead-lettered; -1 retries for ever. */
    public Integer getMaxRedeliveries() {
        return maxRedeliveries;
    }

    /** Sets the failed deliveries retried before a message is dead-lettered. */
    public void setMaxRedeliveries(Integer maxRedeliveries) {
        this.maxRedeliveries = maxRedeliveries;
    }

    /** The channel that receives messages whose deliveries kept failing. */
    public String getDeadLetterChannel() {
        return deadLetterChannel;
    }

    /** Sets the channel that receives messages whose deliveries kept failing. */
    public void setDeadLetterChannel(String deadLetterChannel) {
        this.deadLetterChannel = deadLetterChannel;
    }

    /** Milliseconds before the first reconnect attempt; later attempts back off up to 30 s. */
    public Long getReconnectInterval() {
        return reconnectInterval;
    }

    /** Sets the milliseconds before the first reconnect attempt. */
    public void setReconnectInterval(Long reconnectInterval) {
        this.reconnectInterval = reconnectInterval;
    }

    @Override
    public String toString() {
        return "NatsActivationSpec[destination=" + (destinationLookup != null ? "lookup:" + destinationLookup : destination)
                + ", type=" + destinationType + ", durability=" + subscriptionDurability
                + ", subscriptionName=" + subscriptionName + ", clientId=" + clientId + ", maxSession=" + maxSession + "]";
    }
}
