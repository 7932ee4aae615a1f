package io.hpo4j.trainers.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a model did on a labelled dataset: accuracy, mean cross-entropy, the confusion matrix and
 * per-class precision, recall and F1.
 *
 * @param dataset    what was evaluated (its name)
 * @param classNames the class names, by index
 * @param confusion  {@code confusion[actual][predicted]} counts
 * @param loss       mean cross-entropy (softmax outputs clipped to [1e-10, 1 - 1e-10], as DL4J's loss)
 */
public record ModelEvaluation(String dataset, List<String> classNames, int[][] confusion, double loss) {

    public ModelEvaluation {
        classNames = List.copyOf(classNames);
        int[][] copy = new int[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        confusion = copy;
    }

    /** Rows evaluated. */
    public int examples() {
        int n = 0;
        for (int[] row : confusion) {
            for (int v : row) {
                n += v;
            }
        }
        return n;
    }

    public double accuracy() {
        int correct = 0;
        for (int c = 0; c < confusion.length; c++) {
            correct += confusion[c][c];
        }
        return examples() == 0 ? Double.NaN : (double) correct / examples();
    }

    /** Rows whose true class is {@code c}. */
    public int support(int c) {
        int n = 0;
        for (int v : confusion[c]) {
            n += v;
        }
        return n;
    }

    /** Of the rows predicted {@code c}, the share that are {@code c}; NaN if none was predicted {@code c}. */
    public double precision(int c) {
        int predicted = 0;
        for (int[] row : confusion) {
            predicted += row[c];
        }
        return predicted == 0 ? Double.NaN : (double) confusion[c][c] / predicted;
    }

    /** Of the rows that are {@code c}, the share predicted {@code c}; NaN if there are none. */
    public double recall(int c) {
        int actual = support(c);
        return actual == 0 ? Double.NaN : (double) confusion[c][c] / actual;
    }

    /** The harmonic mean of precision and recall; NaN if either is, 0 if both are 0. */
    public double f1(int c) {
        double p = precision(c);
        double r = recall(c);
        if (Double.isNaN(p) || Double.isNaN(r)) {
            return Double.NaN;
        }
        return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    /** A copy of the confusion matrix. */
    @Override
    public int[][] confusion() {
        int[][] copy = new int[confusion.length][];
        for (int i = 0; i < confusion.length; i++) {
            copy[i] = confusion[i].clone();
        }
        return copy;
    }

    /** JSON-compatible summary: examples, accuracy, loss, per-class scores and the confusion matrix. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("dataset", dataset);
        map.put("examples", examples());
        map.put("accuracy", accuracy());
        map.put("loss", loss);
        List<Map<String, Object>> perClass = new ArrayList<>();
        for (int c = 0; c < classNames.size(); c++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("class", classNames.get(c));
            row.put("support", support(c));
            row.put("precision", precision(c));
            row.put("recall", recall(c));
            row.put("f1", f1(c));
            perClass.add(row);
        }
        map.put("per_class", perClass);
        List<List<Integer>> matrix = new ArrayList<>();
        for (int[] row : confusion) {
            List<Integer> r = new ArrayList<>();
            for (int v : row) {
                r.add(v);
            }
            matrix.add(r);
        }
        map.put("confusion", matrix);
        return map;
    }
}
