package io.natsjms.server.broker;

/** The two brokers every conformance test runs against. */
enum BrokerKind {
    /** Our {@link NatsBroker}, in this JVM. */
    EMBEDDED,
    /** A real {@code nats-server} child process. */
    NATS_SERVER
}
