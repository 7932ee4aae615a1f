package io.hpo4j.studies.report;

import io.hpo4j.studies.analysis.CurveAnalysis;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.EpochMetrics.Metric;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * PNG charts of learning curves with XChart: training versus validation loss and accuracy by
 * epoch, side by side, for one trial or several overlaid. Each trial has its color (the same as
 * in the HTML report); validation is solid, training dashed; a diamond marks the best epoch on
 * the validation curve, a dotted vertical line the overfitting onset, a dash-dotted one the epoch
 * where a loss stopped being finite (the curve stops there). Without any accuracy
 * measured, only the loss panel is drawn.
 *
 * <pre>{@code
 * Path png = new CurvePlots(800, 520).write("mnist-demo", List.of(new CurvePlots.Trial(3, curve, analysis)),
 *         Path.of("mnist-demo-trial-3.png"));
 * }</pre>
 *
 * <p>Drawn off screen: the class sets {@code java.awt.headless=true} unless the property is set.
 * Immutable and thread-safe.
 */
public final class CurvePlots {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** A trial to draw: its number, curve and analysis (null if it has none). */
    public record Trial(int number, List<EpochMetrics> curve, CurveAnalysis analysis) {

        public Trial {
            curve = List.copyOf(curve);
        }
    }

    private static final int HEADER = 44;
    private static final Color ONSET = new Color(0xc6, 0x28, 0x28);
    private static final Color DIVERGED = new Color(0x6a, 0x1b, 0x9a);
    private static final BasicStroke DASH_DOT = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[]{10f, 4f, 2f, 4f}, 0f);
    private static final BasicStroke SOLID = new BasicStroke(2.4f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final BasicStroke DASHED = new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[]{9f, 6f}, 0f);
    private static final BasicStroke DOTTED = new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[]{2f, 4f}, 0f);

    private final int panelWidth;
    private final int panelHeight;

    /** Charts whose panels (loss, accuracy) are {@code panelWidth} x {@code panelHeight} pixels. */
    public CurvePlots(int panelWidth, int panelHeight) {
        if (panelWidth < 200 || panelHeight < 150) {
            throw new IllegalArgumentException("a chart panel must be at least 200 pixels wide (--width) and 150 high "
                    + "(--height), but got " + panelWidth + " x " + panelHeight);
        }
        this.panelWidth = panelWidth;
        this.panelHeight = panelHeight;
    }

    /** Draws {@code trials} of {@code study} and writes a PNG to {@code file}; returns the file. */
    public Path write(String study, List<Trial> trials, Path file) {
        BufferedImage image = image(study, trials);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (!ImageIO.write(image, "png", file.toFile())) {
                throw new IllegalStateException("no PNG writer in this JVM");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /** The chart as an image: a title line, then the loss panel and (if measured) the accuracy panel. */
    public BufferedImage image(String study, List<Trial> trials) {
        if (trials.isEmpty()) {
            throw new IllegalArgumentException("no trials to draw");
        }
        boolean accuracy = trials.stream().flatMap(t -> t.curve().stream())
                .anyMatch(e -> Double.isFinite(e.trainAccuracy()) || Double.isFinite(e.validationAccuracy()));
        List<XYChart> panels = new ArrayList<>();
        panels.add(panel(trials, Metric.TRAIN_LOSS, Metric.VALIDATION_LOSS, "loss"));
        if (accuracy) {
            panels.add(panel(trials, Metric.TRAIN_ACCURACY, Metric.VALIDATION_ACCURACY, "accuracy"));
        }
        BufferedImage image = new BufferedImage(panelWidth * panels.size(), panelHeight + HEADER, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(new Color(0x22, 0x22, 0x22));
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
            g.drawString(title(study, trials), 16, 28);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.setColor(new Color(0x55, 0x55, 0x55));
            String key = "solid: validation, dashed: training, \u25C6 best epoch, dotted line: overfitting onset";
            g.drawString(key, image.getWidth() - 16 - g.getFontMetrics().stringWidth(key), 28);
            for (int i = 0; i < panels.size(); i++) {
                g.drawImage(BitmapEncoder.getBufferedImage(panels.get(i)), i * panelWidth, HEADER, null);
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    private static String title(String study, List<Trial> trials) {
        if (trials.size() == 1) {
            Trial t = trials.get(0);
            return study + ", trial " + t.number() + (t.analysis() == null ? "" : ": " + t.analysis().verdict());
        }
        StringBuilder numbers = new StringBuilder();
        for (Trial t : trials) {
            numbers.append(numbers.length() == 0 ? "" : ", ").append(t.number());
        }
        return study + ", trials " + numbers;
    }

    private XYChart panel(List<Trial> trials, Metric train, Metric validation, String what) {
        XYChart chart = new XYChartBuilder().width(panelWidth).height(panelHeight)
                .title(what.substring(0, 1).toUpperCase(Locale.ROOT) + what.substring(1) + " by epoch")
                .xAxisTitle("epoch").yAxisTitle(what).build();
        XYStyler s = chart.getStyler();
        s.setLegendBorderColor(Color.WHITE);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotBorderColor(new Color(0xbb, 0xbb, 0xbb));
        s.setPlotGridLinesColor(new Color(0xe6, 0xe6, 0xe6));
        s.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        s.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        s.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        s.setChartTitleBoxVisible(false);
        s.setMarkerSize(11);
        s.setYAxisDecimalPattern(what.equals("accuracy") ? "0.00" : "0.00#");
        s.setXAxisDecimalPattern("0");
        s.setChartPadding(10);

        double[] range = range(trials, train, validation);
        s.setYAxisMin(range[0]);
        s.setYAxisMax(range[1]);
        int maxEpoch = trials.stream().flatMap(t -> t.curve().stream()).mapToInt(EpochMetrics::epoch).max().orElse(1);
        s.setXAxisMin(maxEpoch <= 1 ? 0.5 : 1.0);
        s.setXAxisMax(maxEpoch <= 1 ? 1.5 : (double) maxEpoch);
        s.setXAxisMaxLabelCount(Math.min(maxEpoch, 12));

        boolean single = trials.size() == 1;
        s.setLegendPosition(single ? Styler.LegendPosition.OutsideS : Styler.LegendPosition.OutsideE);
        s.setLegendLayout(single ? Styler.LegendLayout.Horizontal : Styler.LegendLayout.Vertical);
        for (int i = 0; i < trials.size(); i++) {
            Trial t = trials.get(i);
            CurveAnalysis a = t.analysis();
            // one trial: validation blue, training orange; several: one color per trial, named in the legend once
            Color color = Palette.color(i);
            Color trainColor = single ? Palette.color(1) : color;
            String prefix = single ? "" : "#" + t.number() + " ";
            String validationName = single ? "validation" : "#" + t.number() + (a == null ? "" : " " + a.verdict());
            line(chart, validationName, t.curve(), validation, color, SOLID).ifPresent(x -> x.setShowInLegend(true));
            line(chart, prefix + "training", t.curve(), train, trainColor, DASHED).ifPresent(x -> x.setShowInLegend(single));
            if (a != null && a.bestEpoch() != null) {
                t.curve().stream().filter(e -> e.epoch() == a.bestEpoch() && Double.isFinite(e.get(validation)))
                        .findFirst().ifPresent(e -> {
                            XYSeries best = chart.addSeries(prefix + "best epoch " + a.bestEpoch(),
                                    new double[]{e.epoch()}, new double[]{e.get(validation)});
                            best.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
                            best.setMarker(SeriesMarkers.DIAMOND);
                            best.setMarkerColor(single ? Color.DARK_GRAY : color.darker());
                            best.setShowInLegend(single);
                        });
            }
            if (train == Metric.TRAIN_LOSS) {
                t.curve().stream().filter(e -> !Double.isFinite(e.trainLoss()) || !Double.isFinite(e.validationLoss()))
                        .findFirst().ifPresent(e -> {
                            XYSeries diverged = chart.addSeries(prefix + "loss not finite (epoch " + e.epoch() + ")",
                                    new double[]{e.epoch(), e.epoch()}, new double[]{range[0], range[1]});
                            diverged.setMarker(SeriesMarkers.NONE);
                            diverged.setLineColor(DIVERGED);
                            diverged.setLineStyle(DASH_DOT);
                            diverged.setShowInLegend(single);
                        });
            }
            if (a != null && a.overfitOnsetEpoch() != null) {
                XYSeries onset = chart.addSeries(prefix + "overfitting onset (epoch " + a.overfitOnsetEpoch() + ")",
                        new double[]{a.overfitOnsetEpoch(), a.overfitOnsetEpoch()}, new double[]{range[0], range[1]});
                onset.setMarker(SeriesMarkers.NONE);
                onset.setLineColor(single ? ONSET : color);
                onset.setLineStyle(DOTTED);
                onset.setShowInLegend(single);
            }
        }
        return chart;
    }

    private static java.util.Optional<XYSeries> line(XYChart chart, String name, List<EpochMetrics> curve, Metric metric,
                                                     Color color, BasicStroke stroke) {
        List<Double> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (EpochMetrics e : curve) {
            if (Double.isFinite(e.get(metric))) {
                x.add((double) e.epoch());
                y.add(e.get(metric));
            }
        }
        if (x.isEmpty()) {
            return java.util.Optional.empty();
        }
        XYSeries series = chart.addSeries(name, x, y);
        series.setLineColor(color);
        series.setLineStyle(stroke);
        series.setMarker(x.size() == 1 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        series.setMarkerColor(color);
        return java.util.Optional.of(series);
    }

    /** The y range of the panel: from the finite values, padded; accuracies stay within [0, 1]. */
    private static double[] range(List<Trial> trials, Metric train, Metric validation) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Trial t : trials) {
            for (EpochMetrics e : t.curve()) {
                for (Metric m : List.of(train, validation)) {
                    double v = e.get(m);
                    if (Double.isFinite(v)) {
                        min = Math.min(min, v);
                        max = Math.max(max, v);
                    }
                }
            }
        }
        if (min > max) {
            return new double[]{0, 1};
        }
        boolean accuracy = train == Metric.TRAIN_ACCURACY;
        double pad = Math.max((max - min) * 0.06, accuracy ? 0.01 : Math.max(Math.abs(max) * 0.02, 1e-6));
        double low = accuracy ? Math.max(0, min - pad) : Math.max(min >= 0 ? 0 : Double.NEGATIVE_INFINITY, min - pad);
        double high = accuracy ? Math.min(1, max + pad) : max + pad;
        return new double[]{low, high};
    }
}
