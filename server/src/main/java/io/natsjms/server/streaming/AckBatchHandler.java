package io.natsjms.server.streaming;

import io.natsjms.protocol.Codec;
import io.natsjms.protocol.Extensions;
import io.natsjms.protocol.ProtocolException;
import io.natsjms.protocol.ext.AckBatch;
import io.natsjms.protocol.ext.AckBatchResponse;
import java.lang.System.Logger.Level;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * AckBatch requests (a natsjms extension, see {@link Extensions#acksSubject(String)}): many acks of one
 * subscription applied in one engine task, each exactly as {@link AckHandler} applies a single one, with
 * one lazy commit for all of them. The reply says how many were pending; a batch for no live
 * subscription, or one that cannot be decoded, is refused as a whole. Owned by the engine loop.
 */
final class AckBatchHandler implements Transport.Handler {

    private static final System.Logger LOG = System.getLogger(AckBatchHandler.class.getName());

    private final Transport transport;
    private final ChannelRegistry channels;
    private final AckHandler acks;

    AckBatchHandler(Transport transport, ChannelRegistry channels, AckHandler acks) {
        this.transport = transport;
        this.channels = channels;
        this.acks = acks;
    }

    @Override
    public void onMessage(String subject, String replyTo, byte[] data) {
        AckBatchResponse response;
        try {
            response = apply(Codec.decode(AckBatch.parser(), data, "AckBatch", subject));
        } catch (ProtocolException e) {
            LOG.log(Level.DEBUG, e.getMessage());
            response = error(Extensions.INVALID_ACK_BATCH);
        }
        if (replyTo != null) {
            transport.publish(replyTo, response.toByteArray());
        }
    }

    private AckBatchResponse apply(AckBatch batch) {
        Channel channel = channels.get(batch.getChannel());
        Subscription sub = channel == null ? null : channel.byAckInbox.get(batch.getAckInbox());
        if (sub == null) {
            LOG.log(Level.DEBUG, () -> "ack batch for channel \"" + batch.getChannel() + "\" and ack inbox \""
                    + batch.getAckInbox() + "\" refused: no such subscription");
            return error(Extensions.UNKNOWN_ACK_INBOX);
        }
        int applied = 0;
        Set<Subscription> owners = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < batch.getSequencesCount(); i++) {
            Subscription owner = acks.ackQuietly(sub, batch.getSequences(i));
            if (owner != null) {
                applied++;
                owners.add(owner);
            }
        }
        owners.forEach(acks::unstall);
        return AckBatchResponse.newBuilder().setApplied(applied).build();
    }

    private static AckBatchResponse error(String error) {
        return AckBatchResponse.newBuilder().setError(error).build();
    }
}
