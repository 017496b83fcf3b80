package io.natsjms.server.streaming;

import io.natsjms.protocol.Subjects;

import io.natsjms.server.config.ServerConfig;

import io.natsjms.protocol.ClientIds;
import io.natsjms.protocol.Codec;
import io.natsjms.protocol.Inboxes;
import io.natsjms.protocol.ProtocolErrors;
import io.natsjms.protocol.ProtocolException;
import io.natsjms.protocol.pb.ConnectRequest;
import io.natsjms.protocol.pb.ConnectResponse;
import io.natsjms.store.StoreException;
import io.natsjms.store.spb.ClientInfo;
import java.lang.System.Logger.Level;

/**
 * ConnectRequests on the discovery subject. A request for a client ID that is already registered
 * probes the registered client's heartbeat inbox first: if it answers, the new connect is refused;
 * if not, the stale client is closed and replaced. Owned by the engine loop.
 */
final class ConnectHandler implements Transport.Handler {

    private static final System.Logger LOG = System.getLogger(ConnectHandler.class.getName());
    private static final byte[] EMPTY = new byte[0];

    private final ServerConfig config;
    private final Subjects subjects;
    private final EngineLoop loop;
    private final Transport transport;
    private final ClientRegistry clients;
    private final ClientLifecycle lifecycle;

    ConnectHandler(ServerConfig config, Subjects subjects, EngineLoop loop, Transport transport,
                   ClientRegistry clients, ClientLifecycle lifecycle) {
        this.config = config;
        this.subjects = subjects;
        this.loop = loop;
        this.transport = transport;
        this.clients = clients;
        this.lifecycle = lifecycle;
    }

    @Override
    public void onMessage(String subject, String replyTo, byte[] data) {
        if (replyTo == null) {
            return;
        }
        ConnectRequest request;
        try {
            request = Codec.decode(ConnectRequest.parser(), data, "ConnectRequest", subject);
        } catch (ProtocolException e) {
            reply(replyTo, ProtocolErrors.INVALID_CONNECT_REQUEST);
            return;
        }
        String hbProblem = Inboxes.problem(request.getHeartbeatInbox());
        if (hbProblem != null) {
            LOG.log(Level.DEBUG, () -> "[Client:" + request.getClientID() + "] Invalid connect request: "
                    + Inboxes.describe("heartbeat inbox", request.getHeartbeatInbox(), hbProblem));
            reply(replyTo, ProtocolErrors.INVALID_CONNECT_REQUEST);
            return;
        }
        String clientId = request.getClientID();
        if (!ClientIds.isValid(clientId)) {
            reply(replyTo, ProtocolErrors.INVALID_CLIENT_ID);
            return;
        }
        Client existing = clients.byId(clientId);
        if (existing == null) {
            if (clients.checkInProgress(clientId)) {
                reply(replyTo, ProtocolErrors.CLIENT_ID_ALREADY_REGISTERED);
                return;
            }
            accept(request, replyTo);
            return;
        }
        if (!clients.startCheck(clientId)) {
            reply(replyTo, ProtocolErrors.CLIENT_ID_ALREADY_REGISTERED);
            return;
        }
        transport.request(existing.info.getHbInbox(), EMPTY, config.dupCheckTimeout())
                .whenComplete((answer, failure) -> loop.execute(
                        () -> afterProbe(existing, failure == null, request, replyTo)));
    }

    private void afterProbe(Client existing, boolean alive, ConnectRequest request, String replyTo) {
        clients.endCheck(request.getClientID());
        if (alive && clients.byId(existing.id()) == existing) {
            reply(replyTo, ProtocolErrors.CLIENT_ID_ALREADY_REGISTERED);
            return;
        }
        if (clients.byId(existing.id()) == existing) {
            LOG.log(Level.INFO, () -> "[Client:" + existing.id() + "] Replaced stale client");
            lifecycle.close(existing);
        }
        if (clients.byId(request.getClientID()) != null) {
            reply(replyTo, ProtocolErrors.CLIENT_ID_ALREADY_REGISTERED);
            return;
        }
        accept(request, replyTo);
    }

    private void accept(ConnectRequest request, String replyTo) {
        ClientInfo info = ClientInfo.newBuilder()
                .setID(request.getClientID())
                .setHbInbox(request.getHeartbeatInbox())
                .setConnID(request.getConnID())
                .setProtocol(request.getProtocol())
                .setPingInterval(request.getPingInterval())
                .setPingMaxOut(request.getPingMaxOut())
                .build();
        try {
            lifecycle.register(info);
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, "could not register client " + request.getClientID() + ": " + e.getMessage(), e);
            reply(replyTo, e instanceof StoreException failure
                    ? failure.publicMessage() : ProtocolErrors.INVALID_CONNECT_REQUEST);
            return;
        }
        ConnectResponse.Builder response = ConnectResponse.newBuilder()
                .setPubPrefix(subjects.publish())
                .setSubRequests(subjects.subscribe())
                .setUnsubRequests(subjects.unsubscribe())
                .setCloseRequests(subjects.close())
                .setSubCloseRequests(subjects.subClose())
                .setProtocol(1);
        if (request.getProtocol() >= 1) {
            response.setPingRequests(subjects.pings())
                    .setPingInterval(request.getPingInterval())
                    .setPingMaxOut(request.getPingMaxOut());
        }
        transport.publish(replyTo, response.build().toByteArray());
    }

    private void reply(String replyTo, String error) {
        transport.publish(replyTo, ConnectResponse.newBuilder().setError(error).build().toByteArray());
    }
}
