package io.natsjms.protocol;

/** Validation of client IDs (and cluster IDs), which STAN restricts to {@code [a-zA-Z0-9_-]+}. */
public final class ClientIds {

    private ClientIds() {
    }

    /** Whether {@code id} is a non-empty string of ASCII letters, digits, {@code -} and {@code _}. */
    public static boolean isValid(String id) {
        if (id == null || id.isEmpty()) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns {@code id} if valid.
     *
     * @throws IllegalArgumentException naming the ID and the allowed characters
     */
    public static String requireValid(String id) {
        if (!isValid(id)) {
            throw new IllegalArgumentException("client ID: \"" + id
                    + "\" (expected: one or more of a-z, A-Z, 0-9, '-' and '_')");
        }
        return id;
    }
}
