package io.natsjms.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"foo", "foo.bar", "a.b.c.d", "Orders_2024-eu", "x"})
    void acceptsLiteralNames(String name) {
        assertThat(ChannelNames.isValid(name)).isTrue();
        assertThat(ChannelNames.isValidPattern(name)).isTrue();
        assertThat(ChannelNames.requireValid(name)).isEqualTo(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".foo", "foo.", "foo..bar", "foo/bar", "foo.*", "foo.>", "*", ">", "fo*o"})
    void rejectsInvalidLiteralNamesNamingTheValue(String name) {
        assertThat(ChannelNames.isValid(name)).isFalse();
        assertThatThrownBy(() -> ChannelNames.requireValid(name))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("channel: \"" + name + "\" (expected");
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo.*", "foo.>", "*", ">", "*.bar", "foo.*.baz.>"})
    void acceptsWildcardPatterns(String pattern) {
        assertThat(ChannelNames.isValidPattern(pattern)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"foo.>.bar", "fo*", "foo.b>", ".foo.*", "foo.*."})
    void rejectsMalformedPatterns(String pattern) {
        assertThat(ChannelNames.isValidPattern(pattern)).isFalse();
        assertThatThrownBy(() -> ChannelNames.requireValidPattern(pattern))
                .hasMessageContaining("\"" + pattern + "\"");
    }

    @ParameterizedTest
    @ValueSource(strings = {"client-1", "C_2", "abc"})
    void acceptsClientIds(String id) {
        assertThat(ClientIds.isValid(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a.b", "a*", "é"})
    void rejectsClientIdsNamingTheValue(String id) {
        assertThat(ClientIds.isValid(id)).isFalse();
        assertThatThrownBy(() -> ClientIds.requireValid(id)).hasMessageContaining("\"" + id + "\"");
    }
}
