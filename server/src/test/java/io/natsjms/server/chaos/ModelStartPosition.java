package io.natsjms.server.chaos;

import io.nats.streaming.SubscriptionOptions;
import java.time.Duration;
import java.util.Random;

/**
 * A start position for a new subscription, and the window its first message must fall in, given the
 * channel's last sequence just before ({@code before}) and just after ({@code after}) the subscribe.
 */
record ModelStartPosition(Kind kind, long sequence, Duration delta) {

    enum Kind { NEW_ONLY, LAST_RECEIVED, SEQUENCE, FIRST, TIME_DELTA }

    private static final Duration[] DELTAS = {Duration.ofMillis(200), Duration.ofSeconds(1), Duration.ofSeconds(3),
        Duration.ofHours(1)};

    static ModelStartPosition random(Random random, long lastSeq) {
        Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
        return new ModelStartPosition(kind, kind == Kind.SEQUENCE ? random.nextInt((int) lastSeq + 4) : 0,
                kind == Kind.TIME_DELTA ? DELTAS[random.nextInt(DELTAS.length)] : null);
    }

    SubscriptionOptions.Builder apply(SubscriptionOptions.Builder options) {
        return switch (kind) {
            case NEW_ONLY -> options;
            case LAST_RECEIVED -> options.startWithLastReceived();
            case SEQUENCE -> options.startAtSequence(sequence);
            case FIRST -> options.deliverAllAvailable();
            case TIME_DELTA -> options.startAtTimeDelta(delta);
        };
    }

    long firstMin(long before, long after) {
        return Math.min(first(before), first(after));
    }

    long firstMax(long before, long after) {
        return Math.max(first(before), first(after));
    }

    /** The first sequence delivered when the channel's last sequence is {@code lastSeq} (spec of the original). */
    private long first(long lastSeq) {
        return switch (kind) {
            case NEW_ONLY -> lastSeq + 1;
            case LAST_RECEIVED -> Math.max(lastSeq, 1);
            case SEQUENCE -> sequence <= lastSeq ? Math.max(sequence, 1) : lastSeq + 1;
            case FIRST -> 1;
            case TIME_DELTA -> throw new IllegalStateException("a time start has no sequence window");
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case NEW_ONLY -> "new only";
            case LAST_RECEIVED -> "last received";
            case SEQUENCE -> "from seq " + sequence;
            case FIRST -> "from first";
            case TIME_DELTA -> "from " + delta.toMillis() + " ms ago";
        };
    }
}
