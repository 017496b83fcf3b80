package io.natsjms.server.broker;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Byte-at-a-time state machine for the client side of the NATS protocol. It holds no socket: feed it
 * whatever bytes arrived, split anywhere, and it calls its {@link ParserHandler} for each complete
 * operation. Operation names are case-insensitive and checked as they arrive, so garbage is rejected
 * on its first wrong byte; arguments are collected up to the maximum control line. A payload that
 * arrives whole in one input, with its CRLF, is handed out as a range of that input; one split across
 * inputs is copied into an array that grows to exactly the announced size as bytes arrive. Published
 * subjects are looked up in a {@link SubjectCache}, so repeated subjects cost no new String.
 *
 * <p>Observable quirks follow nats-server 2.9: anything after {@code PING}/{@code PONG} up to the line
 * feed is ignored, {@code INFO} and {@code +OK} are ignored, {@code -ERR} from a client closes it, and
 * malformed arguments close the connection without an {@code -ERR}.
 *
 * <p>Not thread-safe: one parser per connection, fed by one thread at a time.
 */
final class ProtocolParser {

    private enum State { OP_START, OP_NAME, OP_END, ARG_START, ARG, SKIP_LINE, PAYLOAD, PAYLOAD_CR, PAYLOAD_LF, CLOSED }

    private static final ParserHandler.Op[] OPS = ParserHandler.Op.values();
    private static final int MAX_SIZE_DIGITS = 10;
    /** HPUB has the most arguments: subject, reply, header size, total size; one more means too many. */
    private static final int MAX_TOKENS = 5;
    private static final int INITIAL_PAYLOAD_BYTES = 16 * 1024;
    private static final byte[] EMPTY = new byte[0];

    private final ParserHandler handler;
    private final int maxPayload;
    private final int maxControlLine;

    private State state = State.OP_START;
    /** Operation being read; valid from OP_NAME on. */
    private ParserHandler.Op op;
    /** Number of bytes of the operation name matched so far. */
    private int opIndex;
    /** Argument bytes of the current control line. */
    private byte[] args = new byte[64];
    private int argLength;
    /** Token boundaries within {@link #args}, and how many tokens there are. */
    private final int[] tokenStart = new int[MAX_TOKENS];
    private final int[] tokenEnd = new int[MAX_TOKENS];
    private int tokenCount;
    /** Pending publish: subject, reply, header size, and the payload being filled. */
    private PublishedSubject pubSubject;
    private byte[] pubReply;
    private int pubHeaderSize;
    /** Payload split across inputs, allocated when the first part arrives. */
    private byte[] payload;
    private int payloadSize;
    private int payloadFilled;
    private final SubjectCache subjects = new SubjectCache();
    /** Reused for every publication handed to the handler. */
    private final Publication publication = new Publication();

    ProtocolParser(ParserHandler handler, int maxPayload, int maxControlLine) {
        this.handler = handler;
        this.maxPayload = maxPayload;
        this.maxControlLine = maxControlLine;
    }

    /** Whether the parser stopped on an error (or on a refused operation) and ignores all input. */
    boolean isClosed() {
        return state == State.CLOSED;
    }

    /** Stops parsing, also in the middle of a {@link #feed}: the rest of the input is ignored. */
    void stop() {
        state = State.CLOSED;
        payload = null;
    }

    /** Consumes {@code length} bytes at {@code offset}, calling the handler for each complete operation. */
    void feed(byte[] bytes, int offset, int length) {
        int end = offset + length;
        int i = offset;
        while (i < end && state != State.CLOSED) {
            i = switch (state) {
                case OP_START -> readOperation(bytes, i, end);
                case ARG_START, ARG -> readArguments(bytes, i, end);
                case PAYLOAD -> readPayload(bytes, i, end);
                default -> {
                    step(bytes[i]);
                    yield i + 1;
                }
            };
        }
    }

    /** Recognises a whole {@code PUB } at once (the common case), otherwise steps one byte. */
    private int readOperation(byte[] bytes, int i, int end) {
        if (end - i >= 4 && upper(bytes[i]) == 'P' && upper(bytes[i + 1]) == 'U' && upper(bytes[i + 2]) == 'B'
                && (bytes[i + 3] == ' ' || bytes[i + 3] == '\t')) {
            op = ParserHandler.Op.PUB;
            if (!handler.allowOperation(op)) {
                state = State.CLOSED;
            } else {
                argLength = 0;
                state = State.ARG_START;
            }
            return i + 4;
        }
        step(bytes[i]);
        return i + 1;
    }

    /** Collects argument bytes up to the line feed; returns the index after the last byte consumed. */
    private int readArguments(byte[] bytes, int i, int end) {
        while (i < end) {
            byte b = bytes[i++];
            if (state == State.ARG_START) {
                if (b == ' ' || b == '\t') {
                    continue;
                }
                state = State.ARG;
            }
            if (b == '\n') {
                state = State.OP_START;
                processArguments();
                return i;
            }
            if (b != '\r') {
                if (argLength == maxControlLine) {
                    fail(ParseError.MAX_CONTROL_LINE);
                    return i;
                }
                if (argLength == args.length) {
                    args = Arrays.copyOf(args, Math.min(maxControlLine, args.length * 2));
                }
                args[argLength++] = b;
            }
        }
        return i;
    }

    /**
     * Hands out a payload lying wholly in this input (with its CRLF) without copying it; otherwise
     * copies what arrived into {@link #payload}.
     */
    private int readPayload(byte[] bytes, int i, int end) {
        if (payloadFilled == 0 && end - i >= payloadSize + 2) {
            int crlf = i + payloadSize;
            if (bytes[crlf] != '\r' || bytes[crlf + 1] != '\n') {
                fail(ParseError.UNKNOWN_OPERATION);
                return end;
            }
            state = State.OP_START;
            publish(bytes, i);
            return crlf + 2;
        }
        if (payload == null) {
            payload = new byte[Math.min(payloadSize, INITIAL_PAYLOAD_BYTES)];
        } else if (payloadFilled == payload.length) {
            payload = Arrays.copyOf(payload, (int) Math.min(payloadSize, 2L * payload.length));
        }
        int n = Math.min(end - i, payload.length - payloadFilled);
        System.arraycopy(bytes, i, payload, payloadFilled, n);
        payloadFilled += n;
        if (payloadFilled == payloadSize) {
            state = State.PAYLOAD_CR;
        }
        return i + n;
    }

    private void publish(byte[] data, int offset) {
        handler.onPublish(publication.set(pubSubject, pubReply, pubHeaderSize, data, offset, payloadSize));
    }

    private void step(byte b) {
        switch (state) {
            case OP_START -> startOperation(b);
            case OP_NAME -> continueOperationName(b);
            case OP_END -> endOperationName(b);
            case SKIP_LINE -> {
                if (b == '\n') {
                    finishBareOperation();
                }
            }
            case PAYLOAD_CR -> expect(b, '\r', State.PAYLOAD_LF);
            case PAYLOAD_LF -> {
                if (expect(b, '\n', State.OP_START)) {
                    byte[] data = payload == null ? EMPTY : payload;
                    payload = null;
                    publish(data, 0);
                }
            }
            default -> throw new IllegalStateException("parser state: " + state + " (expected: a byte state)");
        }
    }

    private void startOperation(byte b) {
        int upper = upper(b);
        for (ParserHandler.Op candidate : OPS) {
            if (candidate.wireName.charAt(0) == upper) {
                op = candidate;
                opIndex = 1;
                state = State.OP_NAME;
                completeNameIfDone();
                return;
            }
        }
        fail(ParseError.UNKNOWN_OPERATION);
    }

    private void continueOperationName(byte b) {
        int upper = upper(b);
        String name = op.wireName;
        if (name.charAt(opIndex) != upper) {
            // another operation may share the prefix read so far (PING / PONG / PUB)
            ParserHandler.Op other = otherOpWithPrefix(name.substring(0, opIndex), (char) upper);
            if (other == null) {
                fail(ParseError.UNKNOWN_OPERATION);
                return;
            }
            op = other;
        }
        opIndex++;
        completeNameIfDone();
    }

    private static ParserHandler.Op otherOpWithPrefix(String prefix, char next) {
        for (ParserHandler.Op candidate : OPS) {
            String name = candidate.wireName;
            if (name.length() > prefix.length() && name.startsWith(prefix) && name.charAt(prefix.length()) == next) {
                return candidate;
            }
        }
        return null;
    }

    private void completeNameIfDone() {
        if (opIndex < op.wireName.length()) {
            return;
        }
        if (!handler.allowOperation(op)) {
            state = State.CLOSED;
            return;
        }
        state = switch (op) {
            case PING, PONG, OK, ERR, INFO -> State.SKIP_LINE;
            default -> State.OP_END;
        };
    }

    private void endOperationName(byte b) {
        if (b == ' ' || b == '\t') {
            argLength = 0;
            state = State.ARG_START;
        } else if (op == ParserHandler.Op.CONNECT && (b == '\r' || b == '\n')) {
            fail(ParseError.BAD_ARGUMENTS);
        } else {
            fail(ParseError.UNKNOWN_OPERATION);
        }
    }

    private void finishBareOperation() {
        state = State.OP_START;
        switch (op) {
            case PING -> handler.onPing();
            case PONG -> handler.onPong();
            case ERR -> fail(ParseError.CLIENT_ERROR);
            default -> { } // INFO and +OK from a client carry nothing for us
        }
    }

    private void processArguments() {
        if (op == ParserHandler.Op.CONNECT) {
            handler.onConnect(new String(args, 0, argLength, StandardCharsets.UTF_8).strip());
            return;
        }
        splitArguments();
        switch (op) {
            case PUB -> startPublish(false);
            case HPUB -> startPublish(true);
            case SUB -> subscribe();
            case UNSUB -> unsubscribe();
            default -> throw new IllegalStateException("operation with arguments: " + op);
        }
    }

    private void startPublish(boolean headers) {
        int sizes = headers ? 2 : 1;
        int count = tokenCount;
        if (count != sizes + 1 && count != sizes + 2 || headers && !handler.headersEnabled()) {
            fail(ParseError.BAD_ARGUMENTS);
            return;
        }
        long total = size(count - 1);
        long headerSize = headers ? size(count - 2) : -1;
        if (total < 0 || headers && (headerSize < 0 || headerSize > total)) {
            fail(ParseError.BAD_ARGUMENTS);
            return;
        }
        if (total > maxPayload) {
            fail(ParseError.MAX_PAYLOAD);
            return;
        }
        pubSubject = subjects.get(args, tokenStart[0], tokenEnd[0]);
        pubReply = count == sizes + 2 ? replyBytes(1) : null;
        pubHeaderSize = (int) headerSize;
        // allocated and grown only when a payload arrives in pieces, so announcing a large one costs nothing
        payloadSize = (int) total;
        payload = null;
        payloadFilled = 0;
        state = total == 0 ? State.PAYLOAD_CR : State.PAYLOAD;
    }

    private void subscribe() {
        switch (tokenCount) {
            case 2 -> handler.onSubscribe(token(0), null, token(1));
            case 3 -> handler.onSubscribe(token(0), token(1), token(2));
            default -> fail(ParseError.BAD_ARGUMENTS);
        }
    }

    private void unsubscribe() {
        switch (tokenCount) {
            case 1 -> handler.onUnsubscribe(token(0), -1);
            case 2 -> handler.onUnsubscribe(token(0), size(1));
            default -> fail(ParseError.BAD_ARGUMENTS);
        }
    }

    /** Finds the blank-separated tokens of the arguments; counts, but does not record, any beyond the fifth. */
    private void splitArguments() {
        tokenCount = 0;
        int start = -1;
        for (int i = 0; i <= argLength; i++) {
            boolean separator = i == argLength || args[i] == ' ' || args[i] == '\t';
            if (separator && start >= 0) {
                if (tokenCount < MAX_TOKENS) {
                    tokenStart[tokenCount] = start;
                    tokenEnd[tokenCount] = i;
                }
                tokenCount++;
                start = -1;
            } else if (!separator && start < 0) {
                start = i;
            }
        }
    }

    private String token(int index) {
        return new String(args, tokenStart[index], tokenEnd[index] - tokenStart[index], StandardCharsets.UTF_8);
    }

    /** A token as UTF-8 bytes: the input itself when it is ASCII, otherwise decoded and re-encoded. */
    private byte[] replyBytes(int index) {
        int from = tokenStart[index];
        int to = tokenEnd[index];
        for (int i = from; i < to; i++) {
            if (args[i] < 0) {
                return token(index).getBytes(StandardCharsets.UTF_8);
            }
        }
        return Arrays.copyOfRange(args, from, to);
    }

    private long size(int index) {
        return parseSize(args, tokenStart[index], tokenEnd[index]);
    }

    /** Parses a decimal size; -1 when it is not a plain non-negative number of at most 10 digits. */
    static long parseSize(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return parseSize(bytes, 0, bytes.length);
    }

    private static long parseSize(byte[] bytes, int from, int to) {
        if (from == to || to - from > MAX_SIZE_DIGITS) {
            return -1;
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            byte c = bytes[i];
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private boolean expect(byte b, char expected, State next) {
        if (b != expected) {
            fail(ParseError.UNKNOWN_OPERATION);
            return false;
        }
        state = next;
        return true;
    }

    private void fail(ParseError error) {
        state = State.CLOSED;
        payload = null;
        handler.onError(error);
    }

    private static int upper(byte b) {
        return b >= 'a' && b <= 'z' ? b - 32 : b;
    }
}
