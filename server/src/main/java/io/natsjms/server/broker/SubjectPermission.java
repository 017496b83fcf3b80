package io.natsjms.server.broker;

import java.util.List;
import java.util.Objects;

/**
 * The subjects one user may publish or subscribe to, in nats-server's terms: an allow list (empty:
 * everything) and a deny list that overrules it. Entries are subjects with the {@code *} and
 * {@code >} wildcards.
 *
 * <p>A published subject is permitted when an allow entry matches it (or there is none) and no deny
 * entry does. A subscription subject, which may hold wildcards itself, is permitted when an allow
 * entry covers everything it can match and no deny entry covers it; a wildcard subscription that a
 * deny entry only overlaps ({@code foo.*} against a denied {@code foo.secret}) is permitted, and the
 * messages the deny entry matches are then not delivered to it ({@link #deniesMessage}).
 */
public final class SubjectPermission {

    private static final SubjectPermission ALL = new SubjectPermission(List.of(), List.of());

    private final List<String> allow;
    private final List<String> deny;
    private final List<String[]> allowTokens;
    private final List<String[]> denyTokens;

    /**
     * @throws IllegalArgumentException naming an entry that is not a subject
     */
    public SubjectPermission(List<String> allow, List<String> deny) {
        this.allow = List.copyOf(Objects.requireNonNull(allow, "allow"));
        this.deny = List.copyOf(Objects.requireNonNull(deny, "deny"));
        this.allowTokens = tokens(this.allow);
        this.denyTokens = tokens(this.deny);
    }

    /** Everything allowed, nothing denied. */
    public static SubjectPermission all() {
        return ALL;
    }

    /** Only the subjects {@code allow} lists. */
    public static SubjectPermission allowOnly(List<String> allow) {
        return new SubjectPermission(allow, List.of());
    }

    private static List<String[]> tokens(List<String> subjects) {
        return subjects.stream().map(subject -> {
            if (!SubjectTrie.isValidSubject(subject)) {
                throw new IllegalArgumentException("permission subject: \"" + subject
                        + "\" (expected: a subject such as orders.new, wildcards * and > allowed)");
            }
            return subject.split("\\.", -1);
        }).toList();
    }

    /** The allow entries; empty when everything not denied is allowed. */
    public List<String> allow() {
        return allow;
    }

    /** The deny entries. */
    public List<String> deny() {
        return deny;
    }

    /** Whether this permits everything. */
    public boolean unrestricted() {
        return allow.isEmpty() && deny.isEmpty();
    }

    /** Whether a publish to the literal {@code subject} is permitted. */
    public boolean permitsPublish(String subject) {
        String[] tokens = subject.split("\\.", -1);
        return (allowTokens.isEmpty() || anyMatches(allowTokens, tokens)) && !anyMatches(denyTokens, tokens);
    }

    /** Whether a subscription to {@code subject} (wildcards allowed) is permitted. */
    public boolean permitsSubscribe(String subject) {
        String[] tokens = subject.split("\\.", -1);
        if (!allowTokens.isEmpty() && allowTokens.stream().noneMatch(pattern -> covers(pattern, tokens))) {
            return false;
        }
        return denyTokens.stream().noneMatch(pattern -> covers(pattern, tokens));
    }

    /**
     * Whether a permitted subscription to {@code subject} can match subjects a deny entry denies, so
     * that its messages must be checked with {@link #deniesMessage} before delivery.
     */
    public boolean overlapsDenied(String subject) {
        String[] tokens = subject.split("\\.", -1);
        return denyTokens.stream().anyMatch(pattern -> overlap(pattern, 0, tokens, 0));
    }

    /** Whether a deny entry matches the literal subject of a message. */
    public boolean deniesMessage(String subject) {
        return anyMatches(denyTokens, subject.split("\\.", -1));
    }

    private static boolean anyMatches(List<String[]> patterns, String[] subject) {
        for (String[] pattern : patterns) {
            if (SubjectTrie.matches(pattern, subject)) {
                return true;
            }
        }
        return false;
    }

    /** Whether every subject {@code subscription} matches is matched by {@code pattern}. */
    static boolean covers(String[] pattern, String[] subscription) {
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.equals(">")) {
                return subscription.length > i;
            }
            if (i >= subscription.length) {
                return false;
            }
            String s = subscription[i];
            if (s.equals(">") || !p.equals("*") && (s.equals("*") || !p.equals(s))) {
                return false;
            }
        }
        return pattern.length == subscription.length;
    }

    /** Whether some literal subject is matched by both {@code a} and {@code b} (from the given tokens on). */
    static boolean overlap(String[] a, int i, String[] b, int j) {
        if (i == a.length || j == b.length) {
            return i == a.length && j == b.length;
        }
        if (a[i].equals(">") || b[j].equals(">")) {
            return true;
        }
        boolean tokenMatches = a[i].equals("*") || b[j].equals("*") || a[i].equals(b[j]);
        return tokenMatches && overlap(a, i + 1, b, j + 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubjectPermission other && allow.equals(other.allow) && deny.equals(other.deny);
    }

    @Override
    public int hashCode() {
        return Objects.hash(allow, deny);
    }

    @Override
    public String toString() {
        return "{allow=" + allow + ", deny=" + deny + "}";
    }
}
