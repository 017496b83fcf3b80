package io.natsjms.jms.destination;

import jakarta.jms.IllegalStateException;
import jakarta.jms.InvalidDestinationException;
import jakarta.jms.JMSException;
import io.natsjms.protocol.ChannelNames;

/**
 * A temporary topic or queue: a core-NATS inbox subject owned by the connection that created it. A copy
 * that travelled in a message (JMSReplyTo) or through serialization has no owner and cannot be deleted.
 */
public abstract sealed class NatsTemporaryDestination extends NatsDestination
        permits NatsTemporaryTopic, NatsTemporaryQueue {

    private static final long serialVersionUID = 1L;

    private final String subject;
    /** The creating connection; null for copies. */
    private final transient TemporaryDestinationOwner owner;

    NatsTemporaryDestination(String kind, String subject, TemporaryDestinationOwner owner)
            throws InvalidDestinationException {
        if (subject == null || !ChannelNames.isValid(subject) || subject.chars().anyMatch(Character::isWhitespace)) {
            throw new InvalidDestinationException(kind + " subject: " + (subject == null ? "null" : "\"" + subject + "\"")
                    + " (expected: a literal NATS subject such as _INBOX.abc)");
        }
        this.subject = subject;
        this.owner = owner;
    }

    @Override
    public String name() {
        return subject;
    }

    @Override
    public boolean isTemporary() {
        return true;
    }

    /** Whether this instance belongs to the connection that created it. */
    public boolean hasOwner() {
        return owner != null;
    }

    /**
     * Deletes the destination through its owner.
     *
     * @throws IllegalStateException for a copy that has no owner
     */
    public void delete() throws JMSException {
        if (owner == null) {
            throw new IllegalStateException(this + ": only the connection that created it can delete it");
        }
        owner.delete(this);
    }

    /** Equal when of the same kind with the same subject (the owner does not count). */
    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && subject.equals(((NatsTemporaryDestination) o).subject);
    }

    @Override
    public int hashCode() {
        return getClass().hashCode() * 31 + subject.hashCode();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + subject + "]";
    }
}
