package io.natsjms.protocol;

/**
 * Validation of channel names. A channel name is a NATS subject made of non-empty tokens separated
 * by {@code .}, without {@code /}. Names in client requests must be literal; limit patterns in the
 * server configuration may use the {@code *} and {@code >} wildcards.
 */
public final class ChannelNames {

    private ChannelNames() {
    }

    /** Whether {@code name} is a valid literal channel name (no wildcards). */
    public static boolean isValid(String name) {
        return problem(name, false) == null;
    }

    /** Whether {@code pattern} is a valid channel name or wildcard pattern. */
    public static boolean isValidPattern(String pattern) {
        return problem(pattern, true) == null;
    }

    /**
     * Returns {@code name} if it is a valid literal channel name.
     *
     * @throws IllegalArgumentException naming the value and what is wrong with it
     */
    public static String requireValid(String name) {
        String problem = problem(name, false);
        if (problem != null) {
            throw new IllegalArgumentException("channel: \"" + name + "\" (" + problem + ")");
        }
        return name;
    }

    /**
     * Returns {@code pattern} if it is a valid channel name or wildcard pattern.
     *
     * @throws IllegalArgumentException naming the value and what is wrong with it
     */
    public static String requireValidPattern(String pattern) {
        String problem = problem(pattern, true);
        if (problem != null) {
            throw new IllegalArgumentException("channel pattern: \"" + pattern + "\" (" + problem + ")");
        }
        return pattern;
    }

    /** What is wrong with the name, or {@code null} if nothing is. */
    private static String problem(String name, boolean wildcardsAllowed) {
        if (name == null || name.isEmpty()) {
            return "expected: a non-empty name";
        }
        if (name.indexOf('/') >= 0) {
            return "expected: no '/'";
        }
        String[] tokens = name.split("\\.", -1);
        for (int i = 0; i < tokens.length; i++) {
            String token = tokens[i];
            if (token.isEmpty()) {
                return "expected: tokens separated by single '.', none empty";
            }
            boolean hasWildcard = token.indexOf('*') >= 0 || token.indexOf('>') >= 0;
            if (!hasWildcard) {
                continue;
            }
            if (!wildcardsAllowed) {
                return "expected: no wildcards '*' or '>'";
            }
            boolean fullWildcard = token.equals("*") || (token.equals(">") && i == tokens.length - 1);
            if (!fullWildcard) {
                return "expected: '*' only as a whole token, '>' only as the last token";
            }
        }
        return null;
    }
}
