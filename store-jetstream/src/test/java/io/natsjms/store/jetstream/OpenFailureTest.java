package io.natsjms.store.jetstream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.store.StoreConfig;
import io.natsjms.store.StoreException;
import io.natsjms.store.StoreLimits;
import io.nats.client.AuthenticationException;
import io.nats.client.JetStreamApiException;
import io.nats.client.api.Error;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenFailureTest {

    @Test
    void noResponderOrNoAnswerWhileTheClusterElectsMayPass() {
        IOException noResponders = new IOException("Error Publishing: 503 No Responders Available For Request");

        assertThat(OpenFailure.reason(noResponders)).isEqualTo(StoreException.Reason.UNAVAILABLE);
        assertThat(OpenFailure.reason(new StoreException(StoreException.Reason.IO, "writing 1 entries failed",
                new ExecutionException(new RuntimeException(noResponders))))).isEqualTo(StoreException.Reason.UNAVAILABLE);
        assertThat(OpenFailure.reason(new TimeoutException())).isEqualTo(StoreException.Reason.UNAVAILABLE);
    }

    @Test
    void aRequestTheClusterRefusedOrWrongCredentialsWillNotPass() {
        assertThat(OpenFailure.reason(new JetStreamApiException(Error.JsBadRequestErr)))
                .isEqualTo(StoreException.Reason.IO);
        assertThat(OpenFailure.reason(new AuthenticationException("Authorization Violation")))
                .isEqualTo(StoreException.Reason.IO);
        assertThat(OpenFailure.reason(new StoreException(StoreException.Reason.IO, "the last sequence is unknown")))
                .isEqualTo(StoreException.Reason.IO);
    }

    @Test
    void aClusterNobodyAnswersAtIsUnavailableNamingItsUrl(@TempDir Path dir) throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "nats://127.0.0.1:" + closedPort;
        StoreConfig config = StoreConfig.at(dir, StoreLimits.unlimited()).withOption(JetStreamStoreConfig.URLS, url)
                .withOption(JetStreamStoreConfig.PREFIX, "nobody");

        assertThatThrownBy(() -> JetStreamStore.open(JetStreamStoreConfig.from(config), StoreLimits.unlimited()))
                .isInstanceOfSatisfying(StoreException.class,
                        e -> assertThat(e.reason()).isEqualTo(StoreException.Reason.UNAVAILABLE))
                .hasMessageContaining(url);
    }
}
