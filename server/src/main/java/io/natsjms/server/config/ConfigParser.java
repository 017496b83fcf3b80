package io.natsjms.server.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A recursive-descent parser for the subset of the NATS configuration format the server reads:
 * {@code key: value}, {@code key = value} or {@code key value} entries separated by new lines,
 * commas or semicolons; {@code { }} blocks and {@code [ ]} arrays; {@code #} and {@code //}
 * comments; double-quoted strings (with {@code \} escapes), single-quoted strings and bare words;
 * integers and decimals; {@code true/false/yes/no/on/off}; integers with a size suffix
 * ({@code k}, {@code m}, {@code g}, {@code t} are powers of 1000, {@code kb}, {@code mb}, {@code gb},
 * {@code tb} and {@code ki}, {@code mi}... powers of 1024). A key given twice keeps the last value.
 */
final class ConfigParser {

    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+");
    private static final Pattern SIZE = Pattern.compile("(-?\\d+)([kKmMgGtT])([bB]|[iI][bB]?)?");

    private final String text;
    private final String source;
    private int pos;
    private int line = 1;

    private ConfigParser(String text, String source) {
        this.text = text;
        this.source = source;
    }

    /**
     * Parses a whole file into its top-level entries, in the order written.
     *
     * @param source the file's name, for error messages
     */
    static Map<String, ConfigValue> parse(String text, String source) throws ConfigFileException {
        return new ConfigParser(text, source).entries((char) 0);
    }

    /** Entries up to {@code close} ('}' or end of input, written as 0), which is consumed. */
    private Map<String, ConfigValue> entries(char close) throws ConfigFileException {
        Map<String, ConfigValue> entries = new LinkedHashMap<>();
        int openLine = line;
        while (true) {
            skip(true);
            if (atEnd()) {
                if (close == 0) {
                    return entries;
                }
                throw error("end of file in the block opened on line " + openLine + " (expected: '}')");
            }
            if (peek() == close) {
                pos++;
                return entries;
            }
            String key = key();
            ConfigValue value = valueOf(key);
            entries.remove(key);
            entries.put(key, value);
        }
    }

    private String key() throws ConfigFileException {
        char c = peek();
        if (c == '"' || c == '\'') {
            return quoted();
        }
        int start = pos;
        while (!atEnd() && !Character.isWhitespace(peek()) && ":={}[],;#\"'".indexOf(peek()) < 0) {
            pos++;
        }
        if (pos == start) {
            throw error("unexpected '" + c + "' (expected: a key)");
        }
        return text.substring(start, pos);
    }

    /** The separator and the value after {@code key}. */
    private ConfigValue valueOf(String key) throws ConfigFileException {
        skip(false);
        if (!atEnd() && (peek() == ':' || peek() == '=')) {
            pos++;
            skip(false);
        }
        if (atEnd() || peek() == '\n' || peek() == '}' || startsComment()) {
            throw error("key '" + key + "' has no value (expected: a value after it)");
        }
        return value();
    }

    private ConfigValue value() throws ConfigFileException {
        int startLine = line;
        char c = peek();
        if (c == '{') {
            pos++;
            return new ConfigValue(entries('}'), "{", source, startLine);
        }
        if (c == '[') {
            pos++;
            return new ConfigValue(array(startLine), "[", source, startLine);
        }
        if (c == '"' || c == '\'') {
            String s = quoted();
            return new ConfigValue(s, s, source, startLine);
        }
        int start = pos;
        while (!atEnd() && !Character.isWhitespace(peek()) && ",;}]".indexOf(peek()) < 0) {
            pos++;
        }
        if (pos == start) {
            throw error("unexpected '" + c + "' (expected: a value)");
        }
        String raw = text.substring(start, pos);
        return new ConfigValue(scalar(raw), raw, source, startLine);
    }

    private List<ConfigValue> array(int openLine) throws ConfigFileException {
        List<ConfigValue> values = new ArrayList<>();
        while (true) {
            skip(true);
            if (atEnd()) {
                throw error("end of file in the array opened on line " + openLine + " (expected: ']')");
            }
            if (peek() == ']') {
                pos++;
                return values;
            }
            values.add(value());
        }
    }

    private static Object scalar(String raw) {
        switch (raw.toLowerCase(Locale.ROOT)) {
            case "true":
            case "yes":
            case "on":
                return Boolean.TRUE;
            case "false":
            case "no":
            case "off":
                return Boolean.FALSE;
            default:
                break;
        }
        if (INTEGER.matcher(raw).matches()) {
            try {
                return Long.parseLong(raw);
            } catch (NumberFormatException e) {
                return raw;
            }
        }
        if (DECIMAL.matcher(raw).matches()) {
            return Double.parseDouble(raw);
        }
        var size = SIZE.matcher(raw);
        if (size.matches()) {
            long base = size.group(3) == null ? 1000 : 1024;
            int power = "kmgt".indexOf(Character.toLowerCase(size.group(2).charAt(0))) + 1;
            try {
                long result = Long.parseLong(size.group(1));
                for (int i = 0; i < power; i++) {
                    result = Math.multiplyExact(result, base);
                }
                return result;
            } catch (ArithmeticException | NumberFormatException e) {
                return raw;
            }
        }
        return raw;
    }

    private String quoted() throws ConfigFileException {
        char quote = text.charAt(pos++);
        int startLine = line;
        StringBuilder out = new StringBuilder();
        while (!atEnd()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return out.toString();
            }
            if (c == '\n') {
                break;
            }
            if (c == '\\' && quote == '"' && !atEnd()) {
                out.append(escape(text.charAt(pos++)));
            } else {
                out.append(c);
            }
        }
        line = startLine;
        throw error("string not closed on its line (expected: " + quote + ")");
    }

    private char escape(char c) throws ConfigFileException {
        switch (c) {
            case 'n':
                return '\n';
            case 't':
                return '\t';
            case 'r':
                return '\r';
            case '"':
            case '\\':
                return c;
            default:
                throw error("unknown escape '\\" + c + "' (expected one of \\n \\t \\r \\\" \\\\)");
        }
    }

    /** Skips blanks and comments; with {@code entrySeparators} also new lines, commas and semicolons. */
    private void skip(boolean entrySeparators) {
        while (!atEnd()) {
            char c = peek();
            if (startsComment()) {
                while (!atEnd() && peek() != '\n') {
                    pos++;
                }
            } else if (c == '\n' && entrySeparators) {
                line++;
                pos++;
            } else if (c == '\n' || !(Character.isWhitespace(c) || (entrySeparators && (c == ',' || c == ';')))) {
                return;
            } else {
                pos++;
            }
        }
    }

    private boolean startsComment() {
        return !atEnd() && (peek() == '#' || text.startsWith("//", pos));
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return text.charAt(pos);
    }

    private ConfigFileException error(String what) {
        return new ConfigFileException(source, line, what);
    }
}
