package io.natsjms.server.streaming;

import io.natsjms.protocol.Extensions;
import io.natsjms.protocol.Subjects;

/**
 * Builds the engine's components, each by its constructor and given only the shared parts it uses,
 * and subscribes them to the cluster's subjects. The only place that sees the whole {@link Engine}
 * besides the snapshots.
 */
final class EngineWiring {

    private final Engine engine;
    private final Delivery delivery;
    private final Redelivery redelivery;
    private final Inactivity inactivity;
    private final SubscriptionRemoval removal;
    private final ClientLifecycle lifecycle;
    private final PublishPipeline pipeline;
    private final EngineRecovery recovery;
    private final PublishIds ids;
    private final DelayedMessages delayed;
    private final StagedBranches staged = new StagedBranches();
    private final PreparedBranches prepared;

    EngineWiring(Engine engine) {
        this.engine = engine;
        prepared = engine.prepared;
        redelivery = new Redelivery(engine.loop, engine.transport, engine.clients, engine.commits, engine.stats,
                prepared);
        delivery = redelivery.delivery();
        inactivity = new Inactivity(engine.loop, engine.channels, engine.commits);
        removal = new SubscriptionRemoval(engine.clients, redelivery, inactivity);
        lifecycle = new ClientLifecycle(engine.config, engine.loop, engine.transport, engine.store,
                engine.clients, engine.commits, removal, staged);
        MessageExpiry expiry = new MessageExpiry(engine.loop, engine.channels, engine.commits);
        ids = new PublishIds(engine.config.dupWindow());
        pipeline = new PublishPipeline(engine.loop, engine.transport, engine.clients, engine.channels,
                engine.commits, engine.stats, delivery, inactivity, expiry, ids, engine.store.schedule());
        delayed = new DelayedMessages(engine.loop, pipeline);
        recovery = new EngineRecovery(engine.clients, engine.channels, engine.commits, lifecycle, delivery,
                redelivery, inactivity, expiry, engine.store.preparedTransactions(), prepared);
    }

    EngineRecovery recovery() {
        return recovery;
    }

    /**
     * Subscribes every handler; from then on requests are served. First the duplicate window is rebuilt
     * from the recovered messages, the recovered scheduled messages wait for their time again (the
     * overdue ones are appended as soon as the loop is free), and the ages of prepared transaction
     * branches are watched.
     */
    void listen() {
        ids.rebuild(engine.channels.all(), Engine.wallNanos());
        delayed.restore(engine.store.schedule().all());
        new PreparedAgeWatch(engine.loop, prepared).start();
        Subjects subjects = engine.subjects;
        on(subjects.publishWildcard(), pipeline);
        on(subjects.pings(), new PingHandler(engine.transport, engine.clients, lifecycle.heartbeats()));
        AckHandler acks = new AckHandler(engine.channels, engine.commits, delivery, redelivery);
        on(subjects.ackInboxWildcard(), acks);
        on(Extensions.acksSubject(subjects), new AckBatchHandler(engine.transport, engine.channels, acks));
        afterPublishes(subjects.discovery(), new ConnectHandler(engine.config, engine.subjects, engine.loop,
                engine.transport, engine.clients, lifecycle));
        SubscribeHandler subscribe = new SubscribeHandler(engine.config, engine.subjects, engine.transport,
                engine.clients, engine.channels, engine.commits, delivery, redelivery, removal, inactivity);
        afterPublishes(subjects.subscribe(), subscribe);
        afterPublishes(Extensions.subscribeSubject(subjects), new SelectiveSubscribeHandler(engine.transport, subscribe));
        afterPublishes(subjects.unsubscribe(), new UnsubscribeHandler(engine.transport, engine.clients,
                engine.channels, engine.commits, removal, true));
        afterPublishes(subjects.subClose(), new UnsubscribeHandler(engine.transport, engine.clients,
                engine.channels, engine.commits, removal, false));
        afterPublishes(subjects.close(), new CloseHandler(engine.transport, engine.clients, lifecycle));
        afterPublishes(Extensions.browseSubject(subjects),
                new BrowseHandler(engine.transport, engine.clients, engine.channels));
        afterPublishes(Extensions.scheduleSubject(subjects), new ScheduleHandler(engine.clients, engine.channels,
                engine.commits, engine.stats, engine.store.schedule(), ids, pipeline, delayed));
        BranchApply apply = new BranchApply(engine.channels, engine.commits, engine.stats, ids, pipeline, acks,
                engine.store.preparedTransactions());
        afterPublishes(Extensions.txSubject(subjects), new TxHandler(engine.transport, engine.clients,
                engine.channels, engine.commits, engine.stats, redelivery, staged, prepared,
                engine.store.preparedTransactions(), new BranchCheck(engine.clients, engine.channels, pipeline),
                apply));
    }

    /**
     * A request that must see every publish received before it (a subscription starting from the last
     * message, a close, a browse): the publishes still waiting in the pipeline's batch are stored first.
     */
    private void afterPublishes(String subject, Transport.Handler handler) {
        on(subject, (s, reply, data) -> {
            pipeline.flush();
            handler.onMessage(s, reply, data);
        });
    }

    /**
     * Subscribes {@code handler}, run on the engine loop: at once when the transport calls it there
     * already (the embedded broker's), else submitted to the loop as input, which may make the
     * transport's thread wait while the loop is behind (jnats').
     */
    private void on(String subject, Transport.Handler handler) {
        EngineLoop loop = engine.loop;
        engine.transport.subscribe(subject, (s, reply, data) -> {
            if (loop.inLoop()) {
                handler.onMessage(s, reply, data);
            } else {
                loop.submit(() -> handler.onMessage(s, reply, data), data == null ? 0 : data.length);
            }
        });
    }
}
