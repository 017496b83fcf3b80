package io.natsjms.server.broker;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Subscription index: a trie with one level per subject token, where {@code *} and {@code >} tokens
 * have their own branch. A match walks only the literal branch of each published token plus the
 * wildcard branches, so its cost depends on the subject depth, not on the number of subscriptions.
 * Results are kept in a bounded cache; inserting or removing a subscription evicts only the cached
 * subjects it matches.
 *
 * <p>Thread-safe: matches share a read lock (cache hits take no lock), changes take the write lock.
 */
final class SubjectTrie {
    /** Default number of cached match results. */
    static final int DEFAULT_CACHE_SIZE = 4096;

    private static final class Node {
        /** Literal children by token; {@code null} until the first one. */
        Map<String, Node> children;
        Node star;
        Node greater;
        final List<BrokerSubscription> plain = new ArrayList<>(1);
        /** Queue subscriptions by group name; {@code null} until the first one. */
        Map<String, List<BrokerSubscription>> queues;

        boolean isEmpty() {
            return plain.isEmpty() && (queues == null || queues.isEmpty())
                    && (children == null || children.isEmpty()) && star == null && greater == null;
        }
    }

    private final Node root = new Node();
    /** Guards the nodes and {@link #count}; the cache is written under the read lock too (see match). */
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Map<String, SubjectMatch> cache = new ConcurrentHashMap<>();
    private final int cacheSize;
    private int count;

    SubjectTrie() {
        this(DEFAULT_CACHE_SIZE);
    }

    SubjectTrie(int cacheSize) {
        if (cacheSize < 0) {
            throw new IllegalArgumentException("cacheSize: " + cacheSize + " (expected: >= 0)");
        }
        this.cacheSize = cacheSize;
    }

    /**
     * A subscription subject: non-empty tokens separated by dots, where {@code >} may only be the
     * last token. Wildcard characters inside a longer token are literal characters.
     */
    static boolean isValidSubject(String subject) {
        if (subject.isEmpty()) {
            return false;
        }
        int start = 0;
        int length = subject.length();
        for (int i = 0; i <= length; i++) {
            if (i == length || subject.charAt(i) == '.') {
                if (i == start) {
                    return false;
                }
                if (i - start == 1 && subject.charAt(start) == '>' && i != length) {
                    return false;
                }
                start = i + 1;
            } else if (isWhitespace(subject.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** {@link Character#isWhitespace}, without the call for the printable ASCII characters subjects are made of. */
    private static boolean isWhitespace(char c) {
        return (c <= ' ' || c >= 0x7f) && Character.isWhitespace(c);
    }

    /** A valid subject without wildcard tokens, as required of published subjects in pedantic mode. */
    static boolean isValidLiteralSubject(String subject) {
        if (!isValidSubject(subject)) {
            return false;
        }
        int start = 0;
        int length = subject.length();
        for (int i = 0; i <= length; i++) {
            if (i == length || subject.charAt(i) == '.') {
                if (i - start == 1 && (subject.charAt(start) == '*' || subject.charAt(start) == '>')) {
                    return false;
                }
                start = i + 1;
            }
        }
        return true;
    }

    /** Adds a subscription; returns {@code false} (and adds nothing) when its subject is invalid. */
    boolean insert(BrokerSubscription sub) {
        if (!isValidSubject(sub.subject)) {
            return false;
        }
        lock.writeLock().lock();
        try {
            Node node = root;
            for (String token : sub.subject.split("\\.", -1)) {
                node = child(node, token);
            }
            if (sub.queue == null) {
                node.plain.add(sub);
            } else {
                if (node.queues == null) {
                    node.queues = new HashMap<>();
                }
                node.queues.computeIfAbsent(sub.queue, q -> new ArrayList<>(2)).add(sub);
            }
            count++;
            evictMatching(sub.subject);
            return true;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static Node child(Node node, String token) {
        switch (token) {
            case "*" -> {
                if (node.star == null) {
                    node.star = new Node();
                }
                return node.star;
            }
            case ">" -> {
                if (node.greater == null) {
                    node.greater = new Node();
                }
                return node.greater;
            }
            default -> {
                if (node.children == null) {
                    node.children = new HashMap<>();
                }
                return node.children.computeIfAbsent(token, t -> new Node());
            }
        }
    }

    /** Removes a subscription; returns whether it was present. */
    boolean remove(BrokerSubscription sub) {
        lock.writeLock().lock();
        try {
            String[] tokens = sub.subject.split("\\.", -1);
            boolean removed = remove(root, tokens, 0, sub);
            if (removed) {
                count--;
                evictMatching(sub.subject);
            }
            return removed;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static boolean remove(Node node, String[] tokens, int index, BrokerSubscription sub) {
        if (index == tokens.length) {
            if (sub.queue == null) {
                return removeIdentity(node.plain, sub);
            }
            List<BrokerSubscription> members = node.queues == null ? null : node.queues.get(sub.queue);
            if (members == null || !removeIdentity(members, sub)) {
                return false;
            }
            if (members.isEmpty()) {
                node.queues.remove(sub.queue);
            }
            return true;
        }
        String token = tokens[index];
        Node next = switch (token) {
            case "*" -> node.star;
            case ">" -> node.greater;
            default -> node.children == null ? null : node.children.get(token);
        };
        if (next == null || !remove(next, tokens, index + 1, sub)) {
            return false;
        }
        if (next.isEmpty()) {
            switch (token) {
                case "*" -> node.star = null;
                case ">" -> node.greater = null;
                default -> node.children.remove(token);
            }
        }
        return true;
    }

    private static boolean removeIdentity(List<BrokerSubscription> list, BrokerSubscription sub) {
        for (Iterator<BrokerSubscription> it = list.iterator(); it.hasNext(); ) {
            if (it.next() == sub) {
                it.remove();
                return true;
            }
        }
        return false;
    }

    /** Number of subscriptions in the trie. */
    int size() {
        lock.readLock().lock();
        try {
            return count;
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Number of cached match results (for tests). */
    int cachedResults() {
        return cache.size();
    }

    /**
     * Subscriptions interested in a published subject. Tokens of the published subject are taken
     * literally, so publishing to {@code foo.*} reaches subscribers of {@code foo.*} and {@code foo.>}
     * but not of {@code foo.bar}, as in nats-server. A subject with an empty token matches nothing.
     */
    SubjectMatch match(String subject) {
        SubjectMatch cached = cache.get(subject);
        if (cached != null) {
            return cached;
        }
        String[] tokens = subject.split("\\.", -1);
        for (String token : tokens) {
            if (token.isEmpty()) {
                return SubjectMatch.EMPTY;
            }
        }
        lock.readLock().lock();
        try {
            List<BrokerSubscription> plain = new ArrayList<>();
            Map<String, List<BrokerSubscription>> groups = new LinkedHashMap<>();
            collect(root, tokens, 0, plain, groups);
            SubjectMatch result = plain.isEmpty() && groups.isEmpty()
                    ? SubjectMatch.EMPTY : new SubjectMatch(plain, List.copyOf(groups.values()));
            if (cacheSize > 0) {
                // still under the read lock, so no insert or remove can evict between computing and caching
                if (cache.size() >= cacheSize) {
                    shrinkCache();
                }
                cache.put(subject, result);
            }
            return result;
        } finally {
            lock.readLock().unlock();
        }
    }

    private static void collect(Node node, String[] tokens, int index, List<BrokerSubscription> plain,
                                Map<String, List<BrokerSubscription>> groups) {
        if (index == tokens.length) {
            addAll(node, plain, groups);
            return;
        }
        // same order as nats-server: full wildcard, then deeper levels, with the literal before the
        // star on the last token (the no-responders status goes to the first match)
        if (node.greater != null) {
            addAll(node.greater, plain, groups);
        }
        Node literal = node.children == null ? null : node.children.get(tokens[index]);
        if (index == tokens.length - 1) {
            if (literal != null) {
                addAll(literal, plain, groups);
            }
            if (node.star != null) {
                addAll(node.star, plain, groups);
            }
            return;
        }
        if (node.star != null) {
            collect(node.star, tokens, index + 1, plain, groups);
        }
        if (literal != null) {
            collect(literal, tokens, index + 1, plain, groups);
        }
    }

    private static void addAll(Node node, List<BrokerSubscription> plain, Map<String, List<BrokerSubscription>> groups) {
        plain.addAll(node.plain);
        if (node.queues != null) {
            node.queues.forEach((name, members) ->
                    groups.computeIfAbsent(name, n -> new ArrayList<>(members.size())).addAll(members));
        }
    }

    /** Drops about a quarter of the cache, in no particular order (as nats-server prunes its cache). */
    private void shrinkCache() {
        int toDrop = Math.max(1, cacheSize / 4);
        for (Iterator<String> it = cache.keySet().iterator(); it.hasNext() && toDrop > 0; toDrop--) {
            it.next();
            it.remove();
        }
    }

    /** Evicts cached subjects that {@code pattern} matches; called with the write lock held. */
    private void evictMatching(String pattern) {
        if (cache.isEmpty()) {
            return;
        }
        if (pattern.indexOf('*') < 0 && pattern.indexOf('>') < 0) {
            cache.remove(pattern);
            return;
        }
        String[] patternTokens = pattern.split("\\.", -1);
        cache.keySet().removeIf(subject -> matches(patternTokens, subject.split("\\.", -1)));
    }

    /** Whether a subscription pattern matches a published subject, token by token. */
    static boolean matches(String[] pattern, String[] subject) {
        for (int i = 0; i < pattern.length; i++) {
            String p = pattern[i];
            if (p.equals(">")) {
                return subject.length > i;
            }
            if (i >= subject.length || !p.equals("*") && !p.equals(subject[i])) {
                return false;
            }
        }
        return pattern.length == subject.length;
    }
}
