package io.natsjms.benchmarks.jms;

import java.util.Arrays;
import java.util.Locale;

/** A JMS provider the harness measures, with the broker it runs against. */
enum Provider {

    /** The natsjms provider against the natsjms server (embedded NATS broker, MapDB store). */
    NATSJMS("natsjms"),
    /** ActiveMQ Artemis' client against an embedded Artemis broker. */
    ARTEMIS("Artemis");

    private final String label;

    Provider(String label) {
        this.label = label;
    }

    /** The name printed in tables. */
    String label() {
        return label;
    }

    /** Starts a fresh broker of this provider for one run. */
    BenchBroker start(JmsOptions options) throws Exception {
        return switch (this) {
            case NATSJMS -> NatsjmsBroker.start(options.directory(), options.natsjmsStore());
            case ARTEMIS -> ArtemisBroker.start(options.directory(), options.artemisTransport());
        };
    }

    /**
     * @throws IllegalArgumentException naming the value and the accepted names
     */
    static Provider parse(String name) {
        for (Provider provider : values()) {
            if (provider.name().equalsIgnoreCase(name)) {
                return provider;
            }
        }
        throw new IllegalArgumentException("provider: \"" + name + "\" (expected one of: "
                + String.join(", ", Arrays.stream(values()).map(p -> p.name().toLowerCase(Locale.ROOT)).toList()) + ")");
    }
}
