package io.natsjms.server.broker;

/** A broker started for one test, closed by {@link TestBrokers} after it. */
interface RunningBroker extends AutoCloseable {
    BrokerKind kind();

    int port();

    default String url() {
        return "nats://127.0.0.1:" + port();
    }

    @Override
    void close();
}
