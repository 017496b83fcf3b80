package io.natsjms.jms;

import jakarta.jms.JMSException;
import jakarta.jms.Session;

/**
 * Where the sends of a producer made by {@link NatsMessageProducer#routed} go: for each send, the session
 * that carries it. An application-server integration (the resource adapter) uses it to send through a
 * pooled connection's transacted session inside a container transaction and through an auto-acknowledge
 * session outside one, while the producer itself, its options and their checks stay the provider's.
 */
public interface ProducerRoute {

    /**
     * Checks that the producer's owner (for example the application's session handle) is still open.
     * Called by every producer method; must not create or enlist anything.
     *
     * @throws jakarta.jms.IllegalStateException if it is closed
     */
    void checkOpen() throws JMSException;

    /**
     * The session the next send goes through: a session of this provider ({@link NatsSession}).
     *
     * @throws JMSException if there is none to be had
     */
    Session session() throws JMSException;
}
