package io.natsjms.jms;

import jakarta.jms.IllegalStateException;

/**
 * How a session was created: a QueueSession or TopicSession of the domain-specific API refuses the other
 * domain's methods, as the specification requires; a plain Session allows both.
 */
enum SessionKind {
    GENERIC, QUEUE, TOPIC;

    /** Refuses a topic-only method on a QueueSession. */
    void requireTopics(String method) throws IllegalStateException {
        if (this == QUEUE) {
            throw new IllegalStateException(method + " on a QueueSession (expected: a Session or TopicSession)");
        }
    }

    /** Refuses a queue-only method on a TopicSession. */
    void requireQueues(String method) throws IllegalStateException {
        if (this == TOPIC) {
            throw new IllegalStateException(method + " on a TopicSession (expected: a Session or QueueSession)");
        }
    }
}
