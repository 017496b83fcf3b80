package io.natsjms.stan;

import io.nats.client.Message;
import io.natsjms.protocol.Codec;
import io.natsjms.protocol.ProtocolException;
import io.natsjms.protocol.pb.PubAck;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

/** Turns the reply to a ScheduleRequest (a PubAck, NATS "no responders", or nothing) into its outcome. */
final class ScheduleReplies {

    private ScheduleReplies() {
    }

    /**
     * The PubAck of a scheduled publish, or throws (inside the future) the failure.
     *
     * @throws CompletionException wrapping a StanException: NOT_SUPPORTED when nobody listens on
     *                             {@code subject}, TIMEOUT, IO for an undecodable reply, SERVER_ERROR
     */
    static String outcome(String subject, String channel, String guid, Message reply, Throwable failure,
                                Duration wait) {
        Throwable cause = failure instanceof CompletionException c && c.getCause() != null ? c.getCause() : failure;
        if (cause instanceof CancellationException || (reply != null && reply.isStatusMessage())) {
            throw new CompletionException(new StanException(StanException.Kind.NOT_SUPPORTED, "no streaming server"
                    + " answered on " + subject + ": the server does not support delivery times (the natsjms schedule"
                    + " extension; the original nats-streaming-server has none), or it is not running; guid " + guid
                    + " on channel \"" + channel + "\" not published"));
        }
        if (cause instanceof TimeoutException) {
            throw new CompletionException(new StanException(StanException.Kind.TIMEOUT, "stan: publish ack timeout:"
                    + " no PubAck for scheduled guid " + guid + " on channel \"" + channel + "\" within " + wait));
        }
        if (cause != null) {
            throw new CompletionException(new StanException(StanException.Kind.IO, "scheduled publish of guid " + guid
                    + " on channel \"" + channel + "\" failed: " + cause, cause));
        }
        PubAck ack;
        try {
            ack = Codec.decode(PubAck.parser(), reply.getData() == null ? new byte[0] : reply.getData(), "PubAck",
                    subject);
        } catch (ProtocolException e) {
            throw new CompletionException(new StanException(StanException.Kind.IO, e.getMessage(), e));
        }
        if (!ack.getError().isEmpty()) {
            throw new CompletionException(StanException.fromServer(StanException.Kind.SERVER_ERROR, ack.getError()));
        }
        return guid;
    }
}
