package io.hpo4j.trainers.data;

/**
 * How to read a CSV file of numeric feature columns and one label column.
 *
 * <pre>{@code
 * CsvFormat iris = CsvFormat.labelNamed("species");          // header required
 * CsvFormat plain = CsvFormat.labelAt(-1).withHeader(Header.ABSENT);  // last column, no header
 * }</pre>
 *
 * @param delimiter  the field separator, {@code ','} by default
 * @param labelName  the label column's header name, or null to pick it by index
 * @param labelIndex the label column's index when {@code labelName} is null: 0 for the first
 *                   column, -1 for the last (negative values count from the end)
 * @param header     whether the first line is a header; {@link Header#AUTO} decides by whether it
 *                   has a non-numeric feature cell
 * @param skipRows   lines at the start of the file to skip before the header or the data (a preamble); &gt;= 0
 */
public record CsvFormat(char delimiter, String labelName, int labelIndex, Header header, int skipRows) {

    /** Whether the first non-blank line names the columns. */
    public enum Header {
        /** A header if the line has a cell outside the label column that is not a number (or if the label is picked by name). */
        AUTO,
        PRESENT,
        ABSENT;

        /** Parses {@code auto}, {@code present}/{@code true}/{@code yes}, or {@code absent}/{@code false}/{@code no}. */
        public static Header parse(String text) {
            String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
            return switch (t) {
                case "auto" -> AUTO;
                case "present", "true", "yes" -> PRESENT;
                case "absent", "false", "no" -> ABSENT;
                default -> throw new IllegalArgumentException("header must be one of [auto, present, absent], but got '" + text + "'");
            };
        }
    }

    /** A format that skips no line. */
    public CsvFormat(char delimiter, String labelName, int labelIndex, Header header) {
        this(delimiter, labelName, labelIndex, header, 0);
    }

    public CsvFormat {
        if (skipRows < 0) {
            throw new IllegalArgumentException("CSV skip_rows must be >= 0, but got " + skipRows);
        }
        if (header == null) {
            throw new IllegalArgumentException("CSV header mode must not be null; use Header.AUTO to detect it");
        }
        if (delimiter == '"' || delimiter == '\n' || delimiter == '\r') {
            throw new IllegalArgumentException("CSV delimiter must not be a quote or a line break, but got '" + delimiter + "'");
        }
        if (labelName != null && labelName.isBlank()) {
            throw new IllegalArgumentException("CSV label column name must not be blank; pick it by index instead");
        }
        if (labelName != null && header == Header.ABSENT) {
            throw new IllegalArgumentException("CSV label column '" + labelName + "' is picked by name, which needs a header, but header=ABSENT");
        }
    }

    /** Comma-separated, label in the column named {@code name}, header required. */
    public static CsvFormat labelNamed(String name) {
        return new CsvFormat(',', name, 0, Header.AUTO);
    }

    /** Comma-separated, label in column {@code index} (negative: from the end), header detected. */
    public static CsvFormat labelAt(int index) {
        return new CsvFormat(',', null, index, Header.AUTO);
    }

    public CsvFormat withHeader(Header newHeader) {
        return new CsvFormat(delimiter, labelName, labelIndex, newHeader, skipRows);
    }

    public CsvFormat withDelimiter(char newDelimiter) {
        return new CsvFormat(newDelimiter, labelName, labelIndex, header, skipRows);
    }

    /** This format skipping the first {@code rows} lines of the file. */
    public CsvFormat withSkipRows(int rows) {
        return new CsvFormat(delimiter, labelName, labelIndex, header, rows);
    }

    /** The label column as written in a spec: its name, or its index. */
    public String describeLabel() {
        return labelName != null ? "'" + labelName + "'" : "#" + labelIndex;
    }
}
