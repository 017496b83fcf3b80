package io.natsjms.protocol;

/** A protocol message that could not be decoded, with the subject it arrived on. */
public final class ProtocolException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
