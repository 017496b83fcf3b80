package io.natsjms.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.natsjms.server.broker.BrokerTls;
import io.natsjms.server.broker.BrokerUser;
import io.natsjms.server.broker.Permissions;
import io.natsjms.server.broker.SubjectPermission;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The tls and authorization blocks of configuration files, in nats-server's syntax. */
class SecuritySectionTest {

    private static ServerConfig config(String text) throws ConfigFileException {
        ServerConfig.Builder builder = ServerConfig.builder();
        ConfigFile.parse(text, "nats.conf").applyTo(builder);
        return builder.build();
    }

    @Test
    void tlsBlockConfiguresTheEmbeddedBroker() throws ConfigFileException {
        ServerConfig config = config("""
                tls {
                  cert_file: "/etc/natsjms/server.pem"
                  key_file: "/etc/natsjms/server-key.pem"
                  ca_file: "/etc/natsjms/ca.pem"
                  verify: true
                  timeout: 3
                }
                """);
        assertThat(config.security().brokerTls()).isEqualTo(new BrokerTls(Path.of("/etc/natsjms/server.pem"),
                Path.of("/etc/natsjms/server-key.pem"), Path.of("/etc/natsjms/ca.pem"), true, Duration.ofSeconds(3)));
        assertThat(config.security().natsTls()).isNull();
    }

    @Test
    void tlsBlockWithoutKeyNamesTheFileAndLine() {
        assertThatThrownBy(() -> config("port: 4222\ntls {\n  cert_file: s.pem\n}\n"))
                .isInstanceOf(ConfigFileException.class)
                .hasMessage("nats.conf:2: tls: no key file (expected: tlskey / key_file, a PEM file)");
    }

    @Test
    void streamingTlsBlockAndSecureConfigureTheConnectionToNats() throws ConfigFileException {
        ServerConfig config = config("""
                streaming {
                  ns: "tls://nats.example:4222"
                  tls { client_cert: c.pem, client_key: c-key.pem, client_ca: ca.pem }
                }
                """);
        assertThat(config.security().natsTls())
                .isEqualTo(new NatsClientTls(Path.of("c.pem"), Path.of("c-key.pem"), Path.of("ca.pem")));
        assertThat(config("streaming { secure: true }").security().natsTls()).isEqualTo(NatsClientTls.secure());
        assertThatThrownBy(() -> config("streaming {\n  tls { cert_file: s.pem }\n}"))
                .hasMessageContaining("nats.conf:2: 'cert_file' in streaming { tls }");
    }

    @Test
    void usersWithEveryPermissionForm() throws ConfigFileException {
        ServerConfig config = config("""
                authorization {
                  users = [
                    { user: app, password: "s3cret", permissions: {
                        publish: "orders.>"
                        subscribe: { allow: ["_INBOX.>", "orders.*"], deny: "orders.secret" }
                    } }
                    { user: reader, pass: r, permissions: { pub: { deny: [">"] }, sub: [">"] } }
                    { user: admin, password: a }
                  ]
                }
                """);
        assertThat(config.security().users()).containsExactly(
                new BrokerUser("app", "s3cret", new Permissions(SubjectPermission.allowOnly(List.of("orders.>")),
                        new SubjectPermission(List.of("_INBOX.>", "orders.*"), List.of("orders.secret")))),
                new BrokerUser("reader", "r", new Permissions(new SubjectPermission(List.of(), List.of(">")),
                        SubjectPermission.allowOnly(List.of(">")))),
                new BrokerUser("admin", "a", Permissions.all()));
    }

    @Test
    void singleUserAuthorizationBlock() throws ConfigFileException {
        ServerConfig config = config("authorization { user: me, password: pw, timeout: 2 }");
        assertThat(config.user()).isEqualTo("me");
        assertThat(config.password()).isEqualTo("pw");
        assertThat(config("authorization { token: t0k }").token()).isEqualTo("t0k");
    }

    @Test
    void badPermissionsAreErrorsNamingTheLine() {
        assertThatThrownBy(() -> config("authorization {\n users = [\n  { user: a, password: b,\n"
                + "    permissions: { publish: [\"a..b\"] } }\n ]\n}"))
                .hasMessageContaining("nats.conf:4: publish: permission subject: \"a..b\"");
        assertThatThrownBy(() -> config("authorization { users = [ { user: a, password: b,"
                + " permissions: { allow_responses: true } } ] }"))
                .hasMessageContaining("'allow_responses' in permissions is not supported");
        assertThatThrownBy(() -> config("authorization { users = [ { user: a } ] }"))
                .hasMessageContaining("a user without password");
        assertThatThrownBy(() -> config("user: x\npass: y\nauthorization { users = [ { user: a, password: b } ] }"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a users list and a single user 'x' can't both be set");
    }
}
