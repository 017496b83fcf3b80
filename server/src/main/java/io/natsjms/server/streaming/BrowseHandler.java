package io.natsjms.server.streaming;

import io.natsjms.protocol.ChannelNames;
import io.natsjms.protocol.Codec;
import io.natsjms.protocol.Extensions;
import io.natsjms.protocol.ProtocolErrors;
import io.natsjms.protocol.ProtocolException;
import io.natsjms.protocol.ext.BrowseRequest;
import io.natsjms.protocol.ext.BrowseResponse;
import io.natsjms.store.MessageStore;
import java.util.TreeSet;

/**
 * BrowseRequests (a natsjms extension, see {@link Extensions#browseSubject(String)}): where a queue
 * group stands in a channel, for queue browsers. The answer is taken on the engine loop after the
 * queued publishes were stored, so it is consistent with every publish, ack and subscription handled
 * before the request. Owned by the engine loop.
 */
final class BrowseHandler implements Transport.Handler {

    private final Transport transport;
    private final ClientRegistry clients;
    private final ChannelRegistry channels;

    BrowseHandler(Transport transport, ClientRegistry clients, ChannelRegistry channels) {
        this.transport = transport;
        this.clients = clients;
        this.channels = channels;
    }

    @Override
    public void onMessage(String subject, String replyTo, byte[] data) {
        if (replyTo == null) {
            return;
        }
        BrowseResponse response;
        try {
            response = answer(Codec.decode(BrowseRequest.parser(), data, "BrowseRequest", subject));
        } catch (ProtocolException e) {
            response = error(Extensions.INVALID_BROWSE_REQUEST);
        } catch (RequestRejected e) {
            response = error(e.wireError());
        }
        transport.publish(replyTo, response.toByteArray());
    }

    private BrowseResponse answer(BrowseRequest request) throws RequestRejected {
        validate(request);
        Channel channel = channels.get(request.getChannel());
        if (channel == null) {
            return BrowseResponse.getDefaultInstance();
        }
        MessageStore messages = channel.store.messages();
        BrowseResponse.Builder response = BrowseResponse.newBuilder()
                .setFirstSequence(messages.firstSequence())
                .setLastSequence(messages.lastSequence());
        QueueGroup group = channel.groups.get(groupKey(request));
        if (group != null) {
            response.setLastSent(group.lastSent).addAllPending(pending(group));
        }
        return response.build();
    }

    private void validate(BrowseRequest request) throws RequestRejected {
        if (request.getClientID().isEmpty()) {
            throw new RequestRejected(ProtocolErrors.MISSING_CLIENT_ID);
        }
        if (clients.byId(request.getClientID()) == null) {
            throw new RequestRejected(ProtocolErrors.UNKNOWN_CLIENT_ID);
        }
        if (!ChannelNames.isValid(request.getChannel())) {
            throw new RequestRejected(ProtocolErrors.INVALID_SUBJECT);
        }
        if (request.getQGroup().isEmpty()) {
            throw new RequestRejected(Extensions.MISSING_QUEUE_GROUP);
        }
        if (request.getDurableName().contains(":")) {
            throw new RequestRejected(ProtocolErrors.INVALID_DURABLE_QUEUE_NAME);
        }
    }

    /** The key the group has in its channel (as {@link SubscribeHandler} makes it). */
    private static String groupKey(BrowseRequest request) {
        return request.getDurableName().isEmpty()
                ? request.getQGroup()
                : request.getDurableName() + ":" + request.getQGroup();
    }

    /**
     * Every sequence below the cursor that the group has not consumed: pending on a member or, while
     * the durable group has none, on its shadow, or parked until a member selects it.
     */
    private static TreeSet<Long> pending(QueueGroup group) {
        TreeSet<Long> pending = new TreeSet<>();
        for (Subscription member : group.members) {
            pending.addAll(member.pending.keySet());
        }
        if (group.shadow != null) {
            pending.addAll(group.shadow.pending.keySet());
        }
        pending.addAll(group.parked.sequences());
        return pending;
    }

    private static BrowseResponse error(String error) {
        return BrowseResponse.newBuilder().setError(error).build();
    }
}
