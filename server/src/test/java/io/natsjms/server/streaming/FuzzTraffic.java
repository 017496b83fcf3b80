package io.natsjms.server.streaming;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import io.nats.client.Dispatcher;
import io.nats.client.NUID;
import io.natsjms.protocol.Extensions;
import io.natsjms.protocol.Subjects;
import io.natsjms.protocol.ext.BrowseRequest;
import io.natsjms.protocol.ext.BrowseResponse;
import io.natsjms.protocol.pb.Ack;
import io.natsjms.protocol.pb.CloseRequest;
import io.natsjms.protocol.pb.CloseResponse;
import io.natsjms.protocol.pb.ConnectRequest;
import io.natsjms.protocol.pb.ConnectResponse;
import io.natsjms.protocol.pb.Ping;
import io.natsjms.protocol.pb.PingResponse;
import io.natsjms.protocol.pb.PubAck;
import io.natsjms.protocol.pb.PubMsg;
import io.natsjms.protocol.pb.SubscriptionRequest;
import io.natsjms.protocol.pb.SubscriptionResponse;
import io.natsjms.protocol.pb.UnsubscribeRequest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The mutated STAN requests of a fuzz run, sent over one NATS connection to every streaming subject,
 * and what came back: the replies' errors counted by request kind, and every publish the server
 * acknowledged (so that a restart can be checked to keep all of them).
 */
final class FuzzTraffic implements AutoCloseable {

    /** The request kinds with their weight in the mix (percent). */
    enum Kind {
        PUB(30), SUB(18), ACK(15), UNSUB(6), SUBCLOSE(5), CONNECT(8), PING(6), BROWSE(6), CLOSE(6);

        final int weight;

        Kind(int weight) {
            this.weight = weight;
        }
    }

    /** A subscription the server accepted: its client, channel and ack inbox. */
    private record KnownSub(String clientId, String channel, String ackInbox) {
    }

    /** A publish the server acknowledged: its channel and payload. */
    record Acked(String channel, ByteString data) {
    }

    static final List<String> CHANNELS = List.of("fz.a", "fz.b", "fz.c", "fz.d");
    static final List<String> CLIENTS = List.of("f0", "f1", "f2");
    private static final String REPLIES = "_INBOX.fzr";
    private static final int MAX_KNOWN_SUBS = 256;

    private final RawStan raw;
    private final Subjects subjects;
    private final Random random;
    private final StanMutator mutator;
    private final NUID nuid = new NUID();
    private final Dispatcher replies;
    private final AtomicLong replyCounter = new AtomicLong();
    private final Map<String, Integer> sentGuids = new HashMap<>();
    private final Map<String, Acked> sentPublishes = new HashMap<>();
    private final Set<String> ackedGuids = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
    private final List<KnownSub> knownSubs = new ArrayList<>();
    /** Subscription requests sent, by the number in their reply subject, until answered. */
    private final Map<Long, SubscriptionRequest> pendingSubs = new ConcurrentHashMap<>();
    private final Map<String, ByteString> connIds = new ConcurrentHashMap<>();

    FuzzTraffic(RawStan raw, Random random) {
        this.raw = raw;
        this.subjects = raw.subjects;
        this.random = random;
        this.mutator = new StanMutator(random);
        this.replies = raw.nc.createDispatcher(msg -> onReply(msg.getSubject(), msg.getData()));
        replies.subscribe(REPLIES + ".>");
    }

    /** Remembers a registered client's connection ID, for publishes and PINGs that carry one. */
    void knowClient(String clientId, ByteString connId) {
        connIds.put(clientId, connId);
    }

    /** Sends one mutated request of a kind picked by weight. */
    void sendOne() {
        Kind kind = pickKind();
        Message base = base(kind);
        Message other = base(pickKind());
        // one in ten goes unchanged, so that valid requests keep changing the state the others meet
        byte[] payload = random.nextInt(10) == 0 ? base.toByteArray() : mutator.mutate(base, other);
        long number = replyCounter.incrementAndGet();
        String reply = random.nextInt(20) == 0 ? null : REPLIES + "." + kind.name().toLowerCase() + "." + number;
        if (kind == Kind.PUB) {
            rememberPublish(payload);
        } else if (kind == Kind.SUB && reply != null) {
            try {
                pendingSubs.put(number, SubscriptionRequest.parseFrom(payload));
            } catch (InvalidProtocolBufferException e) {
                // refused by the server too
            }
        }
        raw.nc.publish(subject(kind, base), reply, payload);
    }

    private Kind pickKind() {
        int roll = random.nextInt(100);
        for (Kind kind : Kind.values()) {
            roll -= kind.weight;
            if (roll < 0) {
                return kind;
            }
        }
        return Kind.PUB;
    }

    private Message base(Kind kind) {
        String client = pick(CLIENTS);
        String channel = pick(CHANNELS);
        return switch (kind) {
            case PUB -> {
                PubMsg.Builder msg = PubMsg.newBuilder().setClientID(client).setGuid(nuid.next()).setSubject(channel)
                        .setData(ByteString.copyFrom(bytes(random.nextInt(64))));
                ByteString connId = connIds.get(client);
                if (connId != null && random.nextBoolean()) {
                    msg.setConnID(connId);
                }
                yield msg.build();
            }
            case SUB -> {
                SubscriptionRequest.Builder sub = SubscriptionRequest.newBuilder().setClientID(client)
                        .setSubject(channel).setInbox("_INBOX." + nuid.next()).setMaxInFlight(1 + random.nextInt(16))
                        .setAckWaitInSecs(30).setStartPositionValue(random.nextInt(5))
                        .setStartSequence(random.nextInt(50)).setStartTimeDelta(random.nextLong() >>> 40);
                if (random.nextInt(3) == 0) {
                    sub.setQGroup("q" + random.nextInt(2));
                }
                if (random.nextInt(3) == 0) {
                    sub.setDurableName("d" + random.nextInt(3));
                }
                yield sub.build();
            }
            case ACK -> Ack.newBuilder().setSubject(knownSub().map(KnownSub::channel).orElse(channel))
                    .setSequence(1 + random.nextInt(200)).build();
            case UNSUB, SUBCLOSE -> knownSub().map(k -> UnsubscribeRequest.newBuilder().setClientID(k.clientId())
                    .setSubject(k.channel()).setInbox(k.ackInbox()).build())
                    .orElseGet(() -> UnsubscribeRequest.newBuilder().setClientID(client).setSubject(channel)
                            .setInbox(subjects.acks() + "." + nuid.next()).build());
            case CONNECT -> ConnectRequest.newBuilder()
                    .setClientID(random.nextInt(4) == 0 ? client : "g" + random.nextInt(50))
                    .setHeartbeatInbox("_INBOX." + nuid.next()).setProtocol(1)
                    .setConnID(ByteString.copyFromUtf8(nuid.next())).setPingInterval(5).setPingMaxOut(3).build();
            case PING -> Ping.newBuilder().setConnID(connIds.getOrDefault(client, ByteString.copyFromUtf8("x")))
                    .build();
            case BROWSE -> BrowseRequest.newBuilder().setClientID(client).setChannel(channel)
                    .setQGroup("q" + random.nextInt(2)).setDurableName(random.nextBoolean() ? "" : "d0").build();
            case CLOSE -> CloseRequest.newBuilder()
                    .setClientID(random.nextInt(10) == 0 ? client : "g" + random.nextInt(50))
                    .build();
        };
    }

    private String subject(Kind kind, Message base) {
        return switch (kind) {
            case PUB -> subjects.publishSubject(((PubMsg) base).getSubject());
            case SUB -> subjects.subscribe();
            case ACK -> knownSub().map(KnownSub::ackInbox).orElse(subjects.acks() + "." + nuid.next());
            case UNSUB -> subjects.unsubscribe();
            case SUBCLOSE -> subjects.subClose();
            case CONNECT -> subjects.discovery();
            case PING -> subjects.pings();
            case BROWSE -> Extensions.browseSubject(subjects);
            case CLOSE -> subjects.close();
        };
    }

    /** One of the subscriptions accepted lately, most of the time. */
    private java.util.Optional<KnownSub> knownSub() {
        synchronized (knownSubs) {
            if (knownSubs.isEmpty() || random.nextInt(10) == 0) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(knownSubs.get(random.nextInt(knownSubs.size())));
        }
    }

    private void rememberPublish(byte[] payload) {
        PubMsg msg;
        try {
            msg = PubMsg.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            return;
        }
        sentGuids.merge(msg.getGuid(), 1, Integer::sum);
        sentPublishes.put(msg.getGuid(), new Acked(msg.getSubject(), msg.getData()));
    }

    private void onReply(String subject, byte[] data) {
        String kind = subject.substring(REPLIES.length() + 1, subject.lastIndexOf('.'));
        String error;
        try {
            error = switch (kind) {
                case "pub" -> {
                    PubAck ack = PubAck.parseFrom(data);
                    if (ack.getError().isEmpty()) {
                        ackedGuids.add(ack.getGuid());
                    }
                    yield ack.getError();
                }
                case "sub" -> {
                    SubscriptionResponse response = SubscriptionResponse.parseFrom(data);
                    SubscriptionRequest request = pendingSubs.remove(Long.parseLong(
                            subject.substring(subject.lastIndexOf('.') + 1)));
                    if (!response.getAckInbox().isEmpty() && request != null) {
                        rememberSub(new KnownSub(request.getClientID(), request.getSubject(), response.getAckInbox()));
                    }
                    yield response.getError();
                }
                case "unsub", "subclose" -> SubscriptionResponse.parseFrom(data).getError();
                case "connect" -> ConnectResponse.parseFrom(data).getError();
                case "ping" -> PingResponse.parseFrom(data).getError();
                case "browse" -> BrowseResponse.parseFrom(data).getError();
                case "close" -> CloseResponse.parseFrom(data).getError();
                default -> "unexpected reply subject " + subject;
            };
        } catch (InvalidProtocolBufferException e) {
            error = "undecodable reply: " + e.getMessage();
        }
        outcomes.computeIfAbsent(kind + " -> " + (error.isEmpty() ? "ok" : error), k -> new AtomicLong())
                .incrementAndGet();
    }

    private void rememberSub(KnownSub sub) {
        synchronized (knownSubs) {
            if (knownSubs.size() < MAX_KNOWN_SUBS) {
                knownSubs.add(sub);
            } else {
                // not from the seeded random: replies arrive on another thread, at their own pace
                knownSubs.set((int) (replyCounter.get() % knownSubs.size()), sub);
            }
        }
    }

    /** Every publish that was sent once under its guid and acknowledged without error. */
    List<Acked> acknowledged() {
        List<Acked> acked = new ArrayList<>();
        for (String guid : ackedGuids) {
            if (sentGuids.getOrDefault(guid, 0) == 1) {
                acked.add(sentPublishes.get(guid));
            }
        }
        return acked;
    }

    /** How many replies of each kind came back with each error ("ok" for none), sorted. */
    Map<String, Long> outcomes() {
        Map<String, Long> sorted = new TreeMap<>();
        outcomes.forEach((key, count) -> sorted.put(key, count.get()));
        return sorted;
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    private byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    @Override
    public void close() {
        raw.nc.closeDispatcher(replies);
    }
}
