package io.hpo4j.studies.report;

/**
 * The plot area of a chart and its two scales: draws the grid, the axes with their tick labels
 * and the axis titles. Immutable.
 */
final class Frame {

    static final String AXIS = "#888";
    static final String GRID = "#ececec";
    static final String INK = "#333";
    static final String MUTED = "#666";

    final double left;
    final double top;
    final double width;
    final double height;
    final Scale x;
    final Scale y;

    Frame(double left, double top, double width, double height, Scale x, Scale y) {
        this.left = left;
        this.top = top;
        this.width = width;
        this.height = height;
        this.x = x;
        this.y = y;
    }

    double bottom() {
        return top + height;
    }

    double right() {
        return left + width;
    }

    /** Grid lines, axes, tick labels and titles ({@code null} for none). */
    void draw(Svg svg, String xTitle, String yTitle, int xTicks, int yTicks) {
        for (double t : y.ticks(yTicks)) {
            double py = y.map(t);
            if (py < top - 0.5 || py > bottom() + 0.5) {
                continue;
            }
            svg.line(left, py, right(), py, GRID, 1, null);
            svg.text(left - 6, py + 4, y.label(t), "end", 11, MUTED);
        }
        boolean rotate = x.isCategorical() && x.categories().stream().mapToInt(String::length).max().orElse(0) * 6.5 > x.band();
        for (double t : x.ticks(xTicks)) {
            double px = x.map(t);
            if (px < left - 0.5 || px > right() + 0.5) {
                continue;
            }
            if (!x.isCategorical()) {
                svg.line(px, top, px, bottom(), GRID, 1, null);
            }
            svg.line(px, bottom(), px, bottom() + 4, AXIS, 1, null);
            if (rotate) {
                svg.text(px - 2, bottom() + 14, x.label(t), "end", 11, MUTED, false, -35);
            } else {
                svg.text(px, bottom() + 16, x.label(t), "middle", 11, MUTED);
            }
        }
        svg.line(left, bottom(), right(), bottom(), AXIS, 1, null);
        svg.line(left, top, left, bottom(), AXIS, 1, null);
        if (xTitle != null) {
            svg.text(left + width / 2, bottom() + (rotate ? 50 : 34), xTitle, "middle", 12, INK);
        }
        if (yTitle != null) {
            svg.text(left - 46, top + height / 2, yTitle, "middle", 12, INK, false, -90);
        }
    }
}
