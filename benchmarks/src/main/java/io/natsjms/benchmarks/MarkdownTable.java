package io.natsjms.benchmarks;

import java.util.ArrayList;
import java.util.List;

/**
 * A Markdown table built column by column, then row by row, as the harnesses print their results:
 * {@code | a | b |} lines under a header and a {@code |---|---:|} alignment line.
 */
public final class MarkdownTable {

    private final List<String> header = new ArrayList<>();
    private final List<String> alignment = new ArrayList<>();
    private final List<List<String>> rows = new ArrayList<>();

    /** Adds a left-aligned column (text). */
    public MarkdownTable left(String title) {
        return column(title, "---");
    }

    /** Adds a right-aligned column (numbers). */
    public MarkdownTable right(String title) {
        return column(title, "---:");
    }

    private MarkdownTable column(String title, String align) {
        if (!rows.isEmpty()) {
            throw new IllegalStateException("column \"" + title + "\" added after " + rows.size()
                    + " rows (expected: all columns first)");
        }
        header.add(title);
        alignment.add(align);
        return this;
    }

    /** Adds a row with one cell per column. */
    public MarkdownTable row(String... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row: " + cells.length + " cells (expected: " + header.size() + ")");
        }
        rows.add(List.of(cells));
        return this;
    }

    /** Whether no row was added. */
    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /** The header, the alignment line and the rows, each ending in a newline. */
    public String render() {
        StringBuilder out = new StringBuilder();
        line(out, header, " ");
        line(out, alignment, "");
        rows.forEach(row -> line(out, row, " "));
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, String padding) {
        out.append("|");
        for (String cell : cells) {
            out.append(padding).append(cell).append(padding).append("|");
        }
        out.append("\n");
    }
}
