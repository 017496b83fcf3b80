package io.natsjms.server.streaming;

import io.natsjms.protocol.Codec;
import io.natsjms.protocol.Extensions;
import io.natsjms.protocol.ProtocolException;
import io.natsjms.protocol.ext.SelectiveSubscriptionRequest;
import io.natsjms.protocol.pb.SubscriptionResponse;

/**
 * SelectiveSubscriptionRequests (a natsjms extension, see {@link Extensions#subscribeSubject(String)}):
 * a queue-group subscription whose member takes only the messages its JMS selector selects. Served
 * like a STAN subscription request ({@link SubscribeHandler}), with the selector checked after the
 * STAN checks. Owned by the engine loop.
 */
final class SelectiveSubscribeHandler implements Transport.Handler {

    private final Transport transport;
    private final SubscribeHandler subscriptions;

    SelectiveSubscribeHandler(Transport transport, SubscribeHandler subscriptions) {
        this.transport = transport;
        this.subscriptions = subscriptions;
    }

    @Override
    public void onMessage(String subject, String replyTo, byte[] data) {
        if (replyTo == null) {
            return;
        }
        SelectiveSubscriptionRequest request;
        try {
            request = Codec.decode(SelectiveSubscriptionRequest.parser(), data, "SelectiveSubscriptionRequest", subject);
        } catch (ProtocolException e) {
            transport.publish(replyTo, SubscriptionResponse.newBuilder()
                    .setError(Extensions.INVALID_SELECTIVE_SUBSCRIPTION).build().toByteArray());
            return;
        }
        subscriptions.serve(request.getRequest(), request.getSelector(), replyTo);
    }
}
