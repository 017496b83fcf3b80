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

    /** What is wrong with the name, or {@code null} if nothing is. Scans once, without splitting. */
    private static String problem(String name, boolean wildcardsAllowed) {
        if (name == null || name.isEmpty()) {
            return "expected: a non-empty name";
        }
        int tokenStart = 0;
        for (int i = 0; i <= name.length(); i++) {
            char c = i < name.length() ? name.charAt(i) : '.';
            if (c == '/') {
                return "expected: no '/'";
            }
            if (c != '.') {
                continue;
            }
            String problem = tokenProblem(name, tokenStart, i, wildcardsAllowed);
            if (problem != null) {
                return problem;
            }
            tokenStart = i + 1;
        }
        return null;
    }

    private static String tokenProblem(String name, int start, int end, boolean wildcardsAllowed) {
        if (start == end) {
            return "expected: tokens separated by single '.', none empty";
        }
        boolean hasWildcard = false;
        for (int i = start; i < end; i++) {
            char c = name.charAt(i);
            hasWildcard |= c == '*' || c == '>';
        }
        if (!hasWildcard) {
            return null;
        }
        if (!wildcardsAllowed) {
            return "expected: no wildcards '*' or '>'";
        }
        boolean whole = end - start == 1;
        boolean last = end == name.length();
        if (whole && (name.charAt(start) == '*' || last)) {
            return null;
        }
        return "expected: '*' only as a whole token, '>' only as the last token";
    }
}
