package io.natsjms.stan;

import io.natsjms.protocol.Extensions;
import io.natsjms.protocol.ext.AckBatch;
import io.natsjms.protocol.ext.AckBatchResponse;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Sends the queued acks of a subscription: as one AckBatch request (natsjms extension, see
 * {@link Extensions#acksSubject(String)}) while the server answers on that subject, else as one plain
 * Ack per sequence. "No responders" (a server without the extension, such as the original one) turns
 * the extension off for the rest of the connection, and the batch that found out goes as plain Acks;
 * a batch left unanswered for another reason is, like a plain Ack that got lost, redelivered by the
 * server after its ack wait. Once the server answered (or did not have the extension) nothing waits for
 * an answer. Thread-safe.
 */
final class AckBatches {

    private static final System.Logger LOG = System.getLogger(AckBatches.class.getName());

    private final NatsLink link;
    private final CoreNats core;
    private final String subject;
    private final Duration timeout;
    /** Whether the server has the extension: {@code null} until its first answer (or "no responders"). */
    private volatile Boolean extension;

    /** Sends batches to {@code subject} ({@link Extensions#acksSubject(String)} of the cluster). */
    AckBatches(NatsLink link, CoreNats core, String subject, Duration timeout) {
        this.link = link;
        this.core = core;
        this.subject = subject;
        this.timeout = timeout;
    }

    /** Whether batches go (or will first try to go) as AckBatch requests: the server has not shown it lacks the extension. */
    boolean usesExtension() {
        return !Boolean.FALSE.equals(extension);
    }

    /**
     * Sends the acks of {@code sequences} for {@code subscription}. While it is not known yet whether the
     * server has the extension (the first batches of a connection), the answer is awaited, at most the
     * timeout, so that a server without it gets the same acks as plain Acks before anything the caller
     * sends next (a close, say); afterwards nothing waits.
     *
     * @throws StanException when nothing could be sent (connection closed, NATS reconnecting)
     */
    void send(StanSubscription subscription, long[] sequences) throws StanException {
        if (sequences.length == 0) {
            return;
        }
        Boolean known = extension;
        if (Boolean.FALSE.equals(known) || sequences.length == 1) {
            plain(subscription, sequences);
            return;
        }
        AckBatch.Builder batch = AckBatch.newBuilder().setChannel(subscription.channel())
                .setAckInbox(subscription.ackInbox());
        for (long sequence : sequences) {
            batch.addSequences(sequence);
        }
        CompletableFuture<byte[]> reply;
        try {
            reply = core.requestExtension(subject, batch.build().toByteArray(), timeout);
        } catch (StanException e) {
            throw new StanException(e.kind(), "cannot ack " + sequences.length + " messages of channel \""
                    + subscription.channel() + "\": " + e.getMessage(), e);
        }
        if (known == null) {
            awaitFirstAnswer(subscription, sequences, reply);
        } else {
            reply.whenComplete((payload, failure) -> answered(subscription, sequences, payload, failure));
        }
    }

    private void awaitFirstAnswer(StanSubscription subscription, long[] sequences, CompletableFuture<byte[]> reply) {
        byte[] payload = null;
        Throwable failure = null;
        try {
            // requestExtension fails the future itself after the timeout; this bound is a backstop
            payload = reply.get(timeout.toMillis() * 2 + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            failure = e.getCause();
        } catch (TimeoutException e) {
            reply.cancel(true);
            failure = e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        }
        answered(subscription, sequences, payload, failure);
    }

    /** One Ack per sequence on the subscription's ack inbox. */
    void plain(StanSubscription subscription, long[] sequences) throws StanException {
        for (long sequence : sequences) {
            byte[] ack = ClientMessages.ack(subscription.channel(), sequence);
            try {
                link.nats().publish(subscription.ackInbox(), ack);
            } catch (IllegalStateException e) {
                throw link.transportFailure("cannot ack sequence " + sequence + " of channel \""
                        + subscription.channel() + "\"", e);
            }
        }
    }

    private void answered(StanSubscription subscription, long[] sequences, byte[] payload, Throwable failure) {
        if (failure != null) {
            LOG.log(Level.DEBUG, () -> "ack batch of " + sequences.length + " acks of " + subscription
                    + " unanswered, the server redelivers what it did not get: " + failure);
            return;
        }
        if (payload == null) {
            extension = Boolean.FALSE;
            LOG.log(Level.DEBUG, () -> "the server has no ack batch extension (no responders on \"" + subject
                    + "\"): plain acks from now on");
            try {
                plain(subscription, sequences);
            } catch (StanException e) {
                LOG.log(Level.DEBUG, () -> "acks of " + subscription + " not sent, the server redelivers: "
                        + e.getMessage());
            }
            return;
        }
        extension = Boolean.TRUE;
        try {
            AckBatchResponse response = AckBatchResponse.parseFrom(payload);
            if (!response.getError().isEmpty()) {
                LOG.log(Level.DEBUG, () -> "ack batch of " + subscription + " refused: " + response.getError());
            }
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            LOG.log(Level.DEBUG, () -> "undecodable AckBatchResponse on \"" + subject + "\": " + e.getMessage());
        }
    }
}
