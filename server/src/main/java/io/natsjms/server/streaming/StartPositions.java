package io.natsjms.server.streaming;

import io.natsjms.protocol.pb.SubscriptionRequest;
import io.natsjms.store.MessageStore;

/**
 * Where a new subscription starts: the "last sent" sequence it begins with (the next one is sent first).
 * A start sequence from the wire is an unsigned 64-bit number and is compared as one: a value of
 * 2<sup>63</sup> or more is beyond any stored sequence, not a negative one.
 */
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
                if (Long.compareUnsigned(start, last) > 0) {
                    return last;
                }
                return Long.compareUnsigned(start, first) < 0 ? first - 1 : start - 1;
            }
            case First:
                return first - 1;
            case NewOnly:
            default:
                return last;
        }
    }
}
