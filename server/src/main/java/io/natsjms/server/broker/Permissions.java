package io.natsjms.server.broker;

import java.util.Objects;

/**
 * What one user may publish and subscribe to (nats-server's {@code permissions} block).
 *
 * @param publish   the subjects the user may publish to
 * @param subscribe the subjects the user may subscribe to
 */
public record Permissions(SubjectPermission publish, SubjectPermission subscribe) {

    /** Checks that both parts are given. */
    public Permissions {
        Objects.requireNonNull(publish, "publish");
        Objects.requireNonNull(subscribe, "subscribe");
    }

    /** Everything permitted. */
    public static Permissions all() {
        return new Permissions(SubjectPermission.all(), SubjectPermission.all());
    }

    /** Whether nothing is restricted. */
    public boolean unrestricted() {
        return publish.unrestricted() && subscribe.unrestricted();
    }
}
