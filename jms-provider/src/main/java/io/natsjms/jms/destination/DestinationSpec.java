package io.natsjms.jms.destination;

import io.natsjms.protocol.ChannelNames;
import jakarta.jms.InvalidDestinationException;

/**
 * Parses {@code channel[?option=value[&option=value]]}. The only option is {@code startPosition}
 * ({@link StartPositionSpec#parse}).
 *
 * @param channel the validated channel name
 * @param startPosition the start position option, or null when absent
 */
record DestinationSpec(String channel, StartPositionSpec startPosition) {

    static final String START_POSITION = "startPosition";

    static DestinationSpec parse(String kind, String text) throws InvalidDestinationException {
        if (text == null) {
            throw new InvalidDestinationException(kind + " name: null (expected: a channel name)");
        }
        int question = text.indexOf('?');
        String channel = question < 0 ? text : text.substring(0, question);
        if (!ChannelNames.isValid(channel)) {
            invalidChannel(kind, text, channel);
        }
        StartPositionSpec startPosition = null;
        if (question >= 0) {
            for (String option : text.substring(question + 1).split("&", -1)) {
                int equals = option.indexOf('=');
                String key = equals < 0 ? option : option.substring(0, equals);
                if (!START_POSITION.equals(key) || equals < 0) {
                    throw new InvalidDestinationException(kind + " \"" + text + "\": option \"" + option
                            + "\" (expected: startPosition=<value>)");
                }
                if (startPosition != null) {
                    throw new InvalidDestinationException(kind + " \"" + text
                            + "\": startPosition given twice (expected: at most once)");
                }
                startPosition = StartPositionSpec.parse(option.substring(equals + 1));
            }
        }
        return new DestinationSpec(channel, startPosition);
    }

    /** The text that parses back to this spec. */
    String text() {
        return startPosition == null ? channel : channel + "?" + START_POSITION + "=" + startPosition.toOptionValue();
    }

    private static void invalidChannel(String kind, String text, String channel) throws InvalidDestinationException {
        try {
            ChannelNames.requireValid(channel);
        } catch (IllegalArgumentException e) {
            InvalidDestinationException failure =
                    new InvalidDestinationException(kind + " \"" + text + "\": " + e.getMessage());
            failure.initCause(e);
            throw failure;
        }
    }
}
