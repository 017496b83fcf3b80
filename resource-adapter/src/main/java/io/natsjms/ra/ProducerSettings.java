package io.natsjms.ra;

/**
 * The per-send settings of a producer handle, applied to the pooled session's producer at each send.
 *
 * @param deliveryMode     PERSISTENT or NON_PERSISTENT
 * @param priority         0 to 9
 * @param timeToLive       milliseconds, 0 for none
 * @param deliveryDelay    milliseconds, 0 for none
 * @param disableMessageId whether the message needs no JMSMessageID
 * @param disableTimestamp whether the message needs no JMSTimestamp
 */
record ProducerSettings(int deliveryMode, int priority, long timeToLive, long deliveryDelay, boolean disableMessageId,
                        boolean disableTimestamp) {
}
