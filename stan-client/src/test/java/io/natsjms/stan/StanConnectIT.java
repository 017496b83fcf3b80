package io.natsjms.stan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.natsjms.protocol.ProtocolErrors;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Connect and close against the in-process server. */
@ExtendWith(TestStanExtension.class)
class StanConnectIT {

    @Test
    void connectRegistersTheClientAndCloseUnregistersIt(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("me");

        assertThat(connection.isOpen()).isTrue();
        assertThat(stan.client("me")).isPresent();

        connection.close();

        assertThat(connection.isOpen()).isFalse();
        assertThat(stan.client("me")).isEmpty();
        connection.close(); // idempotent
    }

    @Test
    void aSecondConnectionWithTheSameClientIdIsRefusedWithTheServersError(TestStan stan) throws Exception {
        stan.connect("twin");

        assertThatThrownBy(() -> stan.connect("twin"))
                .isInstanceOfSatisfying(StanException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StanException.Kind.CONNECT_REFUSED);
                    assertThat(e.serverError()).isEqualTo(ProtocolErrors.CLIENT_ID_ALREADY_REGISTERED);
                    assertThat(e.getMessage()).isEqualTo("stan: clientID already registered");
                });
    }

    @Test
    void anUnknownClusterFailsWithACleanTimeout(TestStan stan) {
        StanSettings settings = StanSettings.builder("elsewhere", "me").servers(stan.url()).build();

        assertThatThrownBy(() -> stan.connect(settings, new StanConnectionListener() { }))
                .isInstanceOfSatisfying(StanException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StanException.Kind.TIMEOUT);
                    assertThat(e.serverError()).isNull();
                    assertThat(e.getMessage())
                            .startsWith("no streaming server for cluster ID \"elsewhere\" at [" + stan.url() + "]")
                            .contains("connect request");
                });
    }

    @Test
    void aDiscoverPrefixTheServerDoesNotUseTimesOut(TestStan stan) {
        stan.server();
        StanSettings settings = stan.settings("me").discoverPrefix("_OTHER.discover")
                .connectWait(Duration.ofMillis(300)).build();

        assertThatThrownBy(() -> stan.connect(settings, new StanConnectionListener() { }))
                .isInstanceOfSatisfying(StanException.class,
                        e -> assertThat(e.kind()).isEqualTo(StanException.Kind.TIMEOUT));
    }

    @Test
    void anUnreachableNatsServerFailsWithIo() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        StanSettings settings = StanSettings.builder("c", "me").servers("nats://127.0.0.1:" + port)
                .connectWait(Duration.ofMillis(500)).build();

        assertThatThrownBy(() -> StanConnection.connect(settings))
                .isInstanceOfSatisfying(StanException.class, e -> {
                    assertThat(e.kind()).isEqualTo(StanException.Kind.IO);
                    assertThat(e.getMessage()).contains("cannot connect to NATS at [nats://127.0.0.1:" + port + "]");
                });
    }

    @Test
    void operationsAfterCloseFailAsClosed(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("me");
        connection.close();

        assertThat(connection.publish("ch", new byte[] {1})).failsWithin(Duration.ofSeconds(1))
                .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(StanException.class,
                        e -> assertThat(e.kind()).isEqualTo(StanException.Kind.CLOSED));
        assertThatThrownBy(() -> connection.subscribe(SubscriptionSpec.of("ch"), (s, m) -> { }))
                .isInstanceOfSatisfying(StanException.class,
                        e -> assertThat(e.kind()).isEqualTo(StanException.Kind.CLOSED));
    }

    @Test
    void subscriptionsEndWhenTheConnectionCloses(TestStan stan) throws Exception {
        StanConnection connection = stan.connect("me");
        StanSubscription subscription = connection.subscribe(SubscriptionSpec.of("ch"), (s, m) -> { });

        connection.close();

        assertThat(subscription.isActive()).isFalse();
        subscription.close(); // nothing left to do, no error
        await().atMost(Duration.ofSeconds(5)).until(() -> stan.channel("ch").orElseThrow().subscriptions().isEmpty());
    }
}
