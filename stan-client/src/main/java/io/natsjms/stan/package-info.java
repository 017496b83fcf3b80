/**
 * A small, thread-safe NATS Streaming (STAN) client on jnats, usable on its own; the natsjms JMS
 * provider builds on it. This package is the whole public API: the types below plus the value types
 * they use ({@link io.natsjms.stan.StanMessage}, {@link io.natsjms.stan.StartPosition}, the core-NATS
 * and queue-snapshot types). Everything else is
 * package-private.
 *
 * <ul>
 *   <li>{@link io.natsjms.stan.StanConnection} — connect ({@link io.natsjms.stan.StanSettings}),
 *       publish with PubAck futures, subscribe, core-NATS inboxes, close. The only class holding
 *       jnats types.</li>
 *   <li>{@link io.natsjms.stan.StanSubscription} — manual acks, close (keeps a durable),
 *       unsubscribe (deletes it). Described by a {@link io.natsjms.stan.SubscriptionSpec}.</li>
 *   <li>{@link io.natsjms.stan.StanException} — every failure, with a
 *       {@link io.natsjms.stan.StanException.Kind} and the server's exact error string.</li>
 *   <li>{@link io.natsjms.stan.StanConnectionListener} — connection lost / disconnected /
 *       reconnected.</li>
 * </ul>
 *
 * <p>Threads: every subscription has its own dispatcher thread, on which its handler runs one
 * message at a time; heartbeats and PING replies have a dispatcher of their own that runs no
 * application code; PubAcks complete futures on an ack dispatcher; a timer thread sends PINGs and
 * times publishes out.
 */
package io.natsjms.stan;
