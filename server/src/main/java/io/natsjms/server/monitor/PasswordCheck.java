package io.natsjms.server.monitor;

import com.sun.net.httpserver.BasicAuthenticator;
import io.natsjms.server.config.MonitorConfig;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * HTTP basic authentication of the monitoring port against the one configured user. Credentials
 * are compared in constant time and never logged; a refused request gets 401 with
 * {@code WWW-Authenticate: Basic realm="natsjms monitoring"}.
 */
final class PasswordCheck extends BasicAuthenticator {

    private final byte[] user;
    private final byte[] password;

    PasswordCheck(MonitorConfig.BasicAuth auth) {
        super("natsjms monitoring", StandardCharsets.UTF_8);
        this.user = auth.user().getBytes(StandardCharsets.UTF_8);
        this.password = auth.password().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public boolean checkCredentials(String givenUser, String givenPassword) {
        boolean userMatches = MessageDigest.isEqual(user, givenUser.getBytes(StandardCharsets.UTF_8));
        boolean passwordMatches = MessageDigest.isEqual(password, givenPassword.getBytes(StandardCharsets.UTF_8));
        return userMatches & passwordMatches;
    }
}
