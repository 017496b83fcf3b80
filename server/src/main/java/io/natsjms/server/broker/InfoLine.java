package io.natsjms.server.broker;

/**
 * Builds the INFO line sent to each new client, with the fields nats-server sends that matter to a
 * core-NATS client.
 */
final class InfoLine {
    /**
     * The nats-server version whose client protocol the broker implements. Clients use it for feature
     * checks, so it names the protocol level, not the natsjms release.
     */
    static final String COMPATIBLE_VERSION = "2.9.10";

    private final String prefix;

    InfoLine(String serverId, String serverName, String host, int port, boolean authRequired, boolean tlsRequired,
             boolean tlsVerify, int maxPayload) {
        StringBuilder sb = new StringBuilder("INFO {");
        field(sb, "server_id", serverId).append(',');
        field(sb, "server_name", serverName).append(',');
        field(sb, "version", COMPATIBLE_VERSION).append(',');
        sb.append("\"proto\":1,");
        field(sb, "host", host).append(',');
        sb.append("\"port\":").append(port).append(',');
        sb.append("\"headers\":true,");
        if (authRequired) {
            sb.append("\"auth_required\":true,");
        }
        if (tlsRequired) {
            sb.append("\"tls_required\":true,");
        }
        if (tlsVerify) {
            sb.append("\"tls_verify\":true,");
        }
        sb.append("\"max_payload\":").append(maxPayload).append(',');
        prefix = sb.toString();
    }

    /** The INFO line for one client, ending with {@code " \r\n"} like nats-server's. */
    String forClient(long clientId, String clientIp) {
        StringBuilder sb = new StringBuilder(prefix).append("\"client_id\":").append(clientId);
        if (clientIp != null) {
            sb.append(',');
            field(sb, "client_ip", clientIp);
        }
        return sb.append("} \r\n").toString();
    }

    private static StringBuilder field(StringBuilder sb, String name, String value) {
        sb.append('"').append(name).append("\":\"");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"');
    }
}
