package io.natsjms.jms;

import io.natsjms.jms.destination.NatsDestination;
import jakarta.jms.CompletionListener;
import jakarta.jms.Message;

/**
 * A message ready to publish: its encoded payload and where it goes.
 *
 * @param destination  the target (a channel, or a core subject for temporary destinations)
 * @param guid         the STAN publish ID (JMSMessageID is {@code "ID:" + guid} unless disabled)
 * @param payload      the encoded message
 * @param persistent   whether the send waits for the server's PubAck
 * @param message      the application's message (for a completion listener)
 * @param listener     the completion listener of an asynchronous send, or {@code null}
 * @param deliveryTime when the message may be delivered (JMSDeliveryTime, epoch ms); a time after the send
 *                     (a delivery delay) makes the server hold it until then
 * @param delayed      whether the send had a delivery delay
 */
record Outgoing(NatsDestination destination, String guid, byte[] payload, boolean persistent, Message message,
                CompletionListener listener, long deliveryTime, boolean delayed) {
}
