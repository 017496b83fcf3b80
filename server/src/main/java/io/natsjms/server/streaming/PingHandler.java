package io.natsjms.server.streaming;

import io.natsjms.protocol.ProtocolErrors;
import io.natsjms.protocol.pb.Ping;
import io.natsjms.protocol.pb.PingResponse;
import com.google.protobuf.InvalidProtocolBufferException;

/**
 * Client PINGs: a client still registered under the PING's connection ID gets an empty reply, any
 * other an error telling it it was replaced. Owned by the engine loop.
 */
final class PingHandler implements Transport.Handler {

    private static final byte[] OK = PingResponse.getDefaultInstance().toByteArray();
    private static final long REFRESH_NANOS = 1_000_000L;

    private final Transport transport;
    private final ClientRegistry clients;
    private final Heartbeats heartbeats;

    PingHandler(Transport transport, ClientRegistry clients, Heartbeats heartbeats) {
        this.transport = transport;
        this.clients = clients;
        this.heartbeats = heartbeats;
    }

    @Override
    public void onMessage(String subject, String replyTo, byte[] data) {
        if (replyTo == null || data.length == 0) {
            return;
        }
        Ping ping;
        try {
            ping = Ping.parseFrom(data);
        } catch (InvalidProtocolBufferException e) {
            return;
        }
        Client client = clients.byConnId(ping.getConnID());
        if (client == null) {
            transport.publish(replyTo,
                    PingResponse.newBuilder().setError(ProtocolErrors.CLIENT_REPLACED).build().toByteArray());
            return;
        }
        transport.publish(replyTo, OK);
        if (client.hasFailedHeartbeats()) {
            heartbeats.schedule(client, REFRESH_NANOS);
        }
    }
}
