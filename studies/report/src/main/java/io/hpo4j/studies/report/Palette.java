package io.hpo4j.studies.report;

import java.awt.Color;

/**
 * The colors of trials in every chart (Tableau 10, readable on white and by most color-blind
 * readers), so that trial 3 has the same color in a PNG and in the report, and the colors of
 * verdicts.
 */
final class Palette {

    private static final String[] HEX = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948",
            "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"};

    private Palette() {
    }

    /** The color of the {@code i}-th trial shown (cycles after ten). */
    static String hex(int i) {
        return HEX[Math.floorMod(i, HEX.length)];
    }

    static Color color(int i) {
        return Color.decode(hex(i));
    }

    /** The color of a verdict's badge. */
    static String verdict(String verdict) {
        return switch (verdict == null ? "" : verdict) {
            case "GOOD_FIT" -> "#2e7d32";
            case "OVERFIT" -> "#c62828";
            case "UNDERFIT" -> "#ef6c00";
            case "DIVERGED" -> "#6a1b9a";
            default -> "#757575";
        };
    }
}
