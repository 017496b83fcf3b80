package io.natsjms.store.jetstream;

import io.natsjms.store.StoreException;
import io.nats.client.AuthenticationException;
import io.nats.client.JetStreamApiException;
import java.io.IOException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a failure to open the store that may pass by itself from one that will not. While a JetStream
 * cluster elects the leader of a stream (after losing a node, for seconds), requests to that stream get
 * no responder (503) or time out: jnats reports both as an {@link IOException}, possibly wrapped. A
 * request the cluster answered with an API error is refused for a reason of its own, except the error
 * JetStream gives while it is not ready; so are wrong credentials.
 */
final class OpenFailure {

    /** The API error of a JetStream that is temporarily unavailable (no meta leader yet). */
    static final int TEMPORARILY_UNAVAILABLE = 10008;

    private OpenFailure() {
    }

    /** {@code UNAVAILABLE} for a failure that may pass when tried again, {@code IO} otherwise. */
    static StoreException.Reason reason(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JetStreamApiException api) {
                return api.getApiErrorCode() == TEMPORARILY_UNAVAILABLE || api.getErrorCode() == 503
                        ? StoreException.Reason.UNAVAILABLE : StoreException.Reason.IO;
            }
            if (t instanceof AuthenticationException) {
                return StoreException.Reason.IO;
            }
            if (t instanceof IOException || t instanceof TimeoutException) {
                return StoreException.Reason.UNAVAILABLE;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return StoreException.Reason.IO;
    }
}
