/**
 * The provider's STAN client: a small, thread-safe NATS Streaming client on jnats that the JMS
 * session, producer and consumer classes build on. It knows nothing of JMS.
 *
 * <ul>
 *   <li>{@link io.natsjms.jms.stan.StanConnection} — connect ({@link io.natsjms.jms.stan.StanSettings}),
 *       publish with PubAck futures, subscribe, core-NATS inboxes, close. The only class holding
 *       jnats types.</li>
 *   <li>{@link io.natsjms.jms.stan.StanSubscription} — manual acks, close (keeps a durable),
 *       unsubscribe (deletes it). Described by a {@link io.natsjms.jms.stan.SubscriptionSpec}.</li>
 *   <li>{@link io.natsjms.jms.stan.StanException} — every failure, with a
 *       {@link io.natsjms.jms.stan.StanException.Kind} and the server's exact error string.</li>
 *   <li>{@link io.natsjms.jms.stan.StanConnectionListener} — connection lost / disconnected /
 *       reconnected.</li>
 * </ul>
 *
 * <p>Threads: every subscription has its own dispatcher thread, on which its handler runs one
 * message at a time; heartbeats and PING replies have a dispatcher of their own that runs no
 * application code; PubAcks complete futures on an ack dispatcher; a timer thread sends PINGs and
 * times publishes out.
 */
package io.natsjms.jms.stan;
