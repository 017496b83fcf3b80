package io.natsjms.server.broker;

import java.util.HashMap;
import java.util.Map;

/**
 * The permissions of one connected client, with the answers for the subjects it published to kept, as
 * a client tends to publish to the same few subjects. Used on the client's event loop only.
 */
final class ClientPermissions {

    /** Published subjects whose answer is kept at most; past it the cache starts again. */
    private static final int CACHE_SIZE = 1024;

    private final BrokerUser user;
    private final Map<String, Boolean> publishAnswers = new HashMap<>();

    ClientPermissions(BrokerUser user) {
        this.user = user;
    }

    /** The user's name, for the log. */
    String user() {
        return user.name();
    }

    boolean mayPublish(String subject) {
        Boolean answer = publishAnswers.get(subject);
        if (answer == null) {
            if (publishAnswers.size() >= CACHE_SIZE) {
                publishAnswers.clear();
            }
            answer = user.permissions().publish().permitsPublish(subject);
            publishAnswers.put(subject, answer);
        }
        return answer;
    }

    boolean maySubscribe(String subject) {
        return user.permissions().subscribe().permitsSubscribe(subject);
    }

    /** The filter a permitted subscription to {@code subject} needs, or null (see {@link BrokerSubscription}). */
    SubjectPermission deliveryFilter(String subject) {
        SubjectPermission subscribe = user.permissions().subscribe();
        return subscribe.overlapsDenied(subject) ? subscribe : null;
    }
}
