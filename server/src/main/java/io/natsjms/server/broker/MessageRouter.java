package io.natsjms.server.broker;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers one published message to every interested subscription: all plain subscriptions and one
 * member of each queue group, chosen at random so that load spreads across members. When nobody
 * receives a request whose publisher asked for {@code no_responders}, the publisher gets the
 * {@code NATS/1.0 503} status message on its reply subscription instead.
 *
 * <p>Runs on the publisher's event loop; messages go through the publisher's {@link Outbox}.
 */
final class MessageRouter {
    /** Header block of the no-responders status message. */
    static final byte[] NO_RESPONDERS_HEADER = "NATS/1.0 503\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final SubjectTrie trie;

    MessageRouter(SubjectTrie trie) {
        this.trie = trie;
    }

    /**
     * Routes one message.
     *
     * @param headerSize size of the header block at the start of {@code data}, or -1 without headers
     */
    void publish(ClientConnection publisher, String subject, String replyTo, int headerSize, byte[] data) {
        SubjectMatch match = trie.match(subject);
        boolean delivered = false;
        if (!match.isEmpty()) {
            byte[] subjectBytes = subject.getBytes(StandardCharsets.UTF_8);
            byte[] replyBytes = replyTo == null ? null : replyTo.getBytes(StandardCharsets.UTF_8);
            boolean echo = publisher.options().echo();
            for (Subscription sub : match.plain()) {
                if (echo || sub.owner != publisher) {
                    delivered |= deliver(publisher, sub, subjectBytes, replyBytes, headerSize, data);
                }
            }
            for (List<Subscription> group : match.queueGroups()) {
                delivered |= deliverToOneOf(publisher, echo, group, subjectBytes, replyBytes, headerSize, data);
            }
        }
        if (!delivered && replyTo != null && publisher.options().noResponders()) {
            sendNoResponders(publisher, replyTo);
        }
    }

    private boolean deliverToOneOf(ClientConnection publisher, boolean echo, List<Subscription> group,
                                   byte[] subject, byte[] reply, int headerSize, byte[] data) {
        int size = group.size();
        int start = size == 1 ? 0 : ThreadLocalRandom.current().nextInt(size);
        for (int i = 0; i < size; i++) {
            Subscription member = group.get((start + i) % size);
            if ((echo || member.owner != publisher) && !member.exhausted() && !member.owner.isClosed()
                    && deliver(publisher, member, subject, reply, headerSize, data)) {
                return true;
            }
        }
        return false;
    }

    private static boolean deliver(ClientConnection publisher, Subscription sub, byte[] subject, byte[] reply,
                                   int headerSize, byte[] data) {
        long count = sub.claimDelivery();
        if (count < 0) {
            return false;
        }
        ClientConnection receiver = sub.owner;
        if (!receiver.isClosed()) {
            ByteBuf buf = publisher.outbox().bufferFor(receiver);
            receiver.encode(buf, sub, subject, reply, headerSize, data);
            publisher.outbox().appended(receiver, buf);
        }
        if (sub.isLast(count)) {
            receiver.removeSubscription(sub);
        }
        return true;
    }

    private void sendNoResponders(ClientConnection publisher, String replyTo) {
        for (Subscription sub : trie.match(replyTo).plain()) {
            if (sub.owner == publisher) {
                byte[] reply = replyTo.getBytes(StandardCharsets.UTF_8);
                deliver(publisher, sub, reply, null, NO_RESPONDERS_HEADER.length, NO_RESPONDERS_HEADER);
                return;
            }
        }
    }
}
