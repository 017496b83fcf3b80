package io.natsjms.server.broker;

/**
 * Receives the operations {@link ProtocolParser} decodes from one client's byte stream, in order, on
 * the thread that feeds the parser.
 */
interface ParserHandler {

    /** Operations of the client protocol, with their wire names. */
    enum Op {
        CONNECT("CONNECT"), PUB("PUB"), HPUB("HPUB"), SUB("SUB"), UNSUB("UNSUB"), PING("PING"), PONG("PONG"),
        INFO("INFO"), OK("+OK"), ERR("-ERR");

        final String wireName;

        Op(String wireName) {
            this.wireName = wireName;
        }
    }

    /**
     * Called as soon as an operation name is recognised, before its arguments. Returning {@code false}
     * stops the parser (the handler has then dealt with the connection, e.g. an authorization violation).
     */
    boolean allowOperation(Op op);

    /** Whether this client announced header support; an HPUB from a client that did not is malformed. */
    boolean headersEnabled();

    /** {@code CONNECT <json>}. */
    void onConnect(String json);

    /**
     * {@code PUB} or {@code HPUB} with its complete payload. The publication and its arrays are only
     * valid during this call: the parser reuses them for the next one.
     */
    void onPublish(Publication publication);

    /** {@code SUB <subject> [queue] <sid>}; {@code queue} is {@code null} without a queue group. */
    void onSubscribe(String subject, String queue, String sid);

    /** {@code UNSUB <sid> [max]}; {@code max} is -1 when absent or not a number. */
    void onUnsubscribe(String sid, long max);

    /** {@code PING}. */
    void onPing();

    /** {@code PONG}. */
    void onPong();

    /** The stream is malformed; the parser ignores everything after this call. */
    void onError(ParseError error);
}
