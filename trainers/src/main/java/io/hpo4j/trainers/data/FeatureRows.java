package io.hpo4j.trainers.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Unlabelled rows of numeric features read from a CSV file, for predictions. A first line with a
 * non-numeric cell is a header; a column named {@code labelName} (if given and present) is
 * dropped, so the file a study was trained on can be passed as it is.
 *
 * @param source      the file, for messages
 * @param header      the feature columns' names, or empty if the file has no header
 * @param numFeatures features per row
 * @param values      {@code rows() * numFeatures} values, row after row
 */
public record FeatureRows(String source, List<String> header, int numFeatures, float[] values) {

    public FeatureRows {
        header = List.copyOf(header);
    }

    public int rows() {
        return values.length / numFeatures;
    }

    /** Reads {@code file} (UTF-8, raw or gzip), comma-separated. */
    public static FeatureRows read(Path file, String labelName) throws IOException {
        String source = file.toString();
        byte[] bytes = Bytes.read(file);
        String text = new String(Bytes.gunzipIfNeeded(source, bytes), StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> header = List.of();
        int drop = -1;
        int columns = -1;
        List<Float> values = new ArrayList<>();
        for (CsvLoader.CsvRow row : CsvLoader.rows(text, ',', 0, source)) {
            long lineNo = row.line();
            List<String> cells = row.cells().stream().map(String::trim).toList();
            if (columns < 0) {
                columns = cells.size();
                boolean isHeader = cells.stream().anyMatch(c -> !isNumber(c));
                if (isHeader) {
                    drop = labelName == null ? -1 : cells.indexOf(labelName);
                    List<String> names = new ArrayList<>(cells);
                    if (drop >= 0) {
                        names.remove(drop);
                    }
                    header = names;
                    continue;
                }
            }
            if (cells.size() != columns) {
                throw new IOException(source + ":" + lineNo + ": expected " + columns + " columns (as in the first line), but found "
                        + cells.size());
            }
            for (int c = 0; c < cells.size(); c++) {
                if (c == drop) {
                    continue;
                }
                if (!isNumber(cells.get(c))) {
                    throw new IOException(source + ":" + lineNo + ": column " + (c + 1) + " is '" + cells.get(c)
                            + "', but features must be finite numbers");
                }
                values.add(Float.parseFloat(cells.get(c)));
            }
        }
        if (values.isEmpty()) {
            throw new IOException(source + ": has no data rows");
        }
        int numFeatures = columns - (drop >= 0 ? 1 : 0);
        float[] array = new float[values.size()];
        for (int i = 0; i < array.length; i++) {
            array[i] = values.get(i);
        }
        return new FeatureRows(source, header, numFeatures, array);
    }

    private static boolean isNumber(String cell) {
        try {
            return Double.isFinite(Double.parseDouble(cell));
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
