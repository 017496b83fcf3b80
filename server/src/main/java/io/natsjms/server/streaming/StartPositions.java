package io.natsjms.server.streaming;

import io.natsjms.protocol.pb.SubscriptionRequest;
import io.natsjms.store.MessageStore;

/** Where a new subscription starts: the "last sent" sequence it begins with (the next one is sent first). */
final class StartPositions {

    private StartPositions() {
    }

    static long lastSent(SubscriptionRequest request, MessageStore log, long nowWallNanos) {
        long first = log.firstSequence();
        long last = log.lastSequence();
        if (last == 0) {
            return 0;
        }
        switch (request.getStartPosition()) {
            case LastReceived:
                return last - 1;
            case TimeDeltaStart: {
                long delta = request.getStartTimeDelta();
                if (delta < 0) {
                    return last;
                }
                long start = log.sequenceAtOrAfter(nowWallNanos - delta);
                return start > last ? last : start - 1;
            }
            case SequenceStart: {
                long start = request.getStartSequence();
                if (start > last) {
                    return last;
                }
                return Math.max(start, first) - 1;
            }
            case First:
                return first - 1;
            case NewOnly:
            default:
                return last;
        }
    }
}
