package io.natsjms.server.streaming;

import java.util.ArrayList;

/**
 * Deletes channels that had no active subscription and no new message for their max inactivity.
 * Owned by the engine loop.
 */
final class Inactivity {

    private final EngineLoop loop;
    private final ChannelRegistry channels;
    private final Commits commits;

    Inactivity(EngineLoop loop, ChannelRegistry channels, Commits commits) {
        this.loop = loop;
        this.channels = channels;
        this.commits = commits;
    }

    /** (Re)starts the channel's inactivity clock if it has a max inactivity and no active subscription. */
    void check(Channel channel) {
        long maxInactivity = channel.store.limits().maxInactivity().toNanos();
        if (maxInactivity == 0) {
            return;
        }
        if (channel.inactivityTimer != null) {
            channel.inactivityTimer.cancel(false);
            channel.inactivityTimer = null;
        }
        if (!channel.hasActiveSubscription()) {
            channel.inactivityTimer = loop.schedule(() -> expire(channel), maxInactivity);
        }
    }

    /** Starts the channel's inactivity clock unless it runs already or an active subscription stops it. */
    void startIfIdle(Channel channel) {
        if (channel.inactivityTimer == null) {
            check(channel);
        }
    }

    private void expire(Channel channel) {
        channel.inactivityTimer = null;
        if (channels.get(channel.name) != channel || channel.hasActiveSubscription()) {
            return;
        }
        for (Subscription sub : new ArrayList<>(channel.byId.values())) {
            channel.byId.remove(sub.id);
        }
        channels.delete(channel);
        commits.commitSoon();
    }
}
