package io.natsjms.server.broker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SubjectTrieTest {
    private final SubjectTrie trie = new SubjectTrie(16);
    private int nextSid;

    private BrokerSubscription sub(String subject) {
        return sub(subject, null);
    }

    private BrokerSubscription sub(String subject, String queue) {
        BrokerSubscription sub = new BrokerSubscription(null, subject, queue, Integer.toString(++nextSid));
        assertThat(trie.insert(sub)).as("insert %s", subject).isTrue();
        return sub;
    }

    private List<String> plainSubjects(String published) {
        return trie.match(published).plain().stream().map(s -> s.subject).toList();
    }

    @ParameterizedTest(name = "{0} matches {1}: {2}")
    @CsvSource({
            "foo, foo, true", "foo, bar, false", "foo, foo.bar, false",
            "foo.*, foo.bar, true", "foo.*, foo, false", "foo.*, foo.bar.baz, false",
            "*.bar, foo.bar, true", "*.*, a.b, true", "*, a, true", "*, a.b, false",
            "foo.>, foo.bar, true", "foo.>, foo.bar.baz, true", "foo.>, foo, false",
            ">, a, true", ">, a.b.c, true", "foo.*.>, foo.a.b, true", "foo.*.>, foo.a, false",
            "f*o, f*o, true", "f*o, fxo, false", "foo.*, foo.*, true", "foo.bar, foo.*, false"})
    void matchesWildcards(String subscribed, String published, boolean matches) {
        sub(subscribed);
        assertThat(plainSubjects(published)).hasSize(matches ? 1 : 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"fo\u00e9.b\u00e4r", "\u65e5\u672c.x", "a.b_c-d~e", "x\u007f\u00a0y"})
    void acceptsSubjectsOfAnyOtherCharacters(String subject) {
        assertThat(SubjectTrie.isValidSubject(subject)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "foo..bar", ".foo", "foo.", "foo.>.bar", ">.foo", "foo bar", "foo\tbar", "foo\rbar", "foo\nbar",
        "foo\u000bbar", "foo\u001fbar", "foo\u2003bar", "foo\u3000bar"})
    void rejectsInvalidSubjects(String subject) {
        // whitespace of every kind Character.isWhitespace knows, ASCII control and Unicode spaces alike
        assertThat(SubjectTrie.isValidSubject(subject)).isFalse();
        assertThat(trie.insert(new BrokerSubscription(null, subject, null, "1"))).isFalse();
        assertThat(trie.size()).isZero();
    }

    @Test
    void literalSubjectsHaveNoWildcardTokens() {
        assertThat(SubjectTrie.isValidLiteralSubject("foo.bar")).isTrue();
        assertThat(SubjectTrie.isValidLiteralSubject("f*o.b>r")).isTrue();
        assertThat(SubjectTrie.isValidLiteralSubject("foo.*")).isFalse();
        assertThat(SubjectTrie.isValidLiteralSubject("foo.>")).isFalse();
        assertThat(SubjectTrie.isValidLiteralSubject("foo..bar")).isFalse();
        assertThat(SubjectTrie.isValidLiteralSubject("*")).isFalse();
        assertThat(SubjectTrie.isValidLiteralSubject("*.foo")).isFalse();
        assertThat(SubjectTrie.isValidLiteralSubject("foo.*.bar")).isFalse();
        assertThat(SubjectTrie.isValidLiteralSubject("_STAN.acks.**")).isTrue();
        assertThat(SubjectTrie.isValidLiteralSubject(">>.x")).isTrue();
    }

    @Test
    void publishedSubjectWithEmptyTokenMatchesNothing() {
        sub(">");
        assertThat(trie.match("foo..bar").isEmpty()).isTrue();
        assertThat(trie.match(".foo").isEmpty()).isTrue();
    }

    @Test
    void literalMatchComesBeforeStarOnTheLastToken() {
        sub("_INBOX.*");
        sub("_INBOX.x");
        assertThat(plainSubjects("_INBOX.x")).containsExactly("_INBOX.x", "_INBOX.*");
    }

    @Test
    void groupsQueueSubscriptionsByNameAcrossSubjects() {
        BrokerSubscription a = sub("jobs.*", "workers");
        BrokerSubscription b = sub("jobs.email", "workers");
        BrokerSubscription c = sub("jobs.email", "auditors");
        BrokerSubscription plain = sub("jobs.>");

        SubjectMatch match = trie.match("jobs.email");

        assertThat(match.plain()).containsExactly(plain);
        assertThat(match.queueGroups()).hasSize(2);
        assertThat(match.queueGroups()).anySatisfy(g -> assertThat(g).containsExactlyInAnyOrder(a, b));
        assertThat(match.queueGroups()).anySatisfy(g -> assertThat(g).containsExactly(c));
    }

    @Test
    void removeDeletesOnlyThatSubscriptionAndPrunesEmptyBranches() {
        BrokerSubscription first = sub("a.b.c");
        BrokerSubscription second = sub("a.b.c");
        BrokerSubscription queued = sub("a.b.c", "q");

        assertThat(trie.remove(first)).isTrue();
        assertThat(trie.remove(first)).isFalse();
        assertThat(trie.match("a.b.c").plain()).containsExactly(second);
        assertThat(trie.remove(queued)).isTrue();
        assertThat(trie.match("a.b.c").queueGroups()).isEmpty();
        assertThat(trie.remove(second)).isTrue();
        assertThat(trie.size()).isZero();
        assertThat(trie.match("a.b.c").isEmpty()).isTrue();
    }

    @Test
    void cacheIsInvalidatedByInsertAndRemove() {
        assertThat(trie.match("orders.new").isEmpty()).isTrue();
        BrokerSubscription wildcard = sub("orders.*");
        assertThat(trie.match("orders.new").plain()).containsExactly(wildcard);
        BrokerSubscription literal = sub("orders.new");
        assertThat(trie.match("orders.new").plain()).containsExactlyInAnyOrder(wildcard, literal);
        trie.remove(wildcard);
        assertThat(trie.match("orders.new").plain()).containsExactly(literal);
        trie.remove(literal);
        assertThat(trie.match("orders.new").isEmpty()).isTrue();
    }

    @Test
    void cacheStaysBounded() {
        sub(">");
        for (int i = 0; i < 1000; i++) {
            assertThat(trie.match("subject." + i).plain()).hasSize(1);
        }
        assertThat(trie.cachedResults()).isLessThanOrEqualTo(16);
    }

    @Test
    void manySubscriptionsStillMatchExactly() {
        SubjectTrie big = new SubjectTrie();
        List<BrokerSubscription> subs = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            BrokerSubscription s = new BrokerSubscription(null, "tenant." + (i % 100) + ".device." + i, null, "s" + i);
            subs.add(s);
            big.insert(s);
        }
        BrokerSubscription wildcard = new BrokerSubscription(null, "tenant.7.device.*", null, "w");
        big.insert(wildcard);

        assertThat(big.size()).isEqualTo(100_001);
        assertThat(big.match("tenant.7.device.507").plain()).containsExactlyInAnyOrder(subs.get(507), wildcard);
        assertThat(big.match("tenant.8.device.507").plain()).isEmpty();
        for (BrokerSubscription s : subs) {
            big.remove(s);
        }
        assertThat(big.size()).isEqualTo(1);
    }

    @Test
    void autoUnsubscribeLimitIsClaimedOnce() {
        BrokerSubscription sub = sub("limited");
        assertThat(sub.limitTo(2)).isFalse();
        assertThat(sub.claimDelivery()).isEqualTo(1);
        long second = sub.claimDelivery();
        assertThat(second).isEqualTo(2);
        assertThat(sub.isLast(second)).isTrue();
        assertThat(sub.claimDelivery()).isEqualTo(-1);
        assertThat(sub.exhausted()).isTrue();
    }
}
