package io.natsjms.stan;

/**
 * Connection events an application must react to. Every method has a no-op default, so an
 * implementation overrides only what it needs. Methods run on an internal thread of the connection
 * (the timer thread for {@link #connectionLost}, the NATS callback thread for the others); they must
 * return quickly and may call {@link StanConnection#close()}.
 */
public interface StanConnectionListener {

    /**
     * The streaming connection is gone for good and has been closed: PINGs went unanswered
     * {@code pingMaxOut} times, or the server replied that it no longer knows this client. Pending
     * publishes failed; subscriptions deliver nothing more. The application has to connect again.
     *
     * @param cause of kind {@link StanException.Kind#CONNECTION_LOST} or {@link StanException.Kind#IO},
     *              carrying the server's error string when there was one
     */
    default void connectionLost(StanException cause) {
    }

    /** The NATS transport dropped; it is reconnecting. Publishes and acks fail until it is back. */
    default void disconnected() {
    }

    /**
     * The NATS transport reconnected. The streaming session survives if the server still knows the
     * client (the next PING tells; if not, {@link #connectionLost} follows).
     */
    default void reconnected() {
    }
}
