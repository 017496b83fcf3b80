package io.natsjms.server.monitor;

import io.natsjms.server.streaming.ServerSnapshot;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/** Answers one monitoring request: path and query in, {@link Reply} out. */
final class Routes {

    private static final System.Logger LOG = System.getLogger(Routes.class.getName());

    static final String ROOT = "/streaming";
    static final String SERVERZ = ROOT + "/serverz";
    static final String STOREZ = ROOT + "/storez";
    static final String CLIENTSZ = ROOT + "/clientsz";
    static final String CHANNELSZ = ROOT + "/channelsz";
    static final String IS_FT_ACTIVE = ROOT + "/isFTActive";
    static final String DASHBOARD = ROOT + "/dashboard";
    static final String HEALTHZ = "/healthz";
    static final String METRICS = "/metrics";

    private final MonitoredServer server;
    private final Clock clock;
    private final JsonReplies json = new JsonReplies();
    private final Metrics metrics;
    private final String version;
    private final String runtime;

    Routes(MonitoredServer server, StoreLatency latency, Clock clock) {
        this.server = server;
        this.clock = clock;
        String implementation = Routes.class.getPackage().getImplementationVersion();
        this.version = implementation != null ? implementation : "development";
        this.runtime = "java" + Runtime.version();
        this.metrics = new Metrics(server, latency, version);
    }

    /** The answer to a GET of {@code uri}; errors become 400, 503 (not ready) or 500 replies. */
    Reply answer(URI uri) {
        String path = uri.getPath();
        try {
            return answer(path, Query.parse(uri.getRawQuery()));
        } catch (BadRequest e) {
            return Reply.error(400, e.getMessage());
        } catch (RuntimeException e) {
            Optional<String> unavailable = server.unavailable();
            if (unavailable.isPresent()) {
                return Reply.error(503, "Server unavailable: " + unavailable.get());
            }
            LOG.log(Level.WARNING, "monitoring request " + path + " failed: " + e, e);
            return Reply.error(500, "Error getting the server state for " + path + ": " + e.getMessage());
        }
    }

    /**
     * The answer to a GET of {@code path}.
     *
     * @throws BadRequest if a query parameter can't be used
     */
    Reply answer(String path, Query query) throws BadRequest {
        Optional<Reply> asset = DashboardAssets.find(path);
        if (asset.isPresent()) {
            return asset.get();
        }
        switch (path) {
            case ROOT:
                return Reply.html(IndexPage.html());
            case HEALTHZ:
                return Health.reply(server.unavailable(), json);
            case METRICS:
                return metrics.scrape();
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
        return new SnapshotMapper(server.snapshot(), clock.instant());
    }

    private static String callback(Query query) {
        return query.get("callback");
    }
}
