package io.natsjms.server.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Turns a response record into a pretty-printed JSON reply, laid out like the original's
 * (two-space indent, {@code "key": value}, one array element per line), or into a JSONP reply
 * when the request names a {@code callback}.
 */
final class JsonReplies {

    /** A callback must be a (dotted) JavaScript name, so that it can't inject script. */
    private static final Pattern CALLBACK = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

    private final ObjectWriter writer;

    JsonReplies() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withSeparators(Separators.createDefaultInstance()
                        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                        .withObjectEmptySeparator("")
                        .withArrayEmptySeparator(""));
        printer.indentObjectsWith(indenter);
        printer.indentArraysWith(indenter);
        writer = new ObjectMapper()
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .writer(printer);
    }

    /**
     * A 200 reply with {@code body} as JSON, or as {@code callback(json)} when {@code callback} is not empty.
     *
     * @throws BadRequest if {@code callback} is not a JavaScript name
     */
    Reply reply(Object body, String callback) throws BadRequest {
        String json = toJson(body);
        if (callback.isEmpty()) {
            return new Reply(200, Reply.JSON, json.getBytes(StandardCharsets.UTF_8), true);
        }
        if (!CALLBACK.matcher(callback).matches()) {
            throw new BadRequest("callback: \"" + callback + "\" (expected: a JavaScript name such as cb or ns.cb)");
        }
        return new Reply(200, Reply.JAVASCRIPT, (callback + "(" + json + ")").getBytes(StandardCharsets.UTF_8),
                false);
    }

    String toJson(Object body) {
        try {
            return writer.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("can't write " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
