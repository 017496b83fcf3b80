package io.natsjms.tck;

/**
 * The user and password the TCK connects with, read from its {@code user} and {@code password}
 * system properties. The TCK's own word for "no credentials" is {@value #TCK_DEFAULT}; an empty value
 * means the same here.
 *
 * @param user     the user, or {@code null} when the broker runs without authentication
 * @param password the password, or {@code null} when the broker runs without authentication
 */
record TckCredentials(String user, String password) {

    /** What the TCK passes when the provider's default connection should be used. */
    static final String TCK_DEFAULT = "jmsDefault";

    static TckCredentials none() {
        return new TckCredentials(null, null);
    }

    /** The credentials in the system properties {@code user} and {@code password}, if both are set. */
    static TckCredentials fromSystemProperties() {
        String user = System.getProperty("user");
        String password = System.getProperty("password");
        if (isUnset(user) || isUnset(password)) {
            return none();
        }
        return new TckCredentials(user, password);
    }

    private static boolean isUnset(String value) {
        return value == null || value.isEmpty() || TCK_DEFAULT.equals(value);
    }

    /** Whether the broker requires a user and password. */
    boolean required() {
        return user != null;
    }

    @Override
    public String toString() {
        return required() ? "TckCredentials[user=" + user + ", password=***]" : "TckCredentials[none]";
    }
}
