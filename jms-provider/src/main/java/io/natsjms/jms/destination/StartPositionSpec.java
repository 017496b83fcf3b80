package io.natsjms.jms.destination;

import jakarta.jms.InvalidDestinationException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;

/**
 * Where a subscription starts reading its channel (the STAN start positions), as given by the
 * destination option {@code startPosition}: {@code new} (or {@code new-only}), {@code last} (or
 * {@code last-received}), {@code first}, {@code sequence:N} (N >= 1), {@code time:<ISO-8601 instant>}
 * (e.g. {@code time:2024-05-01T10:00:00Z}) or {@code time:<ISO-8601 duration>} (e.g. {@code time:PT5M},
 * meaning "that long ago").
 *
 * @param kind the kind of start position
 * @param sequence the first sequence for {@link Kind#SEQUENCE}, else 0
 * @param time the start time for {@link Kind#TIME}, else null
 * @param ago how far back to start for {@link Kind#TIME_AGO}, else null
 */
public record StartPositionSpec(Kind kind, long sequence, Instant time, Duration ago) implements java.io.Serializable {

    /** The kinds of start position. */
    public enum Kind {
        /** Only messages published after the subscription is created. */
        NEW_ONLY,
        /** The last message of the channel, then the new ones. */
        LAST_RECEIVED,
        /** The first message still in the channel. */
        FIRST,
        /** The message with a given sequence. */
        SEQUENCE,
        /** The first message at or after an instant. */
        TIME,
        /** The first message published at most a given duration ago. */
        TIME_AGO
    }

    /** Checks that exactly the fields of the kind are set. */
    public StartPositionSpec {
        Objects.requireNonNull(kind, "kind");
        if (kind == Kind.SEQUENCE ? sequence < 1 : sequence != 0) {
            throw new IllegalArgumentException("sequence: " + sequence + " (expected: >= 1 for SEQUENCE, else 0)");
        }
        if ((kind == Kind.TIME) != (time != null)) {
            throw new IllegalArgumentException("time: " + time + " (expected: set for TIME only)");
        }
        if ((kind == Kind.TIME_AGO) != (ago != null) || (ago != null && ago.isNegative())) {
            throw new IllegalArgumentException("ago: " + ago + " (expected: a duration >= 0 for TIME_AGO only)");
        }
    }

    /** Only new messages. */
    public static StartPositionSpec newOnly() {
        return new StartPositionSpec(Kind.NEW_ONLY, 0, null, null);
    }

    /** From the last message. */
    public static StartPositionSpec lastReceived() {
        return new StartPositionSpec(Kind.LAST_RECEIVED, 0, null, null);
    }

    /** From the first message. */
    public static StartPositionSpec first() {
        return new StartPositionSpec(Kind.FIRST, 0, null, null);
    }

    /** From sequence {@code sequence} (>= 1). */
    public static StartPositionSpec atSequence(long sequence) {
        return new StartPositionSpec(Kind.SEQUENCE, sequence, null, null);
    }

    /** From the first message at or after {@code time}. */
    public static StartPositionSpec atTime(Instant time) {
        return new StartPositionSpec(Kind.TIME, 0, time, null);
    }

    /** From the first message published at most {@code ago} before the subscription. */
    public static StartPositionSpec ago(Duration ago) {
        return new StartPositionSpec(Kind.TIME_AGO, 0, null, ago);
    }

    /**
     * Parses an option value.
     *
     * @throws InvalidDestinationException naming the value and the accepted forms
     */
    public static StartPositionSpec parse(String value) throws InvalidDestinationException {
        switch (value) {
            case "new", "new-only":
                return newOnly();
            case "last", "last-received":
                return lastReceived();
            case "first":
                return first();
            default:
                break;
        }
        if (value.startsWith("sequence:")) {
            String number = value.substring("sequence:".length());
            try {
                long sequence = Long.parseLong(number);
                if (sequence >= 1) {
                    return atSequence(sequence);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw invalid(value, "sequence:N with N >= 1");
        }
        if (value.startsWith("time:")) {
            String time = value.substring("time:".length());
            try {
                if (time.startsWith("P") || time.startsWith("-P")) {
                    Duration duration = Duration.parse(time);
                    if (!duration.isNegative()) {
                        return ago(duration);
                    }
                } else {
                    return atTime(Instant.parse(time));
                }
            } catch (DateTimeParseException e) {
                // reported below
            }
            throw invalid(value, "time:<ISO-8601 instant such as 2024-05-01T10:00:00Z>"
                    + " or time:<non-negative ISO-8601 duration such as PT5M>");
        }
        throw invalid(value, "new, last, first, sequence:N or time:<ISO-8601 instant or duration>");
    }

    /** The option text this spec parses from. */
    public String toOptionValue() {
        return switch (kind) {
            case NEW_ONLY -> "new";
            case LAST_RECEIVED -> "last";
            case FIRST -> "first";
            case SEQUENCE -> "sequence:" + sequence;
            case TIME -> "time:" + time;
            case TIME_AGO -> "time:" + ago;
        };
    }

    private static InvalidDestinationException invalid(String value, String expected) {
        return new InvalidDestinationException("startPosition: \"" + value + "\" (expected: " + expected + ")");
    }
}
