package io.natsjms.stan;

/**
 * A publish the streaming server acknowledged: the message is stored in {@code channel}.
 *
 * @param channel the channel published to
 * @param guid    the publish's unique ID, as sent and as echoed by the server
 */
public record PubAckResult(String channel, String guid) {
}
