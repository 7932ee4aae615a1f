package io.hpo4j.trainers.data;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads a classification dataset from a CSV file: numeric feature columns and one label column
 * (see {@link CsvFormat}). Labels may be integers or strings; they are mapped to class indices in
 * sorted order (numerically if every label is an integer, otherwise as strings), and the sorted
 * labels become the dataset's {@link LabeledDataset#classNames() class names}.
 *
 * <pre>{@code
 * LabeledDataset iris = CsvLoader.load(Path.of("iris.csv"), CsvFormat.labelNamed("species"));
 * }</pre>
 *
 * <p>Parsed as RFC 4180 by Apache Commons CSV: fields may be quoted ({@code "a, b"}, with
 * {@code ""} for a quote, line breaks inside quotes); blank lines are skipped, and so are the first
 * {@link CsvFormat#skipRows()} lines (a preamble);
 * a gzip file is read transparently (detected by magic number). Features are read as they are:
 * scaling happens after the train/validation split (see {@link FeatureScaling}). Every bad row is
 * an {@link IOException} naming {@code file:line}, the column and the value. The content hash is
 * the SHA-256 of the file's bytes. Stateless and thread-safe.
 */
public final class CsvLoader {

    private CsvLoader() {
    }

    public static LabeledDataset load(Path file, CsvFormat format) throws IOException {
        Path name = file.getFileName();
        return parse(name == null ? file.toString() : name.toString(), file.toString(), Bytes.read(file), format);
    }

    /**
     * Parses CSV bytes (UTF-8, raw or gzip).
     *
     * @param name   the dataset's name
     * @param source the file's name, for error messages
     */
    public static LabeledDataset parse(String name, String source, byte[] bytes, CsvFormat format) throws IOException {
        String hash = Bytes.sha256(bytes);
        String text = new String(Bytes.gunzipIfNeeded(source, bytes), StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        int skipped = 0;
        while (skipped < format.skipRows() && !text.isEmpty()) {
            int eol = nextLineStart(text);
            text = text.substring(eol);
            skipped++;
        }
        if (skipped < format.skipRows()) {
            throw new IOException(source + ": skip_rows is " + format.skipRows() + ", but the file has only " + skipped + " lines");
        }
        List<CsvRow> parsed = rows(text, format.delimiter(), skipped, source);
        List<List<String>> records = parsed.stream().map(CsvRow::cells).toList();
        List<Long> recordLines = parsed.stream().map(CsvRow::line).toList();

        List<String> headerCells = null;
        int columns = -1;
        int labelColumn = -1;
        List<float[]> rows = new ArrayList<>();
        List<String> rawLabels = new ArrayList<>();
        for (int r = 0; r < records.size(); r++) {
            List<String> cells = records.get(r);
            long lineNo = recordLines.get(r);
            if (columns < 0) {
                columns = cells.size();
                if (columns < 2) {
                    throw new IOException(source + ":" + lineNo + ": found " + columns + " column with delimiter '"
                            + format.delimiter() + "', but a dataset needs at least one feature column and a label column");
                }
                if (r + 1 < records.size() && records.get(r + 1).size() > columns) {
                    throw new IOException(source + ":" + lineNo + ": this line has " + columns + " fields, but line "
                            + recordLines.get(r + 1) + " has " + records.get(r + 1).size() + ", so it is neither a header nor a row"
                            + " of this table. If it is a preamble (scikit-learn's raw CSV files start with a line"
                            + " 'n_samples,n_features,class names...'), skip it with skip_rows: " + (skipped + 1) + " in the dataset section");
                }
                boolean isHeader = switch (format.header()) {
                    case PRESENT -> true;
                    case ABSENT -> false;
                    case AUTO -> format.labelName() != null || hasNonNumericFeature(cells, format.labelIndex());
                };
                if (isHeader) {
                    headerCells = cells.stream().map(String::trim).toList();
                }
                labelColumn = resolveLabelColumn(format, headerCells, columns, source);
                if (isHeader) {
                    continue;
                }
            }
            if (cells.size() != columns) {
                throw new IOException(source + ":" + lineNo + ": expected " + columns + " columns (as in the first line), but found "
                        + cells.size());
            }
            float[] row = new float[columns - 1];
            int f = 0;
            for (int c = 0; c < columns; c++) {
                String cell = cells.get(c).trim();
                if (c == labelColumn) {
                    if (cell.isEmpty()) {
                        throw new IOException(source + ":" + lineNo + ": label " + columnName(c, headerCells) + " is empty");
                    }
                    rawLabels.add(cell);
                    continue;
                }
                row[f++] = number(cell, source, lineNo, c, headerCells);
            }
            rows.add(row);
        }
        if (rows.isEmpty()) {
            throw new IOException(source + ": has no data rows" + (headerCells != null ? " after its header" : ""));
        }

        boolean integerLabels = rawLabels.stream().allMatch(CsvLoader::isInteger);
        List<String> canonical = integerLabels
                ? rawLabels.stream().map(l -> String.valueOf(Long.parseLong(l))).toList() : rawLabels;
        List<String> classNames = integerLabels
                ? new TreeSet<>(canonical.stream().map(Long::valueOf).toList()).stream().map(String::valueOf).toList()
                : List.copyOf(new TreeSet<>(canonical));
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < classNames.size(); i++) {
            index.put(classNames.get(i), i);
        }
        int numFeatures = columns - 1;
        float[] features = new float[rows.size() * numFeatures];
        int[] labels = new int[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            System.arraycopy(rows.get(i), 0, features, i * numFeatures, numFeatures);
            labels[i] = index.get(canonical.get(i));
        }
        return LabeledDataset.wrap(name, features, numFeatures, labels, classNames, hash);
    }

    /** One record of a CSV file and the line it starts on (1-based). */
    record CsvRow(long line, List<String> cells) {
    }

    /**
     * The records of {@code text} as RFC 4180 reads them (quoted fields may hold delimiters and
     * line breaks), blank lines left out; {@code linesBefore} lines were skipped ahead of it.
     */
    static List<CsvRow> rows(String text, char delimiter, long linesBefore, String source) throws IOException {
        List<CsvRow> rows = new ArrayList<>();
        CSVFormat csv = CSVFormat.RFC4180.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), csv)) {
            long startLine = 1;
            for (CSVRecord record : parser) {
                List<String> cells = record.toList();
                if (!(cells.size() == 1 && cells.get(0).isBlank())) {
                    rows.add(new CsvRow(startLine + linesBefore, cells));
                }
                startLine = parser.getCurrentLineNumber() + 1;
            }
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new IOException(source + ": not valid CSV (RFC 4180): " + cause.getMessage(), e);
        }
        return rows;
    }

    private static int resolveLabelColumn(CsvFormat format, List<String> header, int columns, String source) throws IOException {
        if (format.labelName() != null) {
            if (header == null) {
                throw new IOException(source + ": the label column is named '" + format.labelName() + "', but the file has no header");
            }
            int found = header.indexOf(format.labelName().trim());
            if (found < 0) {
                throw new IOException(source + ": no column named '" + format.labelName() + "' for the label; the columns are " + header);
            }
            return found;
        }
        int idx = format.labelIndex() < 0 ? columns + format.labelIndex() : format.labelIndex();
        if (idx < 0 || idx >= columns) {
            throw new IOException(source + ": label column index " + format.labelIndex() + " is outside the file's "
                    + columns + " columns (0.." + (columns - 1) + ", or -1..-" + columns + " from the end)");
        }
        return idx;
    }

    private static boolean hasNonNumericFeature(List<String> cells, int labelIndex) {
        int label = labelIndex < 0 ? cells.size() + labelIndex : labelIndex;
        for (int c = 0; c < cells.size(); c++) {
            if (c != label && parseFinite(cells.get(c).trim()) == null) {
                return true;
            }
        }
        return false;
    }

    private static float number(String cell, String source, long line, int column, List<String> header) throws IOException {
        Double v = parseFinite(cell);
        if (v == null) {
            throw new IOException(source + ":" + line + ": feature " + columnName(column, header) + " is '" + cell
                    + "', but must be a finite number");
        }
        return v.floatValue();
    }

    private static Double parseFinite(String cell) {
        if (cell.isEmpty()) {
            return null;
        }
        try {
            double v = Double.parseDouble(cell);
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String columnName(int column, List<String> header) {
        return "column " + (column + 1) + (header != null ? " ('" + header.get(column) + "')" : "");
    }

    private static boolean isInteger(String s) {
        try {
            Long.parseLong(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** Where the line after the first one starts (after its \\n, \\r\\n or \\r), or the end. */
    private static int nextLineStart(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\n') {
                return i + 1;
            }
            if (ch == '\r') {
                return i + 1 < text.length() && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
            }
        }
        return text.length();
    }
}
