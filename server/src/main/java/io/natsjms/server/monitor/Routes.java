package io.natsjms.server.monitor;

import io.natsjms.server.streaming.ServerSnapshot;
import java.time.Clock;
import java.util.function.Supplier;

/** Answers one monitoring request from a fresh snapshot: path and query in, {@link Reply} out. */
final class Routes {

    static final String ROOT = "/streaming";
    static final String SERVERZ = ROOT + "/serverz";
    static final String STOREZ = ROOT + "/storez";
    static final String CLIENTSZ = ROOT + "/clientsz";
    static final String CHANNELSZ = ROOT + "/channelsz";
    static final String IS_FT_ACTIVE = ROOT + "/isFTActive";

    private final Supplier<ServerSnapshot> snapshots;
    private final Clock clock;
    private final JsonReplies json = new JsonReplies();
    private final String version;
    private final String runtime;

    Routes(Supplier<ServerSnapshot> snapshots, Clock clock) {
        this.snapshots = snapshots;
        this.clock = clock;
        String implementation = Routes.class.getPackage().getImplementationVersion();
        this.version = implementation != null ? implementation : "development";
        this.runtime = "java" + Runtime.version();
    }

    /**
     * The answer to a GET of {@code path}.
     *
     * @throws BadRequest if a query parameter can't be used
     */
    Reply answer(String path, Query query) throws BadRequest {
        switch (path) {
            case ROOT:
                return Reply.html(IndexPage.html());
            case IS_FT_ACTIVE:
                return Reply.noContent();
            case SERVERZ:
                return json.reply(mapper().serverz(version, runtime, FileDescriptors.current()), callback(query));
            case STOREZ:
                return json.reply(mapper().storez(), callback(query));
            case CLIENTSZ:
                return clientsz(query);
            case CHANNELSZ:
                return channelsz(query);
            default:
                return Reply.error(404, "404 page not found");
        }
    }

    private Reply clientsz(Query query) throws BadRequest {
        boolean withSubs = query.withSubscriptions();
        String id = query.get("client");
        if (id.isEmpty()) {
            Paging paging = Paging.of(query);
            return json.reply(mapper().clientsz(paging, withSubs), callback(query));
        }
        Object client = mapper().clientz(id, withSubs).orElse(null);
        if (client == null) {
            return Reply.error(404, "Client " + id + " not found");
        }
        return json.reply(client, callback(query));
    }

    private Reply channelsz(Query query) throws BadRequest {
        boolean withSubs = query.withSubscriptions();
        String name = query.get("channel");
        if (name.isEmpty()) {
            Paging paging = Paging.of(query);
            return json.reply(mapper().channelsz(paging, withSubs), callback(query));
        }
        Object channel = mapper().channelz(name, withSubs).orElse(null);
        if (channel == null) {
            return Reply.error(404, "Channel " + name + " not found");
        }
        return json.reply(channel, callback(query));
    }

    private SnapshotMapper mapper() {
        return new SnapshotMapper(snapshots.get(), clock.instant());
    }

    private static String callback(Query query) {
        return query.get("callback");
    }
}
