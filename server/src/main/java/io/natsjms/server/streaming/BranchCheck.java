package io.natsjms.server.streaming;

import io.natsjms.protocol.ProtocolErrors;
import io.natsjms.protocol.ext.TxAck;
import io.natsjms.protocol.pb.PubMsg;
import io.natsjms.store.spb.BranchId;
import io.natsjms.store.spb.PreparedAck;
import io.natsjms.store.spb.PreparedSend;
import io.natsjms.store.spb.PreparedTx;
import java.lang.System.Logger.Level;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a transaction branch before it is prepared (or committed in one phase), so that applying it
 * cannot fail for a reason of the request: each send is checked as a publish is (guid, channel name,
 * registered publisher, size) and its channel is created now, so that max channels is checked too;
 * each ack is resolved from its ack inbox to the subscription the message is pending on. An ack that
 * names no subscription or a message pending nowhere (acknowledged already, or its subscription gone)
 * can no longer matter and is left out. Owned by the engine loop.
 */
final class BranchCheck {

    private static final System.Logger LOG = System.getLogger(BranchCheck.class.getName());

    /** A checked branch: what applying it does, and the messages its acks name. */
    record Checked(PreparedTx tx, List<PreparedBranches.Hold> holds) {

        boolean isEmpty() {
            return tx.getSendsCount() == 0 && holds.isEmpty();
        }
    }

    private final ClientRegistry clients;
    private final ChannelRegistry channels;
    private final PublishPipeline pipeline;

    BranchCheck(ClientRegistry clients, ChannelRegistry channels, PublishPipeline pipeline) {
        this.clients = clients;
        this.channels = channels;
        this.pipeline = pipeline;
    }

    /**
     * The branch {@code id} with {@code sends} and {@code acks}, prepared now.
     *
     * @throws TxRefused XA_RBROLLBACK naming the first send that is refused and why
     */
    Checked check(BranchId id, List<PubMsg> sends, List<TxAck> acks) throws TxRefused {
        PreparedTx.Builder tx = PreparedTx.newBuilder().setId(id).setPreparedAt(Engine.wallNanos());
        for (int i = 0; i < sends.size(); i++) {
            PubMsg msg = sends.get(i);
            String problem = problem(msg);
            if (problem != null) {
                throw new TxRefused(XaCode.XA_RBROLLBACK, "send " + (i + 1) + " of " + sends.size() + " (channel \""
                        + msg.getSubject() + "\", guid \"" + msg.getGuid() + "\"): " + problem);
            }
            tx.addSends(PreparedSend.newBuilder().setChannel(msg.getSubject()).setGuid(msg.getGuid())
                    .setData(msg.getData()).setReply(msg.getReply()));
        }
        Set<PreparedBranches.Hold> holds = new LinkedHashSet<>();
        for (TxAck ack : acks) {
            PreparedBranches.Hold hold = resolve(ack);
            if (hold != null && holds.add(hold)) {
                tx.addAcks(PreparedAck.newBuilder().setChannel(hold.channel()).setSubID(hold.subId())
                        .setSequence(hold.sequence()));
            }
        }
        return new Checked(tx.build(), List.copyOf(holds));
    }

    /** Why {@code msg} cannot be published (a wire error with details), or {@code null}. */
    private String problem(PubMsg msg) {
        String channel = msg.getSubject();
        if (msg.getGuid().isEmpty()) {
            return ProtocolErrors.INVALID_PUBLISH_REQUEST + " (guid: empty, expected: the publish's unique ID)";
        }
        if (!PublishPipeline.validChannel(channels, channel)) {
            return ProtocolErrors.INVALID_PUBLISH_REQUEST + " (channel: expected a literal subject of non-empty"
                    + " tokens, without '/' or wildcards)";
        }
        if (!PublishPipeline.knownPublisher(clients, msg)) {
            return ProtocolErrors.INVALID_PUBLISH_REQUEST + " (publisher \"" + msg.getClientID()
                    + "\" is not a registered client with this connection ID)";
        }
        String tooLarge = pipeline.sizeProblemWhenStored(channel, msg.getGuid(), msg.getReply(), msg.getData());
        if (tooLarge != null) {
            return tooLarge;
        }
        try {
            channels.getOrCreate(channel);
            return null;
        } catch (RequestRejected e) {
            return e.wireError();
        }
    }

    /** The message an ack names, or {@code null} when it can no longer matter. */
    private PreparedBranches.Hold resolve(TxAck ack) {
        Channel channel = channels.get(ack.getChannel());
        Subscription sub = channel == null ? null : channel.byAckInbox.get(ack.getAckInbox());
        Subscription owner = sub == null ? null : AckHandler.owner(sub, ack.getSequence());
        if (owner == null) {
            LOG.log(Level.DEBUG, () -> "transaction ack of message " + ack.getSequence() + " on \""
                    + ack.getChannel() + "\" through ack inbox " + ack.getAckInbox()
                    + " left out: no such subscription, or the message is not pending on it");
            return null;
        }
        return new PreparedBranches.Hold(channel.name, owner.id, ack.getSequence(), owner.group);
    }
}
