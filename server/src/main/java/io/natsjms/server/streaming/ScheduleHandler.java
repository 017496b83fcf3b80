package io.natsjms.server.streaming;

import io.natsjms.protocol.Codec;
import io.natsjms.protocol.Extensions;
import io.natsjms.protocol.ProtocolErrors;
import io.natsjms.protocol.ProtocolException;
import io.natsjms.protocol.ext.ScheduleRequest;
import io.natsjms.protocol.pb.PubMsg;
import io.natsjms.store.MessageSchedule;
import io.natsjms.store.StoreException;
import io.natsjms.store.spb.ScheduledMsg;
import java.lang.System.Logger.Level;

/**
 * ScheduleRequests (a natsjms extension, see {@link Extensions#scheduleSubject(String)}): a publish
 * with a delivery time. The message is checked as a publish is, put into the store's schedule and
 * committed, and only then acknowledged with a PubAck; until it is due it is in no channel, so no
 * subscription and no browse sees it ({@link DelayedMessages} appends it when due). A request repeated
 * with the same channel and guid while the message waits, or after it was delivered within the
 * duplicate window, is acknowledged without scheduling anything. Owned by the engine loop.
 */
final class ScheduleHandler implements Transport.Handler {

    private static final System.Logger LOG = System.getLogger(ScheduleHandler.class.getName());

    private final ClientRegistry clients;
    private final ChannelRegistry channels;
    private final Commits commits;
    private final EngineStats stats;
    private final MessageSchedule schedule;
    private final PublishIds ids;
    private final PublishPipeline pipeline;
    private final DelayedMessages delayed;

    ScheduleHandler(ClientRegistry clients, ChannelRegistry channels, Commits commits, EngineStats stats,
                    MessageSchedule schedule, PublishIds ids, PublishPipeline pipeline, DelayedMessages delayed) {
        this.clients = clients;
        this.channels = channels;
        this.commits = commits;
        this.stats = stats;
        this.schedule = schedule;
        this.ids = ids;
        this.pipeline = pipeline;
        this.delayed = delayed;
    }

    @Override
    public void onMessage(String subject, String replyTo, byte[] data) {
        stats.inMsgs++;
        stats.inBytes += data.length;
        ScheduleRequest request;
        try {
            request = Codec.decode(ScheduleRequest.parser(), data, "ScheduleRequest", subject);
        } catch (ProtocolException e) {
            pipeline.pubAck(replyTo, "", Extensions.INVALID_SCHEDULE_REQUEST);
            return;
        }
        PubMsg msg = request.getPublish();
        String channel = msg.getSubject();
        String guid = msg.getGuid();
        if (guid.isEmpty() || !PublishPipeline.validChannel(channels, channel)
                || !PublishPipeline.knownPublisher(clients, msg)) {
            pipeline.pubAck(replyTo, guid, ProtocolErrors.INVALID_PUBLISH_REQUEST);
            return;
        }
        if (schedule.get(channel, guid).isPresent() || ids.contains(channel, guid, Engine.wallNanos())) {
            stats.duplicates++;
            pipeline.pubAck(replyTo, guid, null);
            return;
        }
        String tooLarge = pipeline.sizeProblemWhenStored(channel, guid, msg.getReply(), msg.getData());
        if (tooLarge != null) {
            pipeline.pubAck(replyTo, guid, tooLarge);
            return;
        }
        ScheduledMsg scheduled = ScheduledMsg.newBuilder().setChannel(channel).setGuid(guid)
                .setDueTime(Math.max(1, request.getDeliverAt())).setData(msg.getData()).setReply(msg.getReply())
                .build();
        pipeline.pubAck(replyTo, guid, store(scheduled));
    }

    /** Puts and commits; returns the wire error, or {@code null} once the message is durably scheduled. */
    private String store(ScheduledMsg scheduled) {
        try {
            schedule.put(scheduled);
        } catch (StoreException e) {
            LOG.log(Level.ERROR, "scheduling a message on \"" + scheduled.getChannel() + "\" failed: "
                    + e.getMessage(), e);
            return e.publicMessage();
        }
        try {
            commits.commitNow();
        } catch (StoreException e) {
            // the put stays pending in the store for its next commit: take it back, so that a refused
            // request schedules nothing
            LOG.log(Level.ERROR, "commit of a scheduled message on \"" + scheduled.getChannel() + "\" failed: "
                    + e.getMessage(), e);
            schedule.remove(scheduled.getChannel(), scheduled.getGuid());
            return e.publicMessage();
        }
        delayed.add(scheduled);
        return null;
    }
}
