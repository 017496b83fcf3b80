package io.natsjms.server.monitor;

/** A query parameter that can't be used; answered with HTTP 400 and the message. */
final class BadRequest extends Exception {

    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
        super(message);
    }
}
