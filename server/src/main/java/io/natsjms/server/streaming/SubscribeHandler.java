package io.natsjms.server.streaming;

import io.natsjms.protocol.ChannelNames;
import io.natsjms.protocol.Codec;
import io.natsjms.protocol.Extensions;
import io.natsjms.protocol.Inboxes;
import io.natsjms.protocol.ProtocolErrors;
import io.natsjms.protocol.ProtocolException;
import io.natsjms.protocol.Subjects;
import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.protocol.pb.SubscriptionRequest;
import io.natsjms.protocol.pb.SubscriptionResponse;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.store.StoreException;
import io.natsjms.store.spb.SubState;
import java.lang.System.Logger.Level;
import java.util.ArrayList;

/**
 * SubscriptionRequests: plain, durable (new or resumed) and queue subscriptions. The reply goes out
 * before any message of the new subscription; a resumed durable or group gets its pending messages
 * again first, then new ones. Owned by the engine loop.
 */
final class SubscribeHandler implements Transport.Handler {

    private static final System.Logger LOG = System.getLogger(SubscribeHandler.class.getName());

    private final ServerConfig config;
    private final Subjects subjects;
    private final Transport transport;
    private final ClientRegistry clients;
    private final ChannelRegistry channels;
    private final Commits commits;
    private final Delivery delivery;
    private final Redelivery redelivery;
    private final SubscriptionRemoval removal;
    private final Inactivity inactivity;

    SubscribeHandler(ServerConfig config, Subjects subjects, Transport transport, ClientRegistry clients,
                     ChannelRegistry channels, Commits commits, Delivery delivery, Redelivery redelivery,
                     SubscriptionRemoval removal, Inactivity inactivity) {
        this.config = config;
        this.subjects = subjects;
        this.transport = transport;
        this.clients = clients;
        this.channels = channels;
        this.commits = commits;
        this.delivery = delivery;
        this.redelivery = redelivery;
        this.removal = removal;
        this.inactivity = inactivity;
    }

    @Override
    public void onMessage(String subject, String replyTo, byte[] data) {
        if (replyTo == null) {
            return;
        }
        SubscriptionRequest request;
        try {
            request = Codec.decode(SubscriptionRequest.parser(), data, "SubscriptionRequest", subject);
        } catch (ProtocolException e) {
            reply(replyTo, SubscriptionResponse.newBuilder().setError(ProtocolErrors.INVALID_SUBSCRIPTION_REQUEST));
            return;
        }
        serve(request, null, replyTo);
    }

    /**
     * Serves a decoded request: a STAN one ({@code selector} null) or a selective subscription of the
     * natsjms extension ({@link SelectiveSubscribeHandler}), whose selector is checked after the STAN
     * checks and before the channel is created.
     */
    void serve(SubscriptionRequest request, String selector, String replyTo) {
        Subscription sub;
        try {
            validate(request);
            SelectorFilter filter = selector == null ? SelectorFilter.ALL : selectorOf(request, selector);
            sub = subscribe(request, filter);
        } catch (RequestRejected e) {
            reply(replyTo, SubscriptionResponse.newBuilder().setError(e.wireError()));
            // the channel may have been created for this request: it is idle from now on
            Channel channel = channels.get(request.getSubject());
            if (channel != null) {
                inactivity.startIfIdle(channel);
            }
            return;
        }
        reply(replyTo, SubscriptionResponse.newBuilder().setAckInbox(sub.ackInbox));
        start(sub);
    }

    private void validate(SubscriptionRequest request) throws RequestRejected {
        if (request.getClientID().isEmpty()) {
            throw new RequestRejected(ProtocolErrors.MISSING_CLIENT_ID);
        }
        if (request.getAckWaitInSecs() <= 0) {
            throw new RequestRejected(ProtocolErrors.INVALID_ACK_WAIT);
        }
        if (request.getMaxInFlight() <= 0) {
            throw new RequestRejected(ProtocolErrors.INVALID_MAX_IN_FLIGHT);
        }
        int startPosition = request.getStartPositionValue();
        if (startPosition < 0 || startPosition > 4) {
            throw new RequestRejected(ProtocolErrors.INVALID_START_POSITION);
        }
        if (!ChannelNames.isValid(request.getSubject())) {
            throw new RequestRejected(ProtocolErrors.INVALID_SUBJECT);
        }
        String inboxProblem = Inboxes.problem(request.getInbox());
        if (inboxProblem != null) {
            LOG.log(Level.DEBUG, () -> "[Client:" + request.getClientID() + "] Invalid subscription request on \""
                    + request.getSubject() + "\": " + Inboxes.describe("inbox", request.getInbox(), inboxProblem));
            throw new RequestRejected(ProtocolErrors.INVALID_SUBSCRIPTION_REQUEST);
        }
        if (clients.byId(request.getClientID()) == null) {
            throw new RequestRejected(ProtocolErrors.UNKNOWN_CLIENT_ID);
        }
    }

    private static SelectorFilter selectorOf(SubscriptionRequest request, String selector) throws RequestRejected {
        if (request.getQGroup().isEmpty()) {
            throw new RequestRejected(Extensions.SELECTOR_NEEDS_QUEUE_GROUP);
        }
        return SelectorFilter.compile(selector);
    }

    private Subscription subscribe(SubscriptionRequest request, SelectorFilter selector) throws RequestRejected {
        Channel channel = channels.getOrCreate(request.getSubject());
        if (!request.getQGroup().isEmpty()) {
            return joinGroup(channel, request, selector);
        }
        if (!request.getDurableName().isEmpty()) {
            String key = Channel.durableKey(request.getClientID(), channel.name, request.getDurableName());
            Subscription existing = channel.durables.get(key);
            if (existing != null && !existing.offline) {
                if (!config.replaceDurable()) {
                    throw new RequestRejected(ProtocolErrors.DUPLICATE_DURABLE);
                }
                removal.remove(existing, false);
            }
            if (existing != null) {
                return resume(existing, request, SelectorFilter.ALL);
            }
        }
        long lastSent = StartPositions.lastSent(request, channel.store.messages(), Engine.wallNanos());
        Subscription sub = create(channel, request, lastSent, null, SelectorFilter.ALL);
        if (sub.durable) {
            channel.durables.put(Channel.durableKey(sub.clientId, channel.name, sub.durableName), sub);
        }
        return sub;
    }

    private Subscription joinGroup(Channel channel, SubscriptionRequest request, SelectorFilter selector)
            throws RequestRejected {
        boolean durable = !request.getDurableName().isEmpty();
        if (durable && request.getDurableName().contains(":")) {
            throw new RequestRejected(ProtocolErrors.INVALID_DURABLE_QUEUE_NAME);
        }
        String key = durable ? request.getDurableName() + ":" + request.getQGroup() : request.getQGroup();
        QueueGroup group = channel.groups.get(key);
        if (group == null) {
            group = new QueueGroup(request.getQGroup(), key, durable);
            group.lastSent = StartPositions.lastSent(request, channel.store.messages(), Engine.wallNanos());
            ensureParkingRecord(channel, group, selector);
            Subscription sub;
            try {
                sub = create(channel, request, group.lastSent, group, selector);
            } catch (RequestRejected e) {
                group.parked.deleteRecord(channel.store.subscriptions());
                throw e;
            }
            channel.groups.put(key, group);
            return sub;
        }
        ensureParkingRecord(channel, group, selector);
        if (group.shadow != null && group.members.isEmpty()) {
            Subscription shadow = group.shadow;
            group.shadow = null;
            return resume(shadow, request, selector);
        }
        return create(channel, request, group.lastSent, group, selector);
    }

    /**
     * A group's first selective member brings its parking record (see {@link ParkedMessages}), so that
     * parked messages survive a restart; a channel at its max subscriptions refuses the member.
     */
    private void ensureParkingRecord(Channel channel, QueueGroup group, SelectorFilter selector)
            throws RequestRejected {
        if (selector.selectsAll() || group.parked.recordId != 0) {
            return;
        }
        SubState record = SubState.newBuilder()
                .setQGroup(group.name)
                .setDurableName(group.durableName())
                .setIsDurable(group.durable)
                .setIsClosed(true)
                .setIsParking(true)
                .setLastSent(group.lastSent)
                .setMaxInFlight(1)
                .setAckWaitInSecs(1)
                .build();
        group.parked.recordId = createRecord(channel, record).getID();
    }

    private SubState createRecord(Channel channel, SubState state) throws RequestRejected {
        try {
            return channel.store.subscriptions().create(state);
        } catch (StoreException e) {
            if (e.reason() == StoreException.Reason.TOO_MANY_SUBSCRIPTIONS) {
                throw new RequestRejected(ProtocolErrors.TOO_MANY_SUBSCRIPTIONS);
            }
            throw new RequestRejected(e.getMessage());
        }
    }

    private Subscription create(Channel channel, SubscriptionRequest request, long lastSent, QueueGroup group,
                                SelectorFilter selector) throws RequestRejected {
        SubState state = SubState.newBuilder()
                .setClientID(request.getClientID())
                .setQGroup(request.getQGroup())
                .setInbox(request.getInbox())
                .setAckInbox(subjects.ackInbox(transport.uniqueToken()))
                .setMaxInFlight(request.getMaxInFlight())
                .setAckWaitInSecs(request.getAckWaitInSecs())
                .setDurableName(request.getDurableName())
                .setLastSent(lastSent)
                .setIsDurable(!request.getDurableName().isEmpty())
                .setSelector(selector.text())
                .build();
        state = createRecord(channel, state);
        commits.commitNow();
        Subscription sub = new Subscription(state.getID(), channel, state, group);
        goOnline(sub);
        return sub;
    }

    /** Brings back an offline durable or a durable group's shadow for the requesting client. */
    private Subscription resume(Subscription sub, SubscriptionRequest request, SelectorFilter selector) {
        sub.clientId = request.getClientID();
        sub.inbox = request.getInbox();
        sub.ackInbox = subjects.ackInbox(transport.uniqueToken());
        sub.maxInFlight = request.getMaxInFlight();
        sub.ackWaitSeconds = request.getAckWaitInSecs();
        sub.offline = false;
        sub.stalled = false;
        sub.selector = selector;
        if (sub.group != null && !selector.selectsAll()) {
            parkWhatIsNotSelected(sub);
        }
        sub.newOnHold = !sub.pending.isEmpty();
        if (sub.group != null) {
            sub.group.newOnHold = sub.newOnHold;
        }
        sub.channel.store.subscriptions().update(sub.toState());
        commits.commitNow();
        goOnline(sub);
        return sub;
    }

    /**
     * The member taking over a shadow has its own selector: what the shadow holds that it does not
     * select waits in the group for another member.
     */
    private void parkWhatIsNotSelected(Subscription sub) {
        for (long sequence : new ArrayList<>(sub.pending.keySet())) {
            MsgProto msg = sub.channel.store.messages().lookup(sequence);
            if (msg != null && !redelivery.isHeld(sub, sequence)
                    && !sub.selector.selects(msg, sub.redeliveryCount(sequence) + 2)) {
                delivery.parkPending(sub.group, sub, msg);
            }
        }
    }

    private void goOnline(Subscription sub) {
        sub.channel.attach(sub, clients.byId(sub.clientId));
        inactivity.check(sub.channel);
    }

    /** After the reply: pending messages of a resumed subscription first, then what is new. */
    private void start(Subscription sub) {
        if (sub.newOnHold) {
            redelivery.redeliverAllPending(sub);
            sub.newOnHold = false;
            if (sub.group != null) {
                sub.group.newOnHold = false;
            }
        }
        if (sub.group != null) {
            delivery.memberJoined(sub);
            delivery.sendAvailable(sub.group);
        } else {
            delivery.sendAvailable(sub);
        }
    }

    private void reply(String replyTo, SubscriptionResponse.Builder response) {
        transport.publish(replyTo, response.build().toByteArray());
    }
}
