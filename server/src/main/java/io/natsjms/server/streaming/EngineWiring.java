package io.natsjms.server.streaming;

import io.natsjms.protocol.Extensions;
import io.natsjms.protocol.Subjects;

/** Builds the engine's components, connects them, and subscribes them to the cluster's subjects. */
final class EngineWiring {

    private final Engine engine;
    private final Delivery delivery;
    private final AckTimers ackTimers;
    private final Inactivity inactivity;
    private final Heartbeats heartbeats;
    private final SubscriptionRemoval removal;
    private final ClientLifecycle lifecycle;
    private final PublishPipeline pipeline;
    private final Recovery recovery;

    EngineWiring(Engine engine) {
        this.engine = engine;
        delivery = new Delivery(engine);
        ackTimers = new AckTimers(engine, delivery);
        delivery.setAckTimers(ackTimers);
        inactivity = new Inactivity(engine);
        heartbeats = new Heartbeats(engine);
        removal = new SubscriptionRemoval(engine, ackTimers, inactivity);
        lifecycle = new ClientLifecycle(engine, heartbeats, removal);
        heartbeats.setLifecycle(lifecycle);
        MessageExpiry expiry = new MessageExpiry(engine);
        pipeline = new PublishPipeline(engine, delivery, inactivity, expiry);
        recovery = new Recovery(engine, lifecycle, delivery, ackTimers, inactivity, expiry);
    }

    Recovery recovery() {
        return recovery;
    }

    /** Subscribes every handler; from then on requests are served. */
    void listen() {
        Subjects subjects = engine.subjects;
        on(subjects.discovery(), new ConnectHandler(engine, lifecycle, pipeline));
        on(subjects.publishWildcard(), pipeline);
        on(subjects.subscribe(), new SubscribeHandler(engine, pipeline, delivery, ackTimers, removal, inactivity));
        on(subjects.unsubscribe(), new UnsubscribeHandler(engine, removal, pipeline, true));
        on(subjects.subClose(), new UnsubscribeHandler(engine, removal, pipeline, false));
        on(subjects.close(), new CloseHandler(engine, lifecycle, pipeline));
        on(subjects.pings(), new PingHandler(engine, heartbeats));
        on(Extensions.browseSubject(subjects), new BrowseHandler(engine, pipeline));
        on(engine.ackInboxPrefix() + ">", new AckHandler(engine, delivery, ackTimers));
    }

    private void on(String subject, Transport.Handler handler) {
        engine.transport.subscribe(subject,
                (s, reply, data) -> engine.loop.submit(() -> handler.onMessage(s, reply, data),
                        data == null ? 0 : data.length));
    }
}
