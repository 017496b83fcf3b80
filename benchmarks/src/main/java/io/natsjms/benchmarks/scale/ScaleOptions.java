package io.natsjms.benchmarks.scale;

import io.natsjms.benchmarks.CommandLine;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * What {@link ScaleHarness} runs.
 *
 * @param parts            which parts: {@code publish}, {@code fanout}, {@code footprint}
 * @param stores           stores of the in-process parts ({@code mapdb} with fsync always, {@code memory})
 * @param reps             repetitions of the in-process parts (interleaved)
 * @param channels         channel counts of the publish part on the memory store
 * @param mapdbChannels    channel counts of the publish part on MapDB (creating a channel there costs
 *                         more the more channels there are: 10,000 take far too long, see the README)
 * @param publishMessages  messages of one throughput run of the publish part
 * @param window           unacknowledged publishes allowed in throughput runs and backlog fills
 * @param rate             messages per second of the fixed-rate (p99) run of the publish part
 * @param rateSeconds      how long the fixed-rate run lasts
 * @param subscribers      subscriber counts of the fan-out part
 * @param deliveries       deliveries of one fan-out run, all subscribers together: each of {@code n}
 *                         subscribers receives a backlog of {@code deliveries / n} messages, so every run
 *                         lasts about as long
 * @param subscribedChannels channel counts of the footprint part (each with {@code subsPerChannel} durables;
 *                         on MapDB, as above, 10,000 take far too long to create)
 * @param subsPerChannel   durable subscriptions per channel in the footprint part
 * @param storedMessages   message counts of the footprint part
 * @param storedBytes      payload bytes of each stored message in the footprint part
 * @param storedAge        how long ago the stored messages are stamped as stored (older than the server's
 *                         duplicate window, whose messages it reads back at start-up)
 * @param recentMessages   message counts of the footprint part stamped as stored just now
 * @param starts           server starts per footprint case
 * @param serverJvmOptions options of the server JVM of the footprint part
 * @param directory        parent of every scratch directory
 * @param output           where {@code scale.csv} and {@code scale.svg} are written
 */
record ScaleOptions(List<String> parts, List<String> stores, int reps, List<Integer> channels,
                    List<Integer> mapdbChannels, int publishMessages,
                    int window, int rate, double rateSeconds, List<Integer> subscribers, int deliveries,
                    List<Integer> subscribedChannels, int subsPerChannel, List<Long> storedMessages, int storedBytes,
                    Duration storedAge, List<Long> recentMessages, int starts, List<String> serverJvmOptions,
                    Path directory, Path output) {

    static final List<String> PARTS = List.of("publish", "fanout", "footprint");

    static final String USAGE = """
            java -cp benchmarks/target/natsjms-benchmarks.jar io.natsjms.benchmarks.scale.ScaleHarness [options]
              --parts LIST             publish,fanout,footprint (default: all three)
              --stores LIST            stores of publish and fanout: mapdb (fsync always), memory (default: both)
              --reps N                 repetitions of publish and fanout, interleaved (default 3)
              --channels LIST          channel counts of publish on memory (default 1,100,10000)
              --mapdb-channels LIST    channel counts of publish on mapdb (default 1,100,1000)
              --publish-messages N     1 KB messages per throughput run (default 20000)
              --window N               unacked publishes per throughput run (default 1024)
              --rate N                 msgs/s of the fixed-rate p99 run (default 1000)
              --rate-seconds S         length of the fixed-rate run (default 2)
              --subscribers LIST       subscriber counts of fanout (default 1,10,100)
              --deliveries N           deliveries per fanout run, all subscribers together (default 200000)
              --subscribed-channels LIST  channel counts of footprint (default 100,300,1000)
              --subs-per-channel N     durable subscriptions per channel (default 10)
              --stored-messages LIST   stored message counts of footprint (default 100000,1000000,10000000)
              --stored-bytes N         payload bytes per stored message (default 100)
              --stored-age-seconds S   stored messages are stamped this long ago (default 3600)
              --recent-messages LIST   message counts stamped as stored just now (default 100000,1000000)
              --starts N               server starts per footprint case (default 2)
              --server-jvm-option OPT  option of the footprint server's JVM, repeatable (default none)
              --dir PATH               parent of the scratch directories (default java.io.tmpdir)
              --out PATH               directory for scale.csv and scale.svg (default benchmarks)
            """;

    ScaleOptions {
        parts = List.copyOf(parts);
        stores = List.copyOf(stores);
        channels = List.copyOf(channels);
        mapdbChannels = List.copyOf(mapdbChannels);
        subscribers = List.copyOf(subscribers);
        subscribedChannels = List.copyOf(subscribedChannels);
        storedMessages = List.copyOf(storedMessages);
        recentMessages = List.copyOf(recentMessages);
        serverJvmOptions = List.copyOf(serverJvmOptions);
    }

    static ScaleOptions parse(String[] args) {
        CommandLine line = CommandLine.parse(args, Set.of("parts", "stores", "reps", "channels", "mapdb-channels", "publish-messages",
                "window", "rate", "rate-seconds", "subscribers", "deliveries", "subscribed-channels", "subs-per-channel",
                "stored-messages", "stored-bytes", "stored-age-seconds", "recent-messages", "starts",
                "server-jvm-option", "dir", "out"));
        List<String> parts = line.list("parts", PARTS);
        for (String part : parts) {
            if (!PARTS.contains(part)) {
                throw new IllegalArgumentException("--parts: \"" + part + "\" (expected one of: " + PARTS + ")");
            }
        }
        List<String> stores = line.list("stores", List.of("mapdb", "memory"));
        for (String store : stores) {
            if (!store.equals("mapdb") && !store.equals("memory")) {
                throw new IllegalArgumentException("--stores: \"" + store + "\" (expected: mapdb or memory)");
            }
        }
        return new ScaleOptions(parts, stores, line.intValue("reps", 3, 1),
                counts(line, "channels", "1,100,10000"), counts(line, "mapdb-channels", "1,100,1000"),
                line.intValue("publish-messages", 20_000, 1),
                line.intValue("window", 1024, 1), line.intValue("rate", 1000, 1),
                line.seconds("rate-seconds", 2, 0.1),
                counts(line, "subscribers", "1,10,100"), line.intValue("deliveries", 200_000, 1),
                counts(line, "subscribed-channels", "100,300,1000"), line.intValue("subs-per-channel", 10, 0),
                counts(line, "stored-messages", "100000,1000000,10000000").stream().map(Integer::longValue).toList(),
                line.intValue("stored-bytes", 100, 1),
                Duration.ofMillis(Math.round(line.seconds("stored-age-seconds", 3600, 0) * 1000)),
                counts(line, "recent-messages", "100000,1000000").stream().map(Integer::longValue).toList(),
                line.intValue("starts", 2, 1), line.all("server-jvm-option"),
                Path.of(line.string("dir", System.getProperty("java.io.tmpdir"))),
                Path.of(line.string("out", "benchmarks")));
    }

    private static List<Integer> counts(CommandLine line, String name, String defaults) {
        return line.list(name, List.of(defaults.split(","))).stream().map(text -> {
            try {
                int value = Integer.parseInt(text.replace("_", ""));
                if (value >= 1) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException("--" + name + ": \"" + text + "\" (expected: integers >= 1)");
        }).toList();
    }
}
