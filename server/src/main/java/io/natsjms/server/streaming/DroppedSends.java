package io.natsjms.server.streaming;

import java.lang.System.Logger.Level;

/**
 * The log line of a message a {@link Transport} could not send. The message is dropped, as core NATS
 * would drop it: a refused subject or size is an error worth looking into (subjects are validated where
 * they arrive), a connection that cannot take it now only a warning.
 */
final class DroppedSends {

    private static final System.Logger LOG = System.getLogger(DroppedSends.class.getName());

    private DroppedSends() {
    }

    /** Logs {@code failure} ({@link IllegalArgumentException}: refused; otherwise: cannot send now). */
    static void log(String subject, byte[] data, RuntimeException failure) {
        if (failure instanceof IllegalArgumentException) {
            LOG.log(Level.ERROR, "could not publish to \"" + subject + "\" (" + data.length + " bytes), dropped: "
                    + failure.getMessage(), failure);
        } else {
            LOG.log(Level.WARNING, () -> "could not publish to \"" + subject + "\" (" + data.length
                    + " bytes), dropped: " + failure.getMessage());
        }
    }
}
