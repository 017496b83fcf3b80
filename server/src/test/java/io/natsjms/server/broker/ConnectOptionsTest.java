package io.natsjms.server.broker;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConnectOptionsTest {

    @Test
    void readsWhatJnatsSends() {
        ConnectOptions options = ConnectOptions.parse("{\"lang\":\"java\",\"version\":\"2.26.2\",\"protocol\":1,"
                + "\"verbose\":false,\"pedantic\":false,\"tls_required\":false,\"echo\":true,\"headers\":true,"
                + "\"no_responders\":true,\"name\":\"app \\\"one\\\"\",\"user\":\"u\",\"pass\":\"p\\u0041\"}");

        assertThat(options).isEqualTo(new ConnectOptions(false, false, true, true, true, "app \"one\"", "java",
                "2.26.2", "u", "pA", null));
    }

    @Test
    void absentFlagsTakeNatsServerDefaults() {
        ConnectOptions options = ConnectOptions.parse("{\"auth_token\":\"t\"}");
        assertThat(options.verbose()).isTrue();
        assertThat(options.pedantic()).isTrue();
        assertThat(options.echo()).isTrue();
        assertThat(options.headers()).isFalse();
        assertThat(options.noResponders()).isFalse();
        assertThat(options.authToken()).isEqualTo("t");
    }

    @Test
    void parsesNestedValues() {
        Map<String, Object> map = JsonObjectParser.parseObject(" { \"a\" : [1, 2.5, -3e2, null], \"b\": {\"c\": true} } ");
        assertThat(map.get("a")).isEqualTo(Arrays.asList(1.0, 2.5, -300.0, null));
        assertThat(map).containsEntry("b", Map.of("c", true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{", "{bad json", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "[1]", "{\"a\":tru}",
            "{\"a\":\"\\q\"}", "{} x", "{\"a\":\"unterminated}"})
    void rejectsMalformedJson(String json) {
        assertThatThrownBy(() -> ConnectOptions.parse(json)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("expected");
    }
}
