package io.natsjms.server.broker;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Delivers one published message to every interested subscription: all plain subscriptions and one
 * member of each queue group, chosen at random so that load spreads across members. When nobody
 * receives a request whose publisher asked for {@code no_responders}, the publisher gets the
 * {@code NATS/1.0 503} status message on its reply subscription instead.
 *
 * <p>Runs on the publisher's event loop; messages for network clients go through the publisher's
 * {@link Outbox}, those for the in-process client straight to it.
 */
final class MessageRouter {
    /** Header block of the no-responders status message. */
    static final byte[] NO_RESPONDERS_HEADER = "NATS/1.0 503\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final SubjectTrie trie;

    MessageRouter(SubjectTrie trie) {
        this.trie = trie;
    }

    /** Routes one message; {@code pub} is only read during this call. */
    void publish(BrokerClient publisher, Publication pub) {
        SubjectMatch match = trie.match(pub.subject.text);
        boolean delivered = false;
        if (!match.isEmpty()) {
            boolean echo = publisher.options().echo();
            List<BrokerSubscription> plain = match.plain();
            for (int i = 0, n = plain.size(); i < n; i++) {
                BrokerSubscription sub = plain.get(i);
                if (echo || sub.owner != publisher) {
                    delivered |= deliver(publisher, sub, pub);
                }
            }
            List<List<BrokerSubscription>> groups = match.queueGroups();
            for (int i = 0, n = groups.size(); i < n; i++) {
                delivered |= deliverToOneOf(publisher, echo, groups.get(i), pub);
            }
        }
        if (!delivered && pub.reply != null && publisher.options().noResponders()) {
            sendNoResponders(publisher, new String(pub.reply, StandardCharsets.UTF_8));
        }
    }

    private boolean deliverToOneOf(BrokerClient publisher, boolean echo, List<BrokerSubscription> group,
                                   Publication pub) {
        int size = group.size();
        int start = size == 1 ? 0 : ThreadLocalRandom.current().nextInt(size);
        for (int i = 0; i < size; i++) {
            BrokerSubscription member = group.get((start + i) % size);
            if ((echo || member.owner != publisher) && !member.exhausted() && !member.owner.isClosed()
                    && deliver(publisher, member, pub)) {
                return true;
            }
        }
        return false;
    }

    private static boolean deliver(BrokerClient publisher, BrokerSubscription sub, Publication pub) {
        if (sub.denies(pub.subject)) {
            return false;
        }
        long count = sub.claimDelivery();
        if (count < 0) {
            return false;
        }
        BrokerClient receiver = sub.owner;
        if (!receiver.isClosed()) {
            receiver.receive(publisher.outbox(), sub, pub);
        }
        if (sub.isLast(count)) {
            receiver.removeSubscription(sub);
        }
        return true;
    }

    private void sendNoResponders(BrokerClient publisher, String replyTo) {
        for (BrokerSubscription sub : trie.match(replyTo).plain()) {
            if (sub.owner == publisher) {
                Publication status = new Publication().set(PublishedSubject.of(replyTo), null,
                        NO_RESPONDERS_HEADER.length, NO_RESPONDERS_HEADER, 0, NO_RESPONDERS_HEADER.length);
                deliver(publisher, sub, status);
                return;
            }
        }
    }
}
