package io.natsjms.arquillian.app;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.EJB;
import jakarta.ejb.MessageDriven;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * A message-driven bean with the default container-managed transaction (REQUIRED): each message of
 * {@value #CHANNEL} becomes a row of {@link XaLedger} in the same transaction as the message's
 * acknowledgement. A message whose text starts with {@value #POISON} is recorded, its row written, and then
 * the bean throws: the transaction rolls back (no row, no acknowledgement) and the message comes again, until
 * the adapter moves it to {@value #DEAD_LETTERS} after {@value #MAX_REDELIVERIES} redeliveries. Each delivery
 * is recorded as {@code <text> <JMSXDeliveryCount> <JMSRedelivered>}.
 */
@MessageDriven(activationConfig = {
    @ActivationConfigProperty(propertyName = "destination", propertyValue = XaRowMdb.CHANNEL),
    @ActivationConfigProperty(propertyName = "maxRedeliveries", propertyValue = "" + XaRowMdb.MAX_REDELIVERIES),
    @ActivationConfigProperty(propertyName = "deadLetterChannel", propertyValue = XaRowMdb.DEAD_LETTERS)})
public class XaRowMdb implements MessageListener {

    public static final String CHANNEL = "it.xa.rows";
    public static final String DEAD_LETTERS = "it.xa.rows.dlq";
    public static final String POISON = "poison";
    public static final String SOURCE = "mdb";
    public static final int MAX_REDELIVERIES = 2;

    @Inject
    private Recorder recorder;
    @EJB
    private XaLedger ledger;

    @Override
    public void onMessage(Message message) {
        String text = Texts.of(message);
        try {
            recorder.record(CHANNEL, text + " " + message.getIntProperty("JMSXDeliveryCount") + " "
                    + message.getJMSRedelivered());
        } catch (JMSException e) {
            throw new IllegalStateException("XaRowMdb: cannot read the delivery headers", e);
        }
        ledger.insert(text, SOURCE);
        if (text.startsWith(POISON)) {
            throw new IllegalStateException("XaRowMdb rejects " + text + " after writing its row (expected by the test)");
        }
    }
}
