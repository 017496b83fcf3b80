package io.natsjms.jms.message;

import java.util.Objects;

/**
 * How a consumer decodes payloads.
 *
 * @param nonEnvelopeAsText deliver payloads of plain STAN publishers as TextMessage (UTF-8) instead of
 *                          BytesMessage
 * @param classAllowList the classes ObjectMessage bodies may deserialize to
 */
public record CodecOptions(boolean nonEnvelopeAsText, ClassAllowList classAllowList) {

    /** Checks the values. */
    public CodecOptions {
        Objects.requireNonNull(classAllowList, "classAllowList");
    }

    /** BytesMessage for plain payloads, the default class allow-list. */
    public static CodecOptions defaults() {
        return new CodecOptions(false, ClassAllowList.defaults());
    }
}
