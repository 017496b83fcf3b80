package io.natsjms.examples.replay;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.lang.System.Logger.Level;
import java.util.Map;

/**
 * Rebuilds {@link StockLevels} from the inventory's event log. Its subscription is not durable and starts
 * at the channel's first message, so every deployment (and every server start) replays the whole history
 * and then follows new changes. One session ({@code maxSession} 1, the default) keeps the channel's order.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
    @ActivationConfigProperty(propertyName = "destination", propertyValue = Inventory.CHANNEL),
    @ActivationConfigProperty(propertyName = "startPosition", propertyValue = Inventory.START_POSITION),
    @ActivationConfigProperty(propertyName = "maxSession", propertyValue = "1")})
public class StockReplayMdb implements MessageListener {

    private static final System.Logger LOG = System.getLogger(StockReplayMdb.class.getName());

    @Inject
    private StockLevels levels;

    @Override
    public void onMessage(Message message) {
        StockChange change = read(message);
        if (!levels.apply(change)) {
            LOG.log(Level.DEBUG, "stock change {0} was applied before: ignored", change.eventId());
        }
    }

    private static StockChange read(Message message) {
        try {
            return StockChange.fromMap(message.getBody(Map.class));
        } catch (JMSException | IllegalArgumentException e) {
            throw new IllegalArgumentException("stock change " + messageId(message) + ": " + e.getMessage(), e);
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
