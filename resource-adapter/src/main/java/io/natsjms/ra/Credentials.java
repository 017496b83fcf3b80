package io.natsjms.ra;

import jakarta.resource.spi.ConnectionRequestInfo;
import jakarta.resource.spi.ManagedConnectionFactory;
import jakarta.resource.spi.security.PasswordCredential;
import java.util.Set;
import javax.security.auth.Subject;

/**
 * The NATS user and password of an outbound connection, when not the factory's own: from the
 * application's {@code createConnection(user, password)}, or from the container's sign-on Subject.
 * Pooled connections are matched by it.
 *
 * @param user     the NATS user
 * @param password the NATS password, or null
 */
record Credentials(String user, String password) implements ConnectionRequestInfo {

    /**
     * The credentials of a connection request: the Subject's password credential for {@code factory} (container
     * sign-on) wins over the application's request info; null means the factory's configured ones.
     */
    static Credentials of(Subject subject, ConnectionRequestInfo info, ManagedConnectionFactory factory) {
        if (subject != null) {
            Set<PasswordCredential> credentials = subject.getPrivateCredentials(PasswordCredential.class);
            for (PasswordCredential credential : credentials) {
                if (factory.equals(credential.getManagedConnectionFactory())) {
                    return new Credentials(credential.getUserName(), new String(credential.getPassword()));
                }
            }
        }
        return info instanceof Credentials credentials ? credentials : null;
    }

    /** Without the password. */
    @Override
    public String toString() {
        return "Credentials[user=" + user + "]";
    }
}
