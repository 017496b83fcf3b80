package io.natsjms.examples.orders;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.lang.System.Logger.Level;
import java.util.Map;

/**
 * Feeds {@link CustomerTotals} from the orders channel through a durable subscription: events published
 * while the application is not deployed are delivered when it comes back. An event that cannot be read
 * fails the delivery; after {@link OrderEvents#MAX_REDELIVERIES} retries the adapter moves it to
 * {@link OrderEvents#DEAD_LETTER_CHANNEL}.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
    @ActivationConfigProperty(propertyName = "destination", propertyValue = OrderEvents.CHANNEL),
    @ActivationConfigProperty(propertyName = "subscriptionDurability", propertyValue = "Durable"),
    @ActivationConfigProperty(propertyName = "subscriptionName", propertyValue = OrderEvents.SUBSCRIPTION),
    @ActivationConfigProperty(propertyName = "maxRedeliveries", propertyValue = OrderEvents.MAX_REDELIVERIES),
    @ActivationConfigProperty(propertyName = "deadLetterChannel", propertyValue = OrderEvents.DEAD_LETTER_CHANNEL)})
public class OrderTotalsMdb implements MessageListener {

    private static final System.Logger LOG = System.getLogger(OrderTotalsMdb.class.getName());

    @Inject
    private CustomerTotals totals;

    @Override
    public void onMessage(Message message) {
        OrderEvent event = read(message);
        if (!totals.apply(event)) {
            LOG.log(Level.INFO, "order {0} was counted before: redelivery ignored", event.orderId());
        }
    }

    private static OrderEvent read(Message message) {
        try {
            return OrderEvent.fromMap(message.getBody(Map.class));
        } catch (JMSException | IllegalArgumentException e) {
            throw new IllegalArgumentException("order event " + messageId(message) + ": " + e.getMessage(), e);
        }
    }

    private static String messageId(Message message) {
        try {
            return message.getJMSMessageID();
        } catch (JMSException e) {
            return "(no message ID: " + e.getMessage() + ")";
        }
    }
}
