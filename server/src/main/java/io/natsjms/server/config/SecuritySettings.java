package io.natsjms.server.config;

import io.natsjms.server.broker.BrokerTls;
import io.natsjms.server.broker.BrokerUser;
import java.util.List;
import java.util.Objects;

/**
 * TLS and authorization: of the embedded broker's client port, and of the streaming server's
 * connection to an external NATS server.
 *
 * @param brokerTls the embedded broker's TLS ({@code -tls*} flags, the top-level {@code tls { }} block), or
 *                  {@code null}
 * @param users     the embedded broker's users and their permissions ({@code authorization { users }})
 * @param natsTls   TLS to an external NATS server ({@code -secure}, {@code -tls_client_*}), or {@code null}
 */
public record SecuritySettings(BrokerTls brokerTls, List<BrokerUser> users, NatsClientTls natsTls) {

    /** Copies the users. */
    public SecuritySettings {
        users = List.copyOf(Objects.requireNonNull(users, "users"));
    }

    /** No TLS, no users. */
    public static SecuritySettings none() {
        return new SecuritySettings(null, List.of(), null);
    }

    /** These settings with another broker TLS. */
    public SecuritySettings withBrokerTls(BrokerTls value) {
        return new SecuritySettings(value, users, natsTls);
    }

    /** These settings with other users. */
    public SecuritySettings withUsers(List<BrokerUser> value) {
        return new SecuritySettings(brokerTls, value, natsTls);
    }

    /** These settings with another TLS to the external NATS server. */
    public SecuritySettings withNatsTls(NatsClientTls value) {
        return new SecuritySettings(brokerTls, users, value);
    }
}
