package io.natsjms.cdi;

import static org.assertj.core.api.Assertions.assertThat;

import io.natsjms.jms.NatsConnectionFactory;
import jakarta.jms.JMSContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A CDI bean keeps a durable subscription across restarts of its application; the client ID and the server
 * come from the properties file named by {@code natsjms.config}.
 */
class DurableSubscriptionIT {

    private static final String TOPIC = "cdi-audit";

    @RegisterExtension
    static final CdiTestServer SERVER = new CdiTestServer();

    @RegisterExtension
    final NatsjmsProperties properties = new NatsjmsProperties();

    @Test
    void receivesWhatWasPublishedWhileTheApplicationWasDown(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("natsjms.properties");
        Files.writeString(file, String.join("\n",
                "natsjms.serverUrls = " + SERVER.url(),
                "natsjms.clusterId = " + CdiTestServer.CLUSTER,
                "natsjms.clientId = audit-trail",
                ""));
        properties.set("natsjms.config", file.toString());

        try (WeldContainer weld = new Weld().initialize()) {
            AuditTrail trail = weld.select(AuditTrail.class).get();
            assertThat(trail.clientId()).isEqualTo("audit-trail");
            trail.subscribe(TOPIC);
            trail.publish(TOPIC, List.of("created", "paid"));
        }
        NatsConnectionFactory other = new NatsConnectionFactory(SERVER.url());
        other.setClusterId(CdiTestServer.CLUSTER);
        try (JMSContext publisher = other.createContext()) {
            publisher.createProducer().send(publisher.createTopic(TOPIC), "shipped");
        }

        try (WeldContainer weld = new Weld().initialize()) {
            AuditTrail trail = weld.select(AuditTrail.class).get();
            assertThat(trail.read(TOPIC, 3)).containsExactly("created", "paid", "shipped");

            trail.publish(TOPIC, List.of("delivered"));
            assertThat(trail.read(TOPIC, 1)).containsExactly("delivered");
            trail.unsubscribe();
        }
    }
}
