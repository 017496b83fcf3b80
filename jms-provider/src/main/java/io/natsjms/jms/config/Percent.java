package io.natsjms.jms.config;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Decodes {@code %XX} escapes (UTF-8) in URL parts; unlike form decoding, {@code +} stays a plus. */
final class Percent {

    private Percent() {
    }

    /**
     * Decodes {@code text}.
     *
     * @param what names the part for the error message, which never shows the text (it may be a password)
     * @throws IllegalArgumentException on a {@code %} not followed by two hex digits
     */
    static String decode(String what, String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        ByteArrayOutputStream escaped = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '%') {
                flush(escaped, out);
                out.append(c);
                continue;
            }
            int high = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            int low = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
            if (high < 0 || low < 0) {
                throw new IllegalArgumentException(what + ": bad percent escape at index " + i
                        + " (expected: % and two hex digits)");
            }
            escaped.write(high * 16 + low);
            i += 2;
        }
        flush(escaped, out);
        return out.toString();
    }

    /** Appends the escaped bytes gathered so far, decoded as UTF-8. */
    private static void flush(ByteArrayOutputStream escaped, StringBuilder out) {
        if (escaped.size() > 0) {
            out.append(escaped.toString(StandardCharsets.UTF_8));
            escaped.reset();
        }
    }
}
