package io.natsjms.server.streaming;

/** A request the engine refuses, with the exact error string to put on the wire. */
final class RequestRejected extends Exception {

    private static final long serialVersionUID = 1L;

    RequestRejected(String wireError) {
        super(wireError, null, false, false);
    }

    String wireError() {
        return getMessage();
    }
}
