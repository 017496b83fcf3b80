package io.natsjms.server.streaming;

import io.natsjms.protocol.Codec;
import io.natsjms.protocol.ProtocolErrors;
import io.natsjms.protocol.ProtocolException;
import io.natsjms.protocol.pb.SubscriptionResponse;
import io.natsjms.protocol.pb.UnsubscribeRequest;

/**
 * UnsubscribeRequests on the unsubscribe subject (a durable is deleted) or on the subscription-close
 * subject (a durable is kept offline). The subscription is found by its ack inbox or, for clients
 * that gave up waiting for a subscribe reply, by its delivery inbox. Owned by the engine loop.
 */
final class UnsubscribeHandler implements Transport.Handler {

    private final Transport transport;
    private final ClientRegistry clients;
    private final ChannelRegistry channels;
    private final Commits commits;
    private final SubscriptionRemoval removal;
    private final boolean unsubscribe;

    UnsubscribeHandler(Transport transport, ClientRegistry clients, ChannelRegistry channels, Commits commits,
                       SubscriptionRemoval removal, boolean unsubscribe) {
        this.transport = transport;
        this.clients = clients;
        this.channels = channels;
        this.commits = commits;
        this.removal = removal;
        this.unsubscribe = unsubscribe;
    }

    @Override
    public void onMessage(String subject, String replyTo, byte[] data) {
        String error = remove(subject, data);
        if (replyTo != null) {
            SubscriptionResponse.Builder response = SubscriptionResponse.newBuilder();
            if (error != null) {
                response.setError(error);
            }
            transport.publish(replyTo, response.build().toByteArray());
        }
    }

    private String remove(String subject, byte[] data) {
        UnsubscribeRequest request;
        try {
            request = Codec.decode(UnsubscribeRequest.parser(), data, "UnsubscribeRequest", subject);
        } catch (ProtocolException e) {
            return ProtocolErrors.INVALID_UNSUBSCRIBE_REQUEST;
        }
        Channel channel = channels.get(request.getSubject());
        if (channel == null) {
            return ProtocolErrors.UNKNOWN_CHANNEL;
        }
        Subscription sub = channel.byAckInbox.get(request.getInbox());
        if (sub == null) {
            sub = channel.byInbox.get(request.getInbox());
        }
        if (sub == null) {
            return ProtocolErrors.INVALID_SUBSCRIPTION;
        }
        if (!sub.clientId.equals(request.getClientID()) || clients.byId(request.getClientID()) == null) {
            return ProtocolErrors.UNKNOWN_CLIENT_ID;
        }
        removal.remove(sub, unsubscribe);
        commits.commitNow();
        return null;
    }
}
