package io.natsjms.server.streaming;

import io.natsjms.protocol.pb.MsgProto;
import io.natsjms.store.MessageStore;

/**
 * Drops messages older than their channel's max age: one timer per channel, armed for the moment
 * its oldest message becomes too old. Owned by the engine loop.
 */
final class MessageExpiry {

    private final EngineLoop loop;
    private final ChannelRegistry channels;
    private final Commits commits;

    MessageExpiry(EngineLoop loop, ChannelRegistry channels, Commits commits) {
        this.loop = loop;
        this.channels = channels;
        this.commits = commits;
    }

    /** Arms the channel's timer if it has a max age, holds a message, and no timer is armed yet. */
    void check(Channel channel) {
        long maxAge = channel.store.limits().maxAge().toNanos();
        if (maxAge == 0 || channel.expiryTimer != null) {
            return;
        }
        MessageStore log = channel.store.messages();
        MsgProto oldest = log.lookup(log.firstSequence());
        if (oldest == null) {
            return;
        }
        long dueIn = oldest.getTimestamp() + maxAge - Engine.wallNanos();
        channel.expiryTimer = loop.schedule(() -> expire(channel), dueIn);
    }

    private void expire(Channel channel) {
        channel.expiryTimer = null;
        if (channels.get(channel.name) != channel) {
            return;
        }
        if (channel.store.messages().expire(Engine.wallNanos()) > 0) {
            commits.commitSoon();
        }
        check(channel);
    }
}
