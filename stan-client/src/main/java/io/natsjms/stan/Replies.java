package io.natsjms.stan;

import com.google.protobuf.Parser;
import io.natsjms.protocol.Codec;
import io.natsjms.protocol.ProtocolException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits for the reply to a STAN request or for a PubAck, turning every way it can end into a
 * {@link StanException} of the right kind.
 */
final class Replies {

    private Replies() {
    }

    /**
     * Waits for a request's reply and decodes it.
     *
     * @param reply the reply payload; {@code null} if NATS answered "no responders"; cancelled
     *              likewise; failed with a {@link TimeoutException} if no reply came in time
     * @param wait  the request's own timeout (this waits a little longer, as a safety net)
     * @throws StanException TIMEOUT ("no responders on ..." or "timed out after ... on ..."), IO for an
     *                       undecodable reply or a transport failure, INTERRUPTED
     */
    static <T> T await(CompletableFuture<byte[]> reply, Duration wait, Parser<T> parser, String replyType,
                       String subject) throws StanException {
        byte[] payload;
        try {
            payload = reply.get(wait.toMillis() * 2 + 1000, TimeUnit.MILLISECONDS);
        } catch (CancellationException e) {
            throw noReply(subject, "no responders");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CancellationException) {
                throw noReply(subject, "no responders");
            }
            if (cause instanceof TimeoutException) {
                throw noReply(subject, "timed out after " + wait);
            }
            throw new StanException(StanException.Kind.IO, "request to \"" + subject + "\" failed: "
                    + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            reply.cancel(true);
            throw noReply(subject, "timed out after " + wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StanException(StanException.Kind.INTERRUPTED, "interrupted waiting for a reply on \""
                    + subject + "\"", e);
        }
        if (payload == null) {
            throw noReply(subject, "no responders");
        }
        try {
            return Codec.decode(parser, payload, replyType, subject);
        } catch (ProtocolException e) {
            throw new StanException(StanException.Kind.IO, e.getMessage(), e);
        }
    }

    /**
     * Waits for a publish's outcome.
     *
     * @param wait how long at most (the future itself times out after the ack wait)
     */
    static String awaitPubAck(CompletableFuture<String> future, Duration wait, String channel)
            throws StanException {
        try {
            return future.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof StanException stan) {
                throw stan;
            }
            throw new StanException(StanException.Kind.IO, "publish to channel \"" + channel + "\" failed",
                    e.getCause());
        } catch (TimeoutException e) {
            throw new StanException(StanException.Kind.TIMEOUT, "stan: publish ack timeout on channel \""
                    + channel + "\"", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StanException(StanException.Kind.INTERRUPTED,
                    "interrupted while waiting for the PubAck of channel \"" + channel + "\"", e);
        }
    }

    private static StanException noReply(String subject, String why) {
        return new StanException(StanException.Kind.TIMEOUT, why + " on \"" + subject + "\"");
    }
}
