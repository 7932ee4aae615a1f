package io.hpo4j.trainers.data;

import java.io.IOException;
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
 * <p>Fields may be quoted ({@code "a, b"}, with {@code ""} for a quote); blank lines are skipped;
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
        String[] lines = text.split("\r?\n|\r", -1);

        int lineNo = 0;
        List<String> headerCells = null;
        int columns = -1;
        int labelColumn = -1;
        List<float[]> rows = new ArrayList<>();
        List<String> rawLabels = new ArrayList<>();
        for (String line : lines) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = split(line, format.delimiter(), source, lineNo);
            if (columns < 0) {
                columns = cells.size();
                if (columns < 2) {
                    throw new IOException(source + ":" + lineNo + ": found " + columns + " column with delimiter '"
                            + format.delimiter() + "', but a dataset needs at least one feature column and a label column");
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

    private static float number(String cell, String source, int line, int column, List<String> header) throws IOException {
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

    /** Splits one line into fields; quotes protect delimiters, {@code ""} is a quote. */
    static List<String> split(String line, char delimiter, String source, int lineNo) throws IOException {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(ch);
                }
            } else if (ch == '"' && cell.toString().isBlank()) {
                quoted = true;
                cell.setLength(0);
            } else if (ch == delimiter) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(ch);
            }
        }
        if (quoted) {
            throw new IOException(source + ":" + lineNo + ": unterminated quoted field (fields may not span lines)");
        }
        cells.add(cell.toString());
        return cells;
    }
}
