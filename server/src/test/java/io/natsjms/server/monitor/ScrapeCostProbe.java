package io.natsjms.server.monitor;

import io.nats.streaming.NatsStreaming;
import io.nats.streaming.Options;
import io.nats.streaming.StreamingConnection;
import io.nats.streaming.SubscriptionOptions;
import io.natsjms.server.NatsjmsServer;
import io.natsjms.server.config.ServerConfig;
import io.natsjms.store.StoreLimits;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;

/**
 * A measurement (not a test): how long a server snapshot (the part of a scrape that runs on the
 * engine loop) and a whole {@code /metrics} scrape take with many channels and subscriptions (each
 * channel: 10 messages of 100 bytes, every subscription a durable holding 2 messages in flight).
 *
 * <p>Run: {@code java -cp <server test class path> io.natsjms.server.monitor.ScrapeCostProbe [channels]
 * [subscriptions per channel] [scrapes]}
 */
public final class ScrapeCostProbe {

    private ScrapeCostProbe() {
    }

    public static void main(String[] args) throws Exception {
        int channels = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        int subs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int scrapes = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        ServerConfig config = ServerConfig.builder().clusterId("probe").host("127.0.0.1").port(0).monitorPort(0)
                .storeLimits(StoreLimits.defaults().withMaxChannels(0)).build();
        try (NatsjmsServer server = NatsjmsServer.start(config);
             StreamingConnection client = NatsStreaming.connect("probe", "client",
                     new Options.Builder().natsUrl("nats://127.0.0.1:" + server.natsPort()).build())) {
            for (int i = 0; i < channels; i++) {
                for (int m = 0; m < 10; m++) {
                    client.publish("ch." + i, new byte[100]);
                }
                for (int s = 0; s < subs; s++) {
                    client.subscribe("ch." + i, msg -> { }, new SubscriptionOptions.Builder().durableName("d" + s)
                            .manualAcks().deliverAllAvailable().maxInFlight(2).build());
                }
            }
            HttpClient http = HttpClient.newHttpClient();
            URI metrics = URI.create("http://127.0.0.1:" + server.monitorPort() + "/metrics");
            long[] snapshot = new long[scrapes];
            long[] scrape = new long[scrapes];
            int size = 0;
            for (int r = 0; r < scrapes; r++) {
                long start = System.nanoTime();
                server.snapshot();
                snapshot[r] = System.nanoTime() - start;
                start = System.nanoTime();
                size = http.send(HttpRequest.newBuilder(metrics).build(), HttpResponse.BodyHandlers.ofString())
                        .body().length();
                scrape[r] = System.nanoTime() - start;
            }
            Arrays.sort(snapshot);
            Arrays.sort(scrape);
            System.out.printf("%d channels, %d subscriptions: snapshot median %.1f ms (max %.1f), scrape median"
                    + " %.1f ms (max %.1f), %d bytes%n", channels, channels * subs, snapshot[scrapes / 2] / 1e6,
                    snapshot[scrapes - 1] / 1e6, scrape[scrapes / 2] / 1e6, scrape[scrapes - 1] / 1e6, size);
        }
    }
}
