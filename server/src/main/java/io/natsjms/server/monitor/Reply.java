package io.natsjms.server.monitor;

import java.nio.charset.StandardCharsets;

/**
 * An HTTP answer before it is written.
 *
 * @param status      the status code
 * @param contentType the {@code Content-Type}; null when there is no body
 * @param body        the body; empty for none
 * @param corsAnyOrigin whether to send {@code Access-Control-Allow-Origin: *} (plain JSON answers)
 */
record Reply(int status, String contentType, byte[] body, boolean corsAnyOrigin) {

    static final String JSON = "application/json";
    static final String JAVASCRIPT = "application/javascript";
    static final String TEXT = "text/plain; charset=utf-8";
    static final String HTML = "text/html; charset=utf-8";

    /** An error as the original writes it: the message and a newline, as plain text. */
    static Reply error(int status, String message) {
        return new Reply(status, TEXT, (message + "\n").getBytes(StandardCharsets.UTF_8), false);
    }

    static Reply noContent() {
        return new Reply(204, null, new byte[0], false);
    }

    static Reply html(String page) {
        return new Reply(200, HTML, page.getBytes(StandardCharsets.UTF_8), false);
    }
}
