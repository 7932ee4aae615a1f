package io.hpo4j.studies.report;

import io.hpo4j.studies.analysis.CurveAnalysis;
import io.hpo4j.studies.analysis.Importance;
import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.EpochMetrics.Metric;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.space.CategoricalDistribution;
import io.hpo4j.tuner.space.Distribution;
import io.hpo4j.tuner.space.FloatDistribution;
import io.hpo4j.tuner.space.IntDistribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The SVG charts of the HTML report, each a pure function of the data it shows: optimization
 * history, a learning-curve panel, a parameter against the value, parallel coordinates and
 * parameter importance. Stateless.
 */
final class ReportCharts {

    static final String COMPLETE = "#4e79a7";
    static final String BEST = "#f28e2b";
    static final String PRUNED = "#9e9e9e";
    static final String FAILED = "#d62728";
    static final String ONSET = "#c62828";

    private ReportCharts() {
    }

    /** Value of every trial by number, the best value so far as a step line, failed trials as crosses. */
    static String history(List<FrozenTrial> trials, Direction direction, String valueLabel) {
        int w = 1040;
        int h = 340;
        Svg svg = new Svg(w, h, "optimization history: " + valueLabel + " per trial and best so far");
        List<FrozenTrial> valued = trials.stream()
                .filter(t -> t.value() != null && Double.isFinite(t.value())
                        && (t.state() == TrialState.COMPLETE || t.state() == TrialState.PRUNED)).toList();
        int maxNumber = trials.stream().mapToInt(FrozenTrial::number).max().orElse(0);
        double min = valued.stream().mapToDouble(FrozenTrial::value).min().orElse(0);
        double max = valued.stream().mapToDouble(FrozenTrial::value).max().orElse(1);
        Frame f = new Frame(70, 36, w - 70 - 24, h - 36 - 52, Scale.linear(-0.5, maxNumber + 0.5, 70, w - 24).integers(),
                Scale.padded(min, max, h - 52, 36));
        f.draw(svg, "trial number", valueLabel, Math.min(maxNumber + 1, 12), 6);
        // best so far, over COMPLETE trials in number order
        List<double[]> steps = new ArrayList<>();
        Double best = null;
        for (FrozenTrial t : trials) {
            if (t.state() != TrialState.COMPLETE || t.value() == null || !Double.isFinite(t.value())) {
                continue;
            }
            double x = f.x.map(t.number());
            if (best != null) {
                steps.add(new double[]{x, f.y.map(best)});
            }
            if (best == null || direction.isBetter(t.value(), best)) {
                best = t.value();
            }
            steps.add(new double[]{x, f.y.map(best)});
        }
        if (best != null) {
            steps.add(new double[]{f.x.map(maxNumber + 0.5), f.y.map(best)});
        }
        svg.polyline(steps, BEST, 2.5, null, 1, "best so far");
        for (FrozenTrial t : valued) {
            String tip = "trial " + t.number() + " (" + t.state() + "): " + Scale.number(t.value());
            if (t.state() == TrialState.COMPLETE) {
                svg.circle(f.x.map(t.number()), f.y.map(t.value()), 4.5, COMPLETE, "#fff", 0.9, tip);
            } else {
                svg.circle(f.x.map(t.number()), f.y.map(t.value()), 4, "#fff", PRUNED, 1, tip + " (last reported value)");
            }
        }
        for (FrozenTrial t : trials) {
            if (t.state() == TrialState.FAIL) {
                svg.cross(f.x.map(t.number()), f.bottom() - 7, 4, FAILED, "trial " + t.number() + " failed: "
                        + (t.failReason() == null ? "" : t.failReason()));
            }
        }
        List<Key> keys = new ArrayList<>();
        keys.add(new Key("dot", COMPLETE, "complete"));
        if (valued.stream().anyMatch(t -> t.state() == TrialState.PRUNED)) {
            keys.add(new Key("ring", PRUNED, "pruned (last value)"));
        }
        if (trials.stream().anyMatch(t -> t.state() == TrialState.FAIL)) {
            keys.add(new Key("cross", FAILED, "failed"));
        }
        keys.add(new Key("line", BEST, "best so far"));
        legend(svg, w - 24, 18, keys);
        return svg.end();
    }

    /** One metric pair of one trial: validation solid, training dashed, best epoch and onset marked. */
    static String curvePanel(List<EpochMetrics> curve, CurveAnalysis analysis, boolean accuracy, String color,
                             int trialNumber) {
        int w = 500;
        int h = 260;
        Metric train = accuracy ? Metric.TRAIN_ACCURACY : Metric.TRAIN_LOSS;
        Metric validation = accuracy ? Metric.VALIDATION_ACCURACY : Metric.VALIDATION_LOSS;
        String what = accuracy ? "accuracy" : "loss";
        Svg svg = new Svg(w, h, "trial " + trialNumber + ": training and validation " + what + " by epoch");
        int maxEpoch = curve.stream().mapToInt(EpochMetrics::epoch).max().orElse(1);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (EpochMetrics e : curve) {
            for (Metric m : List.of(train, validation)) {
                if (Double.isFinite(e.get(m))) {
                    min = Math.min(min, e.get(m));
                    max = Math.max(max, e.get(m));
                }
            }
        }
        if (min > max) {
            svg.text(w / 2.0, h / 2.0, what + " not measured", "middle", 13, Frame.MUTED);
            return svg.end();
        }
        Scale y = Scale.padded(min, max, h - 44, 30);
        if (accuracy && max - min < 0.02) {
            y = Scale.linear(Math.max(0, min - 0.01), Math.min(1, max + 0.01), h - 44, 30);
        }
        Scale x = (maxEpoch <= 1 ? Scale.linear(0.5, 1.5, 60, w - 16) : Scale.linear(1, maxEpoch, 60, w - 16)).integers();
        Frame f = new Frame(60, 30, w - 76, h - 74, x, y);
        f.draw(svg, "epoch", what, Math.min(maxEpoch, 10), 5);
        svg.text(60, 18, what.substring(0, 1).toUpperCase(Locale.ROOT) + what.substring(1), "start", 13, Frame.INK, true, 0);
        svg.polyline(points(curve, train, f), color, 2, "6 4", 0.9, "training " + what);
        svg.polyline(points(curve, validation, f), color, 2.5, null, 1, "validation " + what);
        for (EpochMetrics e : curve) {
            double v = e.get(validation);
            if (Double.isFinite(v)) {
                svg.circle(f.x.map(e.epoch()), f.y.map(v), 2.5, color, null, 1, "epoch " + e.epoch() + ": validation "
                        + what + " " + Scale.number(v) + ", training " + Scale.number(e.get(train)));
            }
        }
        if (analysis != null && analysis.overfitOnsetEpoch() != null) {
            double px = f.x.map(analysis.overfitOnsetEpoch());
            svg.line(px, f.top, px, f.bottom(), ONSET, 1.8, "3 3");
            svg.text(px + 4, f.top + 12, "onset (epoch " + analysis.overfitOnsetEpoch() + ")", "start", 11, ONSET);
        }
        if (analysis != null && analysis.bestEpoch() != null) {
            for (EpochMetrics e : curve) {
                if (e.epoch() == analysis.bestEpoch() && Double.isFinite(e.get(validation))) {
                    svg.diamond(f.x.map(e.epoch()), f.y.map(e.get(validation)), 7, "#222",
                            "best epoch " + e.epoch() + ": validation " + what + " " + Scale.number(e.get(validation)));
                }
            }
        }
        legend(svg, w - 16, 18, List.of(new Key("line", color, "validation"), new Key("dash", color, "training"),
                new Key("diamond", "#222", "best epoch")));
        return svg.end();
    }

    /** One parameter against the value of COMPLETE trials; the best trial highlighted. */
    static String paramScatter(String name, Distribution distribution, List<FrozenTrial> complete, FrozenTrial best,
                               String valueLabel) {
        int w = 335;
        int h = 240;
        Svg svg = new Svg(w, h, name + " against " + valueLabel);
        double min = complete.stream().mapToDouble(FrozenTrial::value).min().orElse(0);
        double max = complete.stream().mapToDouble(FrozenTrial::value).max().orElse(1);
        Scale x = axis(name, distribution, complete, 58, w - 14, true);
        boolean rotate = x.isCategorical();
        Frame f = new Frame(58, 30, w - 72, h - 30 - (rotate ? 64 : 40), x, Scale.padded(min, max, h - (rotate ? 64 : 40), 30));
        f.draw(svg, null, null, 5, 5);
        svg.text(58, 18, name, "start", 13, Frame.INK, true, 0);
        if (x.isLog()) {
            svg.text(w - 14, 18, "log scale", "end", 10, Frame.MUTED);
        }
        for (FrozenTrial t : complete) {
            Object v = t.params().get(name);
            if (v == null) {
                continue;
            }
            double px = position(x, distribution, v, t.number());
            boolean isBest = best != null && t.number() == best.number();
            svg.circle(px, f.y.map(t.value()), isBest ? 6 : 4, isBest ? BEST : COMPLETE, isBest ? "#222" : null,
                    isBest ? 1 : 0.6, "trial " + t.number() + ": " + name + " = " + show(v) + ", " + valueLabel + " "
                            + Scale.number(t.value()));
        }
        return svg.end();
    }

    /** One axis per parameter and one for the value; a line per COMPLETE trial, darker when better. */
    static String parallel(List<String> names, List<Distribution> distributions, List<FrozenTrial> complete,
                           Direction direction, String valueLabel) {
        int w = 1040;
        int h = 440;
        int top = 56;
        int bottom = h - 56;
        int left = 70;
        int right = w - 110;
        Svg svg = new Svg(w, h, "parallel coordinates of the parameters and " + valueLabel);
        int axes = names.size() + 1;
        double spacing = axes == 1 ? 0 : (right - left) / (double) (axes - 1);
        List<Scale> scales = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            scales.add(axis(names.get(i), distributions.get(i), complete, bottom, top, false));
        }
        double min = complete.stream().mapToDouble(FrozenTrial::value).min().orElse(0);
        double max = complete.stream().mapToDouble(FrozenTrial::value).max().orElse(1);
        Scale value = Scale.padded(min, max, bottom, top);
        scales.add(value);

        List<FrozenTrial> order = new ArrayList<>(complete);
        Comparator<FrozenTrial> worstFirst = Comparator.comparingDouble(FrozenTrial::value);
        if (direction == Direction.MINIMIZE) {
            worstFirst = worstFirst.reversed();
        }
        order.sort(worstFirst);
        for (int r = 0; r < order.size(); r++) {
            FrozenTrial t = order.get(r);
            double quality = order.size() == 1 ? 1 : r / (double) (order.size() - 1);
            List<double[]> pts = new ArrayList<>();
            StringBuilder tip = new StringBuilder("trial " + t.number() + ": ");
            for (int i = 0; i < names.size(); i++) {
                Object v = t.params().get(names.get(i));
                if (v != null) {
                    pts.add(new double[]{left + i * spacing, position(scales.get(i), distributions.get(i), v, -1)});
                    tip.append(names.get(i)).append('=').append(show(v)).append(", ");
                }
            }
            pts.add(new double[]{left + names.size() * spacing, value.map(t.value())});
            tip.append(valueLabel).append(' ').append(Scale.number(t.value()));
            boolean isBest = r == order.size() - 1;
            if (isBest) {
                svg.polyline(pts, "#111", 5, null, 1, null);
            }
            svg.polyline(pts, gradient(quality), isBest ? 3 : 1.6, null, isBest ? 1 : 0.75, tip.toString());
        }
        for (int i = 0; i < axes; i++) {
            double x = left + i * spacing;
            Scale s = scales.get(i);
            svg.line(x, top, x, bottom, "#555", 1.2, null);
            String label = i < names.size() ? names.get(i) : valueLabel;
            svg.text(x, top - 22, label, "middle", 12, Frame.INK, true, 0);
            if (s.isLog()) {
                svg.text(x, top - 9, "log", "middle", 10, Frame.MUTED);
            }
            for (double t : s.ticks(5)) {
                double y = s.map(t);
                if (y < top - 0.5 || y > bottom + 0.5) {
                    continue;
                }
                svg.line(x - 3, y, x, y, "#555", 1, null);
                svg.raw("<text x=\"" + Svg.n(x - 5) + "\" y=\"" + Svg.n(y + 3.5) + "\" text-anchor=\"end\" font-size=\"10\" "
                        + "fill=\"#444\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">" + Svg.esc(s.label(t)) + "</text>");
            }
        }
        // color key
        String id = "pc-gradient";
        svg.raw("<defs><linearGradient id=\"" + id + "\" x1=\"0\" y1=\"1\" x2=\"0\" y2=\"0\">"
                + "<stop offset=\"0\" stop-color=\"" + gradient(0) + "\"/><stop offset=\"1\" stop-color=\"" + gradient(1)
                + "\"/></linearGradient></defs>");
        double kx = w - 40;
        svg.raw("<rect x=\"" + Svg.n(kx) + "\" y=\"" + top + "\" width=\"14\" height=\"" + (bottom - top)
                + "\" fill=\"url(#" + id + ")\"/>");
        svg.text(kx + 7, top - 8, "better", "middle", 11, Frame.INK);
        svg.text(kx + 7, bottom + 16, "worse", "middle", 11, Frame.INK);
        return svg.end();
    }

    /** Horizontal bars of importance shares, most important on top. */
    static String importance(List<Importance> ranked) {
        int w = 1040;
        int rowHeight = 32;
        int top = 28;
        int h = top + rowHeight * ranked.size() + 40;
        int left = 170;
        int barMax = 620;
        Svg svg = new Svg(w, h, "parameter importance");
        Scale x = Scale.linear(0, 1, left, left + barMax);
        for (double t : x.ticks(4)) {
            svg.line(x.map(t), top - 6, x.map(t), top + rowHeight * ranked.size(), Frame.GRID, 1, null);
            svg.text(x.map(t), top + rowHeight * ranked.size() + 16, Math.round(t * 100) + "%", "middle", 11, Frame.MUTED);
        }
        for (int i = 0; i < ranked.size(); i++) {
            Importance imp = ranked.get(i);
            double y = top + i * rowHeight;
            boolean chance = imp.pValue() >= 0.05;
            svg.text(left - 10, y + rowHeight / 2.0 + 4, imp.parameter(), "end", 13, Frame.INK);
            svg.rect(left, y + 5, x.map(imp.importance()) - left, rowHeight - 10, chance ? "#b8c4d0" : COMPLETE,
                    imp.parameter() + ": " + pct(imp.importance()) + " of the explained variance, p = " + p(imp.pValue()));
            svg.text(x.map(imp.importance()) + 8, y + rowHeight / 2.0 + 4, pct(imp.importance()) + "   (\u03C9\u00B2 = "
                    + String.format(Locale.ROOT, "%.3f", imp.omegaSquared()) + ", p = " + p(imp.pValue()) + ", "
                    + imp.groups() + " groups" + (chance ? "; could be chance" : "") + ")", "start", 12, Frame.MUTED);
        }
        svg.text(left + barMax / 2.0, h - 6, "share of the variance explained by single parameters", "middle", 12, Frame.INK);
        return svg.end();
    }

    // ------------------------------------------------------------------ helpers

    /**
     * The axis of a parameter: its distribution's range (log if declared so), its choices, or the
     * data's range; {@code pad} widens a numeric range by 4 % on each side so that points at the
     * bounds are not drawn on the axis line.
     */
    private static Scale axis(String name, Distribution d, List<FrozenTrial> trials, double r0, double r1, boolean pad) {
        if (d instanceof CategoricalDistribution c) {
            List<String> labels = c.choices().stream().map(ReportCharts::show).toList();
            return Scale.categories(labels, r0, r1);
        }
        double low;
        double high;
        boolean log = false;
        if (d instanceof FloatDistribution fd) {
            low = fd.low();
            high = fd.high();
            log = fd.log();
        } else if (d instanceof IntDistribution id) {
            low = id.low();
            high = id.high();
            log = id.log();
        } else {
            low = trials.stream().map(t -> t.params().get(name)).filter(v -> v instanceof Number)
                    .mapToDouble(v -> ((Number) v).doubleValue()).min().orElse(0);
            high = trials.stream().map(t -> t.params().get(name)).filter(v -> v instanceof Number)
                    .mapToDouble(v -> ((Number) v).doubleValue()).max().orElse(1);
        }
        if (pad && high > low) {
            if (log) {
                double f = Math.pow(high / low, 0.04);
                low /= f;
                high *= f;
            } else {
                double p = (high - low) * 0.04;
                low -= p;
                high += p;
            }
        }
        Scale s = log ? Scale.log(low, high, r0, r1) : Scale.linear(low, high, r0, r1);
        return d instanceof IntDistribution ? s.integers() : s;
    }

    /** Pixel of a parameter value; categorical values are spread in their band by the trial number (jitter), or centred. */
    private static double position(Scale s, Distribution d, Object v, int jitterSeed) {
        if (s.isCategorical()) {
            int index = s.categories().indexOf(show(v));
            double center = s.map(Math.max(0, index));
            if (jitterSeed < 0) {
                return center;
            }
            double u = ((jitterSeed * 0.6180339887) % 1.0) - 0.5;
            return center + u * s.band() * 0.5;
        }
        return v instanceof Number n ? s.map(n.doubleValue()) : s.map(0);
    }

    private static List<double[]> points(List<EpochMetrics> curve, Metric m, Frame f) {
        List<double[]> pts = new ArrayList<>();
        for (EpochMetrics e : curve) {
            if (Double.isFinite(e.get(m))) {
                pts.add(new double[]{f.x.map(e.epoch()), f.y.map(e.get(m))});
            }
        }
        return pts;
    }

    static String show(Object v) {
        if (v instanceof Double d) {
            return Scale.number(d);
        }
        return String.valueOf(v);
    }

    static String p(double pValue) {
        return pValue < 0.001 ? "< 0.001" : String.format(Locale.ROOT, "%.3f", pValue);
    }

    static String pct(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }

    /** From light grey-blue (0, worse) to dark blue (1, better). */
    static String gradient(double t) {
        int[] a = {0xc6, 0xdb, 0xef};
        int[] b = {0x08, 0x30, 0x6b};
        t = Math.max(0, Math.min(1, t));
        return String.format("#%02x%02x%02x", Math.round(a[0] + (b[0] - a[0]) * t), Math.round(a[1] + (b[1] - a[1]) * t),
                Math.round(a[2] + (b[2] - a[2]) * t));
    }

    private record Key(String shape, String color, String label) {
    }

    /** A one-line legend ending at {@code right}. */
    private static void legend(Svg svg, double right, double y, List<Key> keys) {
        double x = right;
        for (int i = keys.size() - 1; i >= 0; i--) {
            Key k = keys.get(i);
            x -= k.label().length() * 6.3 + 8;
            svg.text(x + 4, y + 4, k.label(), "start", 11, Frame.INK);
            double sx = x - 8;
            switch (k.shape()) {
                case "dot" -> svg.circle(sx, y, 4.5, k.color(), null, 1, null);
                case "ring" -> svg.circle(sx, y, 4, "#fff", k.color(), 1, null);
                case "cross" -> svg.cross(sx, y, 4, k.color(), null);
                case "diamond" -> svg.diamond(sx, y, 5.5, k.color(), null);
                case "dash" -> svg.line(sx - 14, y, sx + 6, y, k.color(), 2, "6 4");
                default -> svg.line(sx - 14, y, sx + 6, y, k.color(), 2.5, null);
            }
            x -= 30;
        }
    }
}
