package io.natsjms.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InboxesTest {

    @ParameterizedTest
    @ValueSource(strings = {"_INBOX.Rj3h6kXY2AlQ0cBzWmN9Pq", "_STAN.acks.abc", "x", "a.b-c_d.é", "inbox:1"})
    void acceptsLiteralSubjects(String inbox) {
        assertThat(Inboxes.isValid(inbox)).isTrue();
        assertThat(Inboxes.problem(inbox)).isNull();
        assertThat(Inboxes.requireValid(inbox, "inbox")).isEqualTo(inbox);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", " a", "a ", "a\tb", "a\nb", "a\rb", "a\u0000b", "a\u00a0b", ".a", "a.",
            "a..b", "_INBOX.*", "_INBOX.>", "a*b", "a>"})
    void rejectsWhatCannotBePublishedTo(String inbox) {
        assertThat(Inboxes.isValid(inbox)).isFalse();
        assertThatThrownBy(() -> Inboxes.requireValid(inbox, "heartbeat inbox"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("heartbeat inbox: \"")
                .hasMessageContaining("(expected: ");
    }

    @Test
    void rejectsNull() {
        assertThat(Inboxes.isValid(null)).isFalse();
        assertThatThrownBy(() -> Inboxes.requireValid(null, "inbox"))
                .hasMessage("inbox: null (expected: a non-empty subject)");
    }

    @Test
    void limitsTheLengthInUtf8Bytes() {
        assertThat(Inboxes.isValid("a".repeat(Inboxes.MAX_BYTES))).isTrue();
        assertThat(Inboxes.problem("a".repeat(Inboxes.MAX_BYTES + 1)))
                .isEqualTo("expected: at most " + Inboxes.MAX_BYTES + " bytes");
        // 'é' is two bytes in UTF-8
        assertThat(Inboxes.isValid("é".repeat(Inboxes.MAX_BYTES / 2))).isTrue();
        assertThat(Inboxes.isValid("é".repeat(Inboxes.MAX_BYTES / 2 + 1))).isFalse();
    }

    @Test
    void aLongValueIsCutShortInTheMessage() {
        String inbox = "x ".repeat(200);
        assertThatThrownBy(() -> Inboxes.requireValid(inbox, "inbox"))
                .hasMessage("inbox: \"" + inbox.substring(0, 80)
                        + "…\" (expected: no whitespace or control characters)");
    }
}
