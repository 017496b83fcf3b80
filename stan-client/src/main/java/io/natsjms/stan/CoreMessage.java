package io.natsjms.stan;

/**
 * A plain core-NATS message (not stored, not acknowledged), as used for temporary destinations and
 * request/reply.
 *
 * @param subject the subject it was published to
 * @param replyTo the reply subject, or {@code null}
 * @param data    the payload (never {@code null})
 */
public record CoreMessage(String subject, String replyTo, byte[] data) {
}
