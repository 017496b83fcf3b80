package io.natsjms.server.streaming;

import io.natsjms.protocol.Extensions;
import io.natsjms.protocol.Subjects;

/** Builds the engine's components, connects them, and subscribes them to the cluster's subjects. */
final class EngineWiring {

    private final Engine engine;
    private final Delivery delivery;
    private final Redelivery redelivery;
    private final Inactivity inactivity;
    private final SubscriptionRemoval removal;
    private final ClientLifecycle lifecycle;
    private final PublishPipeline pipeline;
    private final EngineRecovery recovery;

    EngineWiring(Engine engine) {
        this.engine = engine;
        redelivery = new Redelivery(engine);
        delivery = redelivery.delivery();
        inactivity = new Inactivity(engine);
        removal = new SubscriptionRemoval(engine, redelivery, inactivity);
        lifecycle = new ClientLifecycle(engine, removal);
        MessageExpiry expiry = new MessageExpiry(engine);
        pipeline = new PublishPipeline(engine, delivery, inactivity, expiry);
        recovery = new EngineRecovery(engine, lifecycle, delivery, redelivery, inactivity, expiry);
    }

    EngineRecovery recovery() {
        return recovery;
    }

    /** Subscribes every handler; from then on requests are served. */
    void listen() {
        Subjects subjects = engine.subjects;
        on(subjects.publishWildcard(), pipeline);
        on(subjects.pings(), new PingHandler(engine, lifecycle.heartbeats()));
        on(engine.ackInboxPrefix() + ">", new AckHandler(engine, delivery, redelivery));
        afterPublishes(subjects.discovery(), new ConnectHandler(engine, lifecycle));
        afterPublishes(subjects.subscribe(), new SubscribeHandler(engine, delivery, redelivery, removal, inactivity));
        afterPublishes(subjects.unsubscribe(), new UnsubscribeHandler(engine, removal, true));
        afterPublishes(subjects.subClose(), new UnsubscribeHandler(engine, removal, false));
        afterPublishes(subjects.close(), new CloseHandler(engine, lifecycle));
        afterPublishes(Extensions.browseSubject(subjects), new BrowseHandler(engine));
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

    private void on(String subject, Transport.Handler handler) {
        engine.transport.subscribe(subject,
                (s, reply, data) -> engine.loop.submit(() -> handler.onMessage(s, reply, data),
                        data == null ? 0 : data.length));
    }
}
