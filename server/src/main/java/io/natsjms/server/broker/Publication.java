package io.natsjms.server.broker;

/**
 * One {@code PUB}/{@code HPUB} as the parser hands it to its handler: subject, reply, and headers plus
 * payload as a range of an array. To spare a copy per message the range usually lies inside the
 * parser's input, and the parser refills the same instance for the next message: a publication is
 * valid only during the {@link ParserHandler#onPublish} call, and nothing may keep it or its arrays.
 */
final class Publication {
    PublishedSubject subject;
    /** Reply subject as written into {@code MSG} lines, or {@code null}. */
    byte[] reply;
    /** Size of the header block at the start of the data, or -1 for a plain PUB. */
    int headerSize;
    byte[] data;
    int offset;
    /** Bytes of headers and payload. */
    int length;

    Publication set(PublishedSubject subject, byte[] reply, int headerSize, byte[] data, int offset, int length) {
        this.subject = subject;
        this.reply = reply;
        this.headerSize = headerSize;
        this.data = data;
        this.offset = offset;
        this.length = length;
        return this;
    }
}
