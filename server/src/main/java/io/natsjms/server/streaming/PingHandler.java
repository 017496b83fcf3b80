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

    private final Engine engine;
    private final Heartbeats heartbeats;

    PingHandler(Engine engine, Heartbeats heartbeats) {
        this.engine = engine;
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
        Client client = engine.clients.byConnId(ping.getConnID());
        if (client == null) {
            engine.transport.publish(replyTo,
                    PingResponse.newBuilder().setError(ProtocolErrors.CLIENT_REPLACED).build().toByteArray());
            return;
        }
        engine.transport.publish(replyTo, OK);
        if (client.hasFailedHeartbeats()) {
            heartbeats.schedule(client, REFRESH_NANOS);
        }
    }
}
