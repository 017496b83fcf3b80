package io.natsjms.server.broker;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SubjectCacheTest {
    private final SubjectCache cache = new SubjectCache();

    private PublishedSubject get(String input, int from, int to) {
        byte[] bytes = input.getBytes(StandardCharsets.UTF_8);
        return cache.get(bytes, from, to);
    }

    @Test
    void returnsTheSameInstanceForTheSameBytes() {
        PublishedSubject first = get("PUB orders.new 5", 4, 14);
        assertThat(first.text).isEqualTo("orders.new");
        assertThat(new String(first.bytes, StandardCharsets.UTF_8)).isEqualTo("orders.new");
        assertThat(get("xorders.newy", 1, 11)).isSameAs(first);
    }

    @Test
    void distinguishesSubjectsEvenWhenTheyShareASlot() {
        for (int i = 0; i < 100; i++) {
            String subject = "s." + i;
            assertThat(get(subject, 0, subject.length()).text).isEqualTo(subject);
        }
        for (int i = 99; i >= 0; i--) {
            String subject = "s." + i;
            assertThat(get(subject, 0, subject.length()).text).isEqualTo(subject);
        }
    }

    @Test
    void decodesLongAndNonAsciiSubjects() {
        String longSubject = "a".repeat(1_000);
        assertThat(get(longSubject, 0, 1_000).text).isEqualTo(longSubject);
        byte[] invalid = {'a', (byte) 0xff, 'b'};
        PublishedSubject subject = cache.get(invalid, 0, 3);
        assertThat(subject.text).isEqualTo("a\ufffdb");
        assertThat(subject.bytes).isEqualTo("a\ufffdb".getBytes(StandardCharsets.UTF_8));
    }
}
