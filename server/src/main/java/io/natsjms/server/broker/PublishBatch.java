package io.natsjms.server.broker;

import java.util.ArrayList;

/**
 * Messages one thread gathers for an {@link InternalClient} and hands to the broker at once
 * ({@link InternalClient#publish(PublishBatch)}): one queue entry and at most one wake-up of the
 * client's event loop for all of them, instead of one each. Each message is checked as it is added, as
 * {@link InternalClient#publish(String, String, byte[])} checks it; a subject seen valid recently is not
 * checked again. Not thread-safe: one thread owns a batch.
 */
public final class PublishBatch {

    /** Slots of the cache of subjects found valid (a power of two). */
    private static final int VALID_SLOTS = 64;

    private final InternalClient client;
    private final ArrayList<InternalClient.Outgoing> messages = new ArrayList<>();
    private final String[] valid = new String[VALID_SLOTS];

    PublishBatch(InternalClient client) {
        this.client = client;
    }

    /**
     * Adds a message; {@code data} is only read, now or later on the event loop: the caller must not
     * change it afterwards.
     *
     * @throws IllegalArgumentException when the subject is empty or holds spaces or wildcards, or the payload is
     *                                  larger than the client's max payload; the batch is unchanged then
     */
    public void add(String subject, String replyTo, byte[] data) {
        client.checkPayload(subject, data);
        if (!knownValid(subject)) {
            throw InternalClient.invalidSubject(subject);
        }
        messages.add(new InternalClient.Outgoing(subject, replyTo, data));
    }

    private boolean knownValid(String subject) {
        int slot = (subject.hashCode() ^ (subject.hashCode() >>> 16)) & (VALID_SLOTS - 1);
        String known = valid[slot];
        if (known == subject || subject.equals(known)) {
            return true;
        }
        if (!SubjectTrie.isValidLiteralSubject(subject)) {
            return false;
        }
        valid[slot] = subject;
        return true;
    }

    /** The messages added and not handed over yet. */
    public int size() {
        return messages.size();
    }

    public boolean isEmpty() {
        return messages.isEmpty();
    }

    /** Empties the batch, returning its messages in the order they were added. */
    InternalClient.Outgoing[] takeAll() {
        InternalClient.Outgoing[] all = messages.toArray(new InternalClient.Outgoing[0]);
        messages.clear();
        return all;
    }
}
