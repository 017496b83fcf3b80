package io.natsjms.server.broker;

import java.util.Objects;

/**
 * One user of the broker's {@code authorization { users = [...] }} list.
 *
 * @param name        the user name clients send in CONNECT
 * @param password    the password going with it
 * @param permissions what the user may publish and subscribe to
 */
public record BrokerUser(String name, String password, Permissions permissions) {

    /** Checks that every part is given. */
    public BrokerUser {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("user: \"" + name + "\" (expected: a user name)");
        }
        Objects.requireNonNull(password, () -> "user '" + name + "': password");
        Objects.requireNonNull(permissions, () -> "user '" + name + "': permissions");
    }

    /** Without the password. */
    @Override
    public String toString() {
        return "BrokerUser[name=" + name + ", permissions=" + permissions + "]";
    }
}
