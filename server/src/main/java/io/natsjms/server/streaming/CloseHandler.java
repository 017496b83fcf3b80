package io.natsjms.server.streaming;

import io.natsjms.protocol.Codec;
import io.natsjms.protocol.ProtocolErrors;
import io.natsjms.protocol.ProtocolException;
import io.natsjms.protocol.pb.CloseRequest;
import io.natsjms.protocol.pb.CloseResponse;

/** CloseRequests: the client's connection ends. Owned by the engine loop. */
final class CloseHandler implements Transport.Handler {

    private final Transport transport;
    private final ClientRegistry clients;
    private final ClientLifecycle lifecycle;

    CloseHandler(Transport transport, ClientRegistry clients, ClientLifecycle lifecycle) {
        this.transport = transport;
        this.clients = clients;
        this.lifecycle = lifecycle;
    }

    @Override
    public void onMessage(String subject, String replyTo, byte[] data) {
        String error = close(subject, data);
        if (replyTo != null) {
            CloseResponse.Builder response = CloseResponse.newBuilder();
            if (error != null) {
                response.setError(error);
            }
            transport.publish(replyTo, response.build().toByteArray());
        }
    }

    private String close(String subject, byte[] data) {
        CloseRequest request;
        try {
            request = Codec.decode(CloseRequest.parser(), data, "CloseRequest", subject);
        } catch (ProtocolException e) {
            return ProtocolErrors.INVALID_CLOSE_REQUEST;
        }
        Client client = clients.byId(request.getClientID());
        if (client == null) {
            return ProtocolErrors.UNKNOWN_CLIENT_ID;
        }
        lifecycle.close(client);
        return null;
    }
}
