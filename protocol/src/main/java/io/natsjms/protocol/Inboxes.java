package io.natsjms.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Validation of inboxes that arrive in requests: the subjects the server will send to, such as a
 * client's heartbeat inbox (ConnectRequest) or a subscription's delivery inbox (SubscriptionRequest).
 * Clients make them as {@code _INBOX.<nuid>}; anything the server could not publish to must be
 * refused before it is stored, or every later send to it fails.
 *
 * <p>A valid inbox is a literal NATS subject: tokens separated by single {@code .}, none empty; no
 * whitespace or other control character; no {@code *} or {@code >} (a delivery subject is never a
 * wildcard); at most {@link #MAX_BYTES} bytes in UTF-8, so that a publish to it always fits a NATS
 * protocol line (4 KB by default).
 */
public final class Inboxes {

    /** The longest inbox accepted, in UTF-8 bytes. */
    public static final int MAX_BYTES = 1024;

    private Inboxes() {
    }

    /** Whether the server can send to {@code inbox}. */
    public static boolean isValid(String inbox) {
        return problem(inbox) == null;
    }

    /**
     * What is wrong with {@code inbox}, as {@code expected: ...}, or {@code null} if nothing is.
     * Callers put it after the value, e.g. {@code inbox: "a b" (expected: no whitespace ...)}.
     */
    public static String problem(String inbox) {
        if (inbox == null || inbox.isEmpty()) {
            return "expected: a non-empty subject";
        }
        int tokenStart = 0;
        for (int i = 0; i < inbox.length(); i++) {
            char c = inbox.charAt(i);
            if (c == '.') {
                if (i == tokenStart) {
                    return "expected: tokens separated by single '.', none empty";
                }
                tokenStart = i + 1;
            } else if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) {
                return "expected: no whitespace or control characters";
            } else if (c == '*' || c == '>') {
                return "expected: a literal subject, no wildcards '*' or '>'";
            }
        }
        if (tokenStart == inbox.length()) {
            return "expected: tokens separated by single '.', none empty";
        }
        if (inbox.length() > MAX_BYTES / 3 && inbox.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return "expected: at most " + MAX_BYTES + " bytes";
        }
        return null;
    }

    /**
     * Returns {@code inbox} if the server can send to it.
     *
     * @param what what the inbox is, for the message (e.g. "heartbeat inbox")
     * @throws IllegalArgumentException naming the value and what was expected
     */
    public static String requireValid(String inbox, String what) {
        String problem = problem(inbox);
        if (problem != null) {
            throw new IllegalArgumentException(describe(what, inbox, problem));
        }
        return inbox;
    }

    /** {@code what: "value" (problem)}, with the value cut short if it is long. */
    public static String describe(String what, String value, String problem) {
        if (value == null) {
            return what + ": null (" + problem + ")";
        }
        String shown = value.length() > 80 ? value.substring(0, 80) + "…" : value;
        return what + ": \"" + shown + "\" (" + problem + ")";
    }
}
