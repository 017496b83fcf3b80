package io.natsjms.stan;

import com.google.protobuf.InvalidProtocolBufferException;
import io.natsjms.protocol.Extensions;
import io.natsjms.protocol.ext.BrowseRequest;
import io.natsjms.protocol.ext.BrowseResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Asks the streaming server where a queue group stands in its channel, with the natsjms browse
 * extension (a request/reply on {@link Extensions#browseSubject(String)}, outside the STAN protocol).
 * A server without the extension (the original Go server) does not answer: {@link #take} then
 * returns empty after the timeout, and the caller has to do without. Thread-safe.
 */
public final class QueueSnapshots {

    private final StanConnection connection;
    private final String subject;
    private final Duration timeout;

    /**
     * Snapshots over {@code connection}, asked on its cluster's browse subject and waited for as long
     * as a subscribe reply ({@link StanSettings#connectWait()}).
     */
    public QueueSnapshots(StanConnection connection) {
        this(connection, Extensions.browseSubject(connection.settings().discoverSubject()),
                connection.settings().connectWait());
    }

    /**
     * Snapshots asked on {@code subject}, waiting at most {@code timeout} for the answer.
     *
     * @throws IllegalArgumentException if {@code timeout} is not positive
     */
    public QueueSnapshots(StanConnection connection, String subject, Duration timeout) {
        this.connection = Objects.requireNonNull(connection, "connection");
        this.subject = Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout: " + timeout + " (expected: > 0)");
        }
        this.timeout = timeout;
    }

    /**
     * Where the queue group {@code queueGroup} (durable name {@code durableName}, or {@code null} for a
     * non-durable group) stands in {@code channel} now.
     *
     * @return the snapshot, or empty if no server answered within the timeout
     * @throws StanException SERVER_ERROR with the server's string when it refused the request (e.g.
     *                       {@code stan: unknown clientID}), IO for an undecodable answer or a transport
     *                       failure, CLOSED, INTERRUPTED
     */
    public Optional<QueueSnapshot> take(String channel, String durableName, String queueGroup) throws StanException {
        BrowseRequest request = BrowseRequest.newBuilder()
                .setClientID(connection.settings().clientId())
                .setChannel(Objects.requireNonNull(channel, "channel"))
                .setDurableName(durableName == null ? "" : durableName)
                .setQGroup(Objects.requireNonNull(queueGroup, "queueGroup"))
                .build();
        byte[] reply = request(request.toByteArray());
        if (reply == null) {
            return Optional.empty();
        }
        BrowseResponse response;
        try {
            response = BrowseResponse.parseFrom(reply);
        } catch (InvalidProtocolBufferException e) {
            throw new StanException(StanException.Kind.IO, "undecodable BrowseResponse on \"" + subject + "\": "
                    + e.getMessage(), e);
        }
        if (!response.getError().isEmpty()) {
            throw StanException.fromServer(StanException.Kind.SERVER_ERROR, response.getError());
        }
        return Optional.of(new QueueSnapshot(response.getFirstSequence(), response.getLastSequence(),
                response.getLastSent(), new TreeSet<>(response.getPendingList())));
    }

    /** The reply's payload, or {@code null} when no server answered (no responders, or the timeout). */
    private byte[] request(byte[] body) throws StanException {
        return connection.requestCore(subject, body, timeout).orElse(null);
    }
}
