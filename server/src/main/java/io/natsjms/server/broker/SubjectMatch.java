package io.natsjms.server.broker;

import java.util.List;

/**
 * Subscriptions interested in one published subject: every plain subscription receives the message,
 * and each queue group (all members across matching subjects with the same queue name) receives it once.
 */
record SubjectMatch(List<BrokerSubscription> plain, List<List<BrokerSubscription>> queueGroups) {
    static final SubjectMatch EMPTY = new SubjectMatch(List.of(), List.of());

    SubjectMatch {
        plain = List.copyOf(plain);
        queueGroups = queueGroups.stream().map(List::copyOf).toList();
    }

    boolean isEmpty() {
        return plain.isEmpty() && queueGroups.isEmpty();
    }
}
