package io.natsjms.server.streaming;

import io.natsjms.server.broker.BrokerConfig;
import io.natsjms.server.broker.NatsBroker;
import io.natsjms.server.broker.NatsServerProcess;

/**
 * The NATS server a streaming test runs over: the embedded broker (the default), or a real
 * {@code nats-server} child process when the system property {@value #PROPERTY} is
 * {@code nats-server}.
 */
interface TestNats extends AutoCloseable {

    String PROPERTY = "natsjms.test.nats";

    String url();

    /** The embedded broker, or {@code null} when the NATS server is a {@code nats-server} process. */
    default NatsBroker broker() {
        return null;
    }

    @Override
    void close();

    static boolean external() {
        return "nats-server".equals(System.getProperty(PROPERTY, "embedded"));
    }

    static TestNats start() {
        if (external()) {
            NatsServerProcess process = NatsServerProcess.start(BrokerConfig.builder().host("127.0.0.1").port(0).build());
            return new TestNats() {
                @Override
                public String url() {
                    return process.url();
                }

                @Override
                public void close() {
                    process.close();
                }
            };
        }
        NatsBroker broker = NatsBroker.start(BrokerConfig.builder().host("127.0.0.1").port(0).build());
        return new TestNats() {
            @Override
            public String url() {
                return broker.url();
            }

            @Override
            public NatsBroker broker() {
                return broker;
            }

            @Override
            public void close() {
                broker.close();
            }
        };
    }
}
