package io.natsjms.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigParserTest {

    private static Map<String, ConfigValue> parse(String text) throws ConfigFileException {
        return ConfigParser.parse(text, "test.conf");
    }

    private static Object value(String text, String key) throws ConfigFileException {
        return parse(text).get(key).value();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a: x", "a = x", "a x", "a:x", "a=x", "  a \t:\t x  ", "a: \"x\"", "a: 'x'",
            "a x # comment", "a x // comment", "# first\na: x", "a: y\na: x"})
    void readsEverySeparatorAndQuoting(String text) throws ConfigFileException {
        assertThat(value(text, "a")).isEqualTo("x");
    }

    @Test
    void entriesAreSeparatedByNewLinesCommasAndSemicolons() throws ConfigFileException {
        Map<String, ConfigValue> map = parse("a: 1, b: 2; c: 3\nd: 4\r\ne: 5");
        assertThat(map.keySet()).containsExactly("a", "b", "c", "d", "e");
        assertThat(map.get("e").value()).isEqualTo(5L);
        assertThat(map.get("e").line()).isEqualTo(3);
    }

    @Test
    void readsNestedBlocksWithTheirLines() throws ConfigFileException {
        String text = """
                streaming {
                  id: "my-cluster"
                  store_limits: {
                    channels {
                      "foo.*": { max_msgs: 10 }
                    }
                  }
                }
                """;
        Map<String, ConfigValue> top = parse(text);
        Map<String, ConfigValue> streaming = top.get("streaming").asMap("streaming");
        assertThat(streaming.get("id").value()).isEqualTo("my-cluster");
        assertThat(streaming.get("id").line()).isEqualTo(2);
        ConfigValue foo = streaming.get("store_limits").asMap("x").get("channels").asMap("x").get("foo.*");
        assertThat(foo.line()).isEqualTo(5);
        assertThat(foo.asMap("foo.*").get("max_msgs").value()).isEqualTo(10L);
    }

    @ParameterizedTest
    @CsvSource({"42,42", "-7,-7", "1k,1000", "1kb,1024", "1KB,1024", "2m,2000000", "2MB,2097152", "3mib,3145728",
            "1g,1000000000", "1GB,1073741824", "1ki,1024"})
    void readsIntegersAndSizes(String raw, long expected) throws ConfigFileException {
        assertThat(value("n: " + raw, "n")).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"true,true", "yes,true", "on,true", "TRUE,true", "false,false", "no,false", "off,false"})
    void readsBooleans(String raw, boolean expected) throws ConfigFileException {
        assertThat(value("b: " + raw, "b")).isEqualTo(expected);
    }

    @Test
    void keepsOtherBareWordsAsStringsAndTheRawText() throws ConfigFileException {
        Map<String, ConfigValue> map = parse("url: nats://host:4222\nage: 1h30m\nratio: 0.5\nten: 10m");
        assertThat(map.get("url").value()).isEqualTo("nats://host:4222");
        assertThat(map.get("age").value()).isEqualTo("1h30m");
        assertThat(map.get("ratio").value()).isEqualTo(0.5);
        assertThat(map.get("ten").value()).isEqualTo(10_000_000L);
        assertThat(map.get("ten").raw()).isEqualTo("10m");
    }

    @Test
    void readsEscapesInDoubleQuotesOnly() throws ConfigFileException {
        Map<String, ConfigValue> map = parse("a: \"x\\ty\\\"z\\\\\"\nb: 'c:\\dir'");
        assertThat(map.get("a").value()).isEqualTo("x\ty\"z\\");
        assertThat(map.get("b").value()).isEqualTo("c:\\dir");
    }

    @Test
    void readsArrays() throws ConfigFileException {
        Object list = value("a: [1, \"two\",\n three ]", "a");
        assertThat(list).asList().extracting(v -> ((ConfigValue) v).value()).containsExactly(1L, "two", "three");
        assertThat((List<?>) value("a: []", "a")).isEmpty();
    }

    @Test
    void emptyInputHasNoEntries() throws ConfigFileException {
        assertThat(parse("")).isEmpty();
        assertThat(parse("# only a comment\n\n  // and another\n")).isEmpty();
    }

    @Test
    void errorsNameTheFileTheLineAndWhatWasExpected() {
        assertThatThrownBy(() -> parse("a: 1\nb:\nc: 2"))
                .isInstanceOf(ConfigFileException.class)
                .hasMessage("test.conf:2: key 'b' has no value (expected: a value after it)");
        assertThatThrownBy(() -> parse("a {\n b: 1\n"))
                .hasMessage("test.conf:3: end of file in the block opened on line 1 (expected: '}')");
        assertThatThrownBy(() -> parse("x: 1\na: \"open\nb: 2"))
                .hasMessage("test.conf:2: string not closed on its line (expected: \")");
        assertThatThrownBy(() -> parse("a: [1, 2"))
                .hasMessage("test.conf:1: end of file in the array opened on line 1 (expected: ']')");
        assertThatThrownBy(() -> parse("\n\n}"))
                .hasMessage("test.conf:3: unexpected '}' (expected: a key)");
        assertThatThrownBy(() -> parse("a: \"\\q\""))
                .hasMessageStartingWith("test.conf:1: unknown escape '\\q'");
    }
}
