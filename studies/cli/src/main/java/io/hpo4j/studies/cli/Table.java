package io.hpo4j.studies.cli;

import io.hpo4j.studies.storage.Json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Rows of named columns, printed as an aligned text table, CSV (RFC 4180) or JSON (an array of
 * objects keyed by column, with raw numbers). Values are kept raw; only the text table formats them.
 */
final class Table {

    private final List<String> columns;
    private final List<List<Object>> rows = new ArrayList<>();
    private final Map<String, Integer> decimals = new java.util.HashMap<>();
    private final Map<String, Integer> priorities = new java.util.HashMap<>();
    private final Map<String, Integer> minWidths = new java.util.HashMap<>();

    static final int DEFAULT_PRIORITY = 5;

    Table(List<String> columns) {
        this.columns = List.copyOf(columns);
    }

    /** Prints the numbers of {@code column} with {@code n} decimals in the text table (seconds, say). */
    Table decimals(String column, int n) {
        decimals.put(column, n);
        return this;
    }

    /**
     * How long {@code column} stays when the text table must fit a width: columns of lower
     * priority are hidden first (default {@value #DEFAULT_PRIORITY}; ties: the rightmost first).
     */
    Table priority(String column, int p) {
        priorities.put(column, p);
        return this;
    }

    /** Lets the text table cut the cells of {@code column} (with "…") down to {@code minWidth} before hiding columns. */
    Table shrinkable(String column, int minWidth) {
        minWidths.put(column, minWidth);
        return this;
    }

    Table add(List<?> row) {
        if (row.size() != columns.size()) {
            throw new IllegalArgumentException("row has " + row.size() + " cells, but the table has " + columns.size() + " columns");
        }
        rows.add(Collections.unmodifiableList(new ArrayList<>(row)));
        return this;
    }

    int size() {
        return rows.size();
    }

    String render(OutputFormat format) {
        return render(format, Integer.MAX_VALUE);
    }

    /** As {@link #render(OutputFormat)}; a text table fits {@code width} columns (CSV and JSON are whole). */
    String render(OutputFormat format, int width) {
        return switch (format) {
            case TABLE -> text(width);
            case CSV -> csv();
            case JSON -> json();
        };
    }

    private String text(int maxWidth) {
        List<List<String>> cells = new ArrayList<>();
        cells.add(columns);
        for (List<Object> row : rows) {
            List<String> formatted = new ArrayList<>();
            for (int c = 0; c < row.size(); c++) {
                Integer n = decimals.get(columns.get(c));
                Object v = row.get(c);
                formatted.add(n != null && v instanceof Number num && Double.isFinite(num.doubleValue())
                        ? String.format(Locale.ROOT, "%." + n + "f", num.doubleValue()) : format(v));
            }
            cells.add(formatted);
        }
        int[] widths = new int[columns.size()];
        boolean[] numeric = new boolean[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            numeric[c] = true;
            for (List<Object> row : rows) {
                numeric[c] &= row.get(c) == null || row.get(c) instanceof Number;
            }
            for (List<String> r : cells) {
                widths[c] = Math.max(widths[c], r.get(c).length());
            }
        }
        boolean[] shown = fit(widths, maxWidth);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            List<String> r = cells.get(i);
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < r.size(); c++) {
                if (!shown[c]) {
                    continue;
                }
                String cell = r.get(c);
                if (cell.length() > widths[c]) {
                    cell = cell.substring(0, Math.max(0, widths[c] - 1)) + "…";
                }
                String pad = " ".repeat(widths[c] - cell.length());
                line.append(line.length() == 0 ? "" : "  ").append(numeric[c] && i > 0 ? pad + cell : cell + pad);
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        List<String> hidden = new ArrayList<>();
        for (int c = 0; c < columns.size(); c++) {
            if (!shown[c]) {
                hidden.add(columns.get(c));
            }
        }
        if (!hidden.isEmpty()) {
            List<String> words = new ArrayList<>();
            for (int i = 0; i < hidden.size(); i++) {
                words.add(hidden.get(i) + (i < hidden.size() - 1 ? "," : ";"));
            }
            words.addAll(List.of("--wide", "shows", "them)"));
            io.hpo4j.studies.run.TextFit.wrap("(hidden to fit " + maxWidth + " columns:", words, maxWidth, 2)
                    .forEach(l -> sb.append(l).append('\n'));
        }
        return sb.toString();
    }

    /**
     * Hides the lowest-priority columns until the others fit {@code maxWidth} with their shrinkable
     * columns at their minimum, then gives the shrinkable columns the room left.
     */
    private boolean[] fit(int[] widths, int maxWidth) {
        boolean[] shown = new boolean[widths.length];
        java.util.Arrays.fill(shown, true);
        int[] minimum = widths.clone();
        for (int c = 0; c < widths.length; c++) {
            Integer min = minWidths.get(columns.get(c));
            if (min != null) {
                minimum[c] = Math.min(widths[c], Math.max(min, columns.get(c).length()));
            }
        }
        while (lineWidth(minimum, shown) > maxWidth) {
            int drop = -1;
            for (int c = widths.length - 1; c > 0; c--) {   // the first column always stays
                if (shown[c] && (drop < 0 || priority(c) < priority(drop))) {
                    drop = c;
                }
            }
            if (drop < 0) {
                break;
            }
            shown[drop] = false;
        }
        int room = maxWidth - lineWidth(minimum, shown);
        for (int c = 0; c < widths.length; c++) {
            if (shown[c] && minimum[c] < widths[c]) {
                int grow = Math.min(room, widths[c] - minimum[c]);
                room -= grow;
                widths[c] = minimum[c] + grow;
            }
        }
        return shown;
    }

    private int priority(int column) {
        return priorities.getOrDefault(columns.get(column), DEFAULT_PRIORITY);
    }

    private static int lineWidth(int[] widths, boolean[] shown) {
        int w = 0;
        int n = 0;
        for (int c = 0; c < widths.length; c++) {
            if (shown[c]) {
                w += widths[c];
                n++;
            }
        }
        return w + 2 * Math.max(0, n - 1);
    }

    private String csv() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.join(",", columns.stream().map(Table::csvCell).toList())).append('\n');
        for (List<Object> row : rows) {
            List<String> cells = new ArrayList<>();
            for (Object v : row) {
                cells.add(csvCell(v == null ? "" : v instanceof Double d ? Double.toString(d) : String.valueOf(v)));
            }
            sb.append(String.join(",", cells)).append('\n');
        }
        return sb.toString();
    }

    private String json() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (List<Object> row : rows) {
            Map<String, Object> obj = new LinkedHashMap<>();
            for (int c = 0; c < columns.size(); c++) {
                obj.put(columns.get(c), row.get(c));
            }
            out.add(obj);
        }
        return Json.writeStrict(out) + "\n";
    }

    static String format(Object v) {
        if (v == null) {
            return "-";
        }
        if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return d.toString();
            }
            double a = Math.abs(d);
            return a != 0 && (a < 1e-3 || a >= 1e6) ? String.format(Locale.ROOT, "%.3e", d) : String.format(Locale.ROOT, "%.4f", d);
        }
        if (v instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder();
            m.forEach((k, x) -> sb.append(sb.length() == 0 ? "" : " ").append(k).append('=').append(format(x)));
            return sb.toString();
        }
        return String.valueOf(v);
    }

    private static String csvCell(String s) {
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }
}
