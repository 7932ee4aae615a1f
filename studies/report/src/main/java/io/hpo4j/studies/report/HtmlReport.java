package io.hpo4j.studies.report;

import io.hpo4j.studies.analysis.CurveAnalysis;
import java.util.Comparator;
import io.hpo4j.tuner.Direction;
import io.hpo4j.studies.analysis.CurveAnalyzer;
import io.hpo4j.studies.query.TrialAnalyses;
import io.hpo4j.studies.analysis.Importance;
import io.hpo4j.studies.analysis.SelectionOptimism;
import io.hpo4j.studies.query.ModelScores;
import io.hpo4j.studies.analysis.OverfitThresholds;
import io.hpo4j.studies.analysis.ParameterImportance;
import io.hpo4j.studies.analysis.Verdict;
import io.hpo4j.studies.query.LeaderboardRow;
import io.hpo4j.studies.query.StudySnapshot;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.studies.storage.Json;
import io.hpo4j.tuner.space.Distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A study as one self-contained HTML file, to open offline: a summary, the optimization history,
 * the leaderboard, the learning curves of the top trials, each parameter against the value,
 * parallel coordinates, parameter importance and the fit diagnostics of every trial. Charts are
 * inline SVG drawn here (hover a point for its numbers); there is no script and no external
 * resource. The data behind the charts — every trial with its parameters, value, curve and
 * analysis — is embedded as JSON in {@code <script type="application/json" id="hpo-study-data">}.
 *
 * <pre>{@code
 * StudySnapshot s = StudySnapshot.read(storage, "mnist-demo", analyses);
 * new HtmlReport(Clock.systemUTC(), 6).write(s, new Leaderboard(storage, clock).rows("mnist-demo", 15),
 *         analyses.thresholds(), Path.of("mnist-demo.html"));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class HtmlReport {

    /** Trials whose learning curves the report draws, by default. */
    public static final int DEFAULT_TOP_CURVES = 6;

    /** The id of the embedded JSON data. */
    public static final String DATA_ID = "hpo-study-data";

    /** The ids of the sections, in order. */
    public static final List<String> SECTIONS = List.of("summary", "history", "leaderboard", "curves", "parameters",
            "parallel", "importance", "fit");

    private final Clock clock;
    private final int topCurves;

    public HtmlReport(Clock clock, int topCurves) {
        if (clock == null || topCurves < 1) {
            throw new IllegalArgumentException("a report needs a clock and --top-curves >= 1, but got " + clock
                    + " and " + topCurves);
        }
        this.clock = clock;
        this.topCurves = topCurves;
    }

    /** Writes the report to {@code file} (creating its directory); returns the file. */
    public Path write(StudySnapshot s, List<LeaderboardRow> leaderboard, OverfitThresholds thresholds, Path file) {
        return write(s, leaderboard, thresholds, null, file);
    }

    /** As {@link #write(StudySnapshot, List, OverfitThresholds, Path)}, with the test scores of the kept models (or null). */
    public Path write(StudySnapshot s, List<LeaderboardRow> leaderboard, OverfitThresholds thresholds, ModelScores scores,
                      Path file) {
        String html = render(s, leaderboard, thresholds, scores);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, html, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    /** The report as HTML text. */
    public String render(StudySnapshot s, List<LeaderboardRow> leaderboard, OverfitThresholds thresholds) {
        return render(s, leaderboard, thresholds, null);
    }

    /**
     * The report as HTML text; with {@code scores}, the summary also shows the best trial's
     * validation and test scores and the selection verdict.
     */
    public String render(StudySnapshot s, List<LeaderboardRow> leaderboard, OverfitThresholds thresholds, ModelScores scores) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        String name = s.study().name();
        String valueLabel = valueLabel(s);
        List<FrozenTrial> ranked = s.ranked();
        FrozenTrial best = ranked.isEmpty() ? null : ranked.get(0);
        List<Importance> importance = ParameterImportance.estimate(s.trials());
        List<FrozenTrial> top = ranked.subList(0, Math.min(topCurves, ranked.size())).stream()
                .filter(t -> !s.curve(t.number()).isEmpty()).toList();
        // running trials (provisional) and the best pruned ones are drawn too: with pruning, most trials are pruned
        CurveAnalyzer analyzer = new CurveAnalyzer(thresholds);
        Map<Integer, CurveAnalysis> provisional = new LinkedHashMap<>();
        List<FrozenTrial> running = s.trials().stream()
                .filter(t -> t.state() == TrialState.RUNNING && !s.curve(t.number()).isEmpty()).toList();
        running.forEach(t -> provisional.put(t.number(), analyzer.analyze(s.curve(t.number()),
                TrialAnalyses.monitor(t))));
        Comparator<FrozenTrial> byValue = Comparator.comparingDouble(t -> t.value() == null ? s.study().direction().worst() : t.value());
        List<FrozenTrial> pruned = s.trials().stream()
                .filter(t -> t.state() == TrialState.PRUNED && !s.curve(t.number()).isEmpty())
                .sorted(s.study().direction() == Direction.MAXIMIZE ? byValue.reversed() : byValue)
                .limit(topCurves).toList();
        List<FrozenTrial> drawn = new ArrayList<>(top);
        drawn.addAll(running);
        drawn.addAll(pruned);
        Map<Integer, String> colors = new LinkedHashMap<>();
        for (int i = 0; i < drawn.size(); i++) {
            colors.put(drawn.get(i).number(), Palette.hex(i));
        }

        StringBuilder h = new StringBuilder(64 * 1024);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc("hpo4j report: " + name)).append("</title>\n<style>").append(CSS)
                .append("</style>\n</head>\n<body>\n<main>\n");
        h.append("<header><h1>Study <span class=\"name\">").append(esc(name)).append("</span></h1><p class=\"sub\">")
                .append(esc(s.study().direction().name().toLowerCase(Locale.ROOT) + " " + valueLabel))
                .append(" &middot; ").append(s.trials().size()).append(" trials &middot; created ")
                .append(esc(s.study().created().truncatedTo(ChronoUnit.SECONDS).toString()))
                .append(" &middot; report generated ").append(esc(now.toString())).append(" by hpo4j</p>\n<nav>");
        for (String id : SECTIONS) {
            h.append("<a href=\"#").append(id).append("\">").append(TITLES.get(id)).append("</a>");
        }
        h.append("</nav></header>\n");

        summary(h, s, best, importance, valueLabel, scores);

        section(h, "history", "Each trial's " + esc(valueLabel) + " in the order the trials ran, and the best value so far. "
                + "Pruned trials show the last value they reported; failed trials are crosses on the axis.");
        h.append(ReportCharts.history(s.trials(), s.study().direction(), valueLabel)).append("</section>\n");

        section(h, "leaderboard", "Completed and running trials by value (a running one by its best so far, its verdict "
                + "provisional), then pruned and failed ones. <b>gap</b>: training "
                + "minus validation accuracy at the best epoch. Colored numbers are the trials drawn below."
                + (scores != null && scores.any() ? " <b>test</b>: accuracy of the trial's kept network (its best epoch) "
                + "on test data that no decision of the search saw; <b>retrained test</b>: the same for its configuration "
                + "retrained on training + validation data (hpo retrain)." : ""));
        leaderboard(h, s, leaderboard, colors, provisional, scores);
        h.append("</section>\n");

        section(h, "curves", "Training (dashed) and validation (solid) loss and accuracy by epoch for the "
                + top.size() + " best completed trials" + (running.isEmpty() ? "" : ", the " + running.size()
                + " running ones (so far)") + (pruned.isEmpty() ? "" : " and the " + pruned.size()
                + " best pruned ones (up to the epoch they were stopped at)") + ". &#9670; marks the best epoch, a red "
                + "dotted line the overfitting onset (the epoch after which validation loss kept rising while training "
                + "loss kept falling).");
        for (int i = 0; i < drawn.size(); i++) {
            FrozenTrial t = drawn.get(i);
            String label = t.state() == TrialState.COMPLETE ? "#" + (i + 1) : t.state().name().toLowerCase(Locale.ROOT);
            curveCard(h, s, t, label, colors.get(t.number()), provisional.getOrDefault(t.number(), s.analysis(t.number())));
        }
        if (drawn.isEmpty()) {
            h.append("<p class=\"empty\">No trial has recorded a learning curve yet.</p>");
        }
        h.append("</section>\n");

        List<String> params = s.paramNames();
        List<FrozenTrial> complete = ranked;
        section(h, "parameters", "Each parameter against the " + esc(valueLabel) + " of the completed trials ("
                + complete.size() + "); the best trial is orange. Categorical choices are spread sideways so that "
                + "points do not hide each other.");
        h.append("<div class=\"grid\">");
        for (String p : params) {
            h.append("<div class=\"cell\">").append(ReportCharts.paramScatter(p, distribution(s, p), complete, best,
                    valueLabel)).append("</div>");
        }
        h.append("</div>");
        if (params.isEmpty() || complete.isEmpty()) {
            h.append("<p class=\"empty\">No completed trials with parameters yet.</p>");
        }
        h.append("</section>\n");

        section(h, "parallel", "One vertical axis per parameter and one for the " + esc(valueLabel)
                + "; each completed trial is a line, darker when better, the best one outlined. Follow the dark lines "
                + "to see which ranges and choices the good trials share.");
        if (complete.isEmpty()) {
            h.append("<p class=\"empty\">No completed trials yet.</p>");
        } else {
            h.append(ReportCharts.parallel(params, params.stream().map(p -> distribution(s, p)).toList(), complete,
                    s.study().direction(), valueLabel));
        }
        h.append("</section>\n");

        section(h, "importance", "How much of the variation of the value each parameter explains on its own.");
        if (importance.isEmpty()) {
            h.append("<p class=\"empty\">Parameter importance needs at least ").append(ParameterImportance.MIN_TRIALS)
                    .append(" completed trials; this study has ").append(complete.size()).append(".</p>");
        } else {
            h.append(ReportCharts.importance(importance));
            h.append("<p class=\"intro\">Grey bars: p &ge; 0.05, an importance that a parameter which does not matter "
                    + "reaches by chance at least one time in twenty with this many trials.</p>");
        }
        h.append("<details open><summary>Method</summary><p>One-way analysis of variance on ranks, per parameter: the "
                + "values of the ").append(complete.size()).append(" completed trials are replaced by their ranks; "
                + "for each parameter the trials are grouped by choice (categorical) or into equal-count bins of its "
                + "values (numbers: about &radic;n bins, which also suits log-scale parameters), and "
                + "&omega;&sup2; = (SS<sub>between</sub> &minus; (k&minus;1)&middot;MS<sub>within</sub>) / "
                + "(SS<sub>total</sub> + MS<sub>within</sub>) is the fraction of the rank variance the grouping "
                + "explains beyond what k groups of pure noise would. The bars are the &omega;&sup2; normalized to sum "
                + "to 100&nbsp;%. The p-value is the share of " + ParameterImportance.PERMUTATIONS + " random "
                + "permutations of the values (fixed seed) whose &omega;&sup2; reaches the observed one.</p><p>Why: it is the first-order (main-effect) importance of functional ANOVA, "
                + "estimated straight from the trials rather than from a fitted model; it needs no dependency, is "
                + "deterministic, works with a few dozen trials and is robust to outliers such as diverged trials. "
                + "Limits: interactions are not counted, and with a genetic sampler the parameters of good trials are "
                + "correlated, so a parameter can borrow importance from one it travels with.</p></details>");
        h.append("</section>\n");

        section(h, "fit", "What each finished trial's learning curve says. " + verdictCounts(s));
        fitTable(h, s, colors);
        h.append("<details><summary>Rules and thresholds</summary><ul>")
                .append("<li><b>Overfitting onset</b>: the first epoch k followed by at least ").append(thresholds.onsetEpochs())
                .append(" epochs during which validation loss stays above its value at k while training loss never rises "
                        + "above its value at k and ends lower (losses compared with a relative tolerance of ")
                .append(num(thresholds.lossTolerance())).append(").</li>")
                .append("<li><b>DIVERGED</b>: a training or validation loss became NaN or infinite.</li>")
                .append("<li><b>INCONCLUSIVE</b>: fewer than ").append(thresholds.minEpochs()).append(" epochs.</li>")
                .append("<li><b>UNDERFIT</b>: training accuracy at the last epoch below ").append(num(thresholds.underfitAccuracy()))
                .append("; without accuracy, a training loss that fell by less than ")
                .append(pct(thresholds.underfitLossDecrease())).append(".</li>")
                .append("<li><b>OVERFIT</b>: training minus validation accuracy at the last epoch above ")
                .append(num(thresholds.overfitGap())).append(", or an onset and a final validation loss more than ")
                .append(pct(thresholds.overfitLossRise())).append(" above its minimum.</li>")
                .append("<li><b>GOOD_FIT</b>: none of these.</li></ul><p>Change them with the options of "
                        + "<code>hpo report</code> (<code>--overfit-gap</code>, <code>--underfit-accuracy</code>, ...).</p>"
                        + "</details></section>\n");

        h.append("<footer>hpo4j &middot; the data of this report: <code>document.getElementById('").append(DATA_ID)
                .append("').textContent</code></footer>\n");
        h.append("<script type=\"application/json\" id=\"").append(DATA_ID).append("\">")
                .append(Json.writeStrict(ReportData.of(s, io.hpo4j.studies.query.Leaderboard.allByNumber(s, clock), importance, thresholds, now)).replace("</", "<\\/").replace("<!--", "<\\!--"))
                .append("</script>\n</main>\n</body>\n</html>\n");
        return h.toString();
    }

    // ------------------------------------------------------------------ sections

    private static void summary(StringBuilder h, StudySnapshot s, FrozenTrial best, List<Importance> importance,
                                String valueLabel, ModelScores scores) {
        Map<TrialState, Long> counts = new EnumMap<>(TrialState.class);
        s.trials().forEach(t -> counts.merge(t.state(), 1L, Long::sum));
        h.append("<section id=\"summary\" class=\"cards\">");
        card(h, "Trials", String.valueOf(s.trials().size()), counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", ")));
        if (best != null) {
            card(h, "Best " + valueLabel, value(best.value()), "trial " + best.number()
                    + best.duration().map(d -> String.format(Locale.ROOT, ", %.1f s", d.toMillis() / 1000.0)).orElse(""));
            card(h, "Best parameters", null, best.params().entrySet().stream()
                    .map(e -> e.getKey() + " = " + ReportCharts.show(e.getValue())).collect(Collectors.joining("<br>", "", "")));
        } else {
            card(h, "Best", "-", "no completed trial yet");
        }
        card(h, "Verdicts", null, s.analyses().isEmpty() ? "no finished trial yet" : verdictList(s, "<br>"));
        if (!importance.isEmpty()) {
            Importance first = importance.get(0);
            card(h, "Most important parameter", esc(first.parameter()), ReportCharts.pct(first.importance())
                    + " of the explained variance, p = " + ReportCharts.p(first.pValue())
                    + (first.pValue() >= 0.05 ? " (could be chance)" : ""));
        }
        if (scores != null && scores.optimism().chosen().isPresent()) {
            SelectionOptimism.Row chosen = scores.optimism().chosen().get();
            SelectionOptimism optimism = scores.optimism();
            String retrained = scores.retrainedTestAccuracy(chosen.number())
                    .map(a -> " Retrained on training + validation data: " + value(a) + " on the test data.").orElse("");
            String topK = optimism.rows().size() < 2 ? "" : String.format(Locale.ROOT,
                    " Mean gap over the %d kept trials: %+.4f.", optimism.rows().size(), optimism.meanGap());
            card(h, "Validation vs test", value(chosen.validation()) + " &rarr; " + value(chosen.test()),
                    "trial " + chosen.number() + ", test data never seen by the search. " + esc(optimism.verdict())
                            + esc(topK) + esc(retrained));
        }
        h.append("</section>\n");
    }

    private static void card(StringBuilder h, String title, String big, String small) {
        h.append("<div class=\"card\"><div class=\"card-title\">").append(esc(title)).append("</div>");
        if (big != null) {
            h.append("<div class=\"big\">").append(big).append("</div>");
        }
        h.append("<div class=\"small\">").append(small).append("</div></div>");
    }

    private static void section(StringBuilder h, String id, String intro) {
        h.append("<section id=\"").append(id).append("\"><h2>").append(TITLES.get(id)).append("</h2><p class=\"intro\">")
                .append(intro).append("</p>");
    }

    private static void leaderboard(StringBuilder h, StudySnapshot s, List<LeaderboardRow> rows, Map<Integer, String> colors,
                                    Map<Integer, CurveAnalysis> provisional, ModelScores scores) {
        Set<String> params = new LinkedHashSet<>();
        rows.forEach(r -> params.addAll(r.params().keySet()));
        boolean tested = scores != null && scores.any();
        h.append("<div class=\"scroll\"><table><thead><tr><th>rank</th><th>trial</th><th>state</th><th>value</th>");
        if (tested) {
            h.append("<th>test</th><th>retrained test</th>");
        }
        params.forEach(p -> h.append("<th>").append(esc(p)).append("</th>"));
        h.append("<th>epochs run</th><th>best epoch</th><th>gap</th><th>verdict</th><th>seconds</th><th>note</th></tr></thead><tbody>");
        for (LeaderboardRow r : rows) {
            CurveAnalysis a = r.analysis();
            h.append("<tr><td class=\"num\">").append(r.rank()).append("</td><td class=\"num\">")
                    .append(trialLabel(r.number(), colors)).append("</td><td>").append(r.state().name().toLowerCase(Locale.ROOT))
                    .append("</td><td class=\"num\">").append(value(r.value())).append("</td>");
            if (tested) {
                h.append("<td class=\"num\">").append(value(scores.testAccuracy(r.number()).orElse(null)))
                        .append("</td><td class=\"num\">").append(value(scores.retrainedTestAccuracy(r.number()).orElse(null)))
                        .append("</td>");
            }
            params.forEach(p -> h.append("<td class=\"num\">").append(esc(r.params().containsKey(p)
                    ? ReportCharts.show(r.params().get(p)) : "-")).append("</td>"));
            h.append("<td class=\"num\">").append(r.epochsRun()).append("</td><td class=\"num\">")
                    .append(r.bestEpoch() == null ? "-" : r.bestEpoch()).append("</td><td class=\"num\">")
                    .append(a == null || a.gapAccuracyBest() == null ? "-" : String.format(Locale.ROOT, "%.3f", a.gapAccuracyBest()))
                    .append("</td><td>").append(verdictBadge(s.trial(r.number()).orElseThrow(), a == null
                            ? provisional.get(r.number()) : a)).append("</td><td class=\"num\">")
                    .append(r.duration() == null ? "-" : String.format(Locale.ROOT, "%.1f", r.duration().toMillis() / 1000.0))
                    .append("</td><td class=\"note clip\" title=\"").append(esc(r.note())).append("\">").append(esc(r.note()))
                    .append("</td></tr>");   // one line a row; the whole note on hover
        }
        h.append("</tbody></table></div>");
    }

    private static void curveCard(StringBuilder h, StudySnapshot s, FrozenTrial t, String label, String color,
                                  CurveAnalysis a) {
        List<EpochMetrics> curve = s.curve(t.number());
        h.append("<div class=\"trial\" id=\"trial-").append(t.number()).append("\"><div class=\"trial-head\">")
                .append("<span class=\"swatch\" style=\"background:").append(color).append("\"></span><b>").append(esc(label))
                .append(" &middot; trial ").append(t.number()).append("</b> &middot; ");
        if (t.state() == TrialState.RUNNING) {
            h.append("epoch ").append(curve.size()).append(", best so far ").append(Scale.number(
                    io.hpo4j.studies.query.Leaderboard.bestSoFar(t, s.study().direction()).orElse(null)));
        } else {
            h.append(t.state() == TrialState.PRUNED ? "last value " : "value ").append(Scale.number(t.value()));
        }
        if (a != null) {
            h.append(" &middot; ").append(verdictBadge(t, a)).append(" <span class=\"reason\">")
                    .append(esc(a.reason())).append("</span>");
        }
        h.append("</div><div class=\"params\">").append(esc(t.params().entrySet().stream()
                .map(e -> e.getKey() + "=" + ReportCharts.show(e.getValue())).collect(Collectors.joining("  ")))).append("</div>");
        h.append("<div class=\"pair\">").append(ReportCharts.curvePanel(curve, a, false, color, t.number()));
        boolean accuracy = curve.stream().anyMatch(e -> Double.isFinite(e.validationAccuracy()));
        if (accuracy) {
            h.append(ReportCharts.curvePanel(curve, a, true, color, t.number()));
        }
        h.append("</div></div>");
    }

    private static void fitTable(StringBuilder h, StudySnapshot s, Map<Integer, String> colors) {
        h.append("<div class=\"scroll").append(s.analyses().size() > 40 ? " tall" : "").append("\"><table><thead><tr><th>trial</th><th>state</th><th>value</th><th>epochs run</th>"
                + "<th>best epoch</th><th>onset</th><th>gap (best)</th><th>gap (last)</th><th>loss gap (last)</th>"
                + "<th>verdict</th><th>reason</th></tr></thead><tbody>");
        for (FrozenTrial t : s.trials()) {
            CurveAnalysis a = s.analysis(t.number());
            if (a == null) {
                continue;
            }
            h.append("<tr><td class=\"num\">").append(trialLabel(t.number(), colors)).append("</td><td>")
                    .append(t.state().name().toLowerCase(Locale.ROOT)).append("</td><td class=\"num\">")
                    .append(value(t.value())).append("</td><td class=\"num\">")
                    .append(a.epochs()).append("</td><td class=\"num\">").append(dash(a.bestEpoch())).append("</td><td class=\"num\">")
                    .append(dash(a.overfitOnsetEpoch())).append("</td><td class=\"num\">").append(f3(a.gapAccuracyBest()))
                    .append("</td><td class=\"num\">").append(f3(a.gapAccuracyLast())).append("</td><td class=\"num\">")
                    .append(f3(a.gapLossLast())).append("</td><td>").append(verdictBadge(t, a))
                    .append("</td><td class=\"note\">").append(esc(a.reason())).append("</td></tr>");
        }
        h.append("</tbody></table></div>");
    }

    // ------------------------------------------------------------------ helpers

    /** The monitored metric most analyses agree on, else "value". */
    static String valueLabel(StudySnapshot s) {
        return s.analyses().values().stream().collect(Collectors.groupingBy(a -> a.monitor().key(), Collectors.counting()))
                .entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("value");
    }

    /** The verdicts of the finished trials that were not pruned (a pruned trial's curve was cut short: it is counted apart). */
    private static Map<Verdict, Long> verdicts(StudySnapshot s) {
        Map<Verdict, Long> counts = new EnumMap<>(Verdict.class);
        Set<Integer> pruned = prunedTrials(s);
        s.analyses().forEach((number, a) -> {
            if (!pruned.contains(number)) {
                counts.merge(a.verdict(), 1L, Long::sum);
            }
        });
        return counts;
    }

    private static Set<Integer> prunedTrials(StudySnapshot s) {
        return s.trials().stream().filter(t -> t.state() == TrialState.PRUNED).map(FrozenTrial::number)
                .collect(Collectors.toSet());
    }

    private static String verdictCounts(StudySnapshot s) {
        return s.analyses().isEmpty() ? "No trial has finished yet." : verdictList(s, ", ") + ".";
    }

    /** "8 good fit, 4 overfit, ..., 20 pruned": the counts, the happiest verdict first, the pruned trials last. */
    private static String verdictList(StudySnapshot s, String separator) {
        Map<Verdict, Long> counts = verdicts(s);
        List<Verdict> order = new ArrayList<>(List.of(Verdict.values()));
        java.util.Collections.reverse(order);
        List<String> parts = new ArrayList<>(order.stream().filter(counts::containsKey)
                .map(v -> "<span class=\"nowrap\">" + counts.get(v) + " " + badge(v.name()) + "</span>").toList());
        int pruned = prunedTrials(s).size();
        if (pruned > 0) {
            parts.add("<span class=\"nowrap\">" + pruned + " <span class=\"badge\" style=\"background:#d97706\">pruned</span></span>");
        }
        return String.join(separator, parts);
    }

    private static Distribution distribution(StudySnapshot s, String param) {
        return s.trials().stream().map(t -> t.distributions().get(param)).filter(d -> d != null).findFirst().orElse(null);
    }

    private static String trialLabel(int number, Map<Integer, String> colors) {
        String color = colors.get(number);
        return color == null ? String.valueOf(number)
                : "<a href=\"#trial-" + number + "\"><span class=\"swatch\" style=\"background:" + color + "\"></span>"
                + number + "</a>";
    }

    /** "pruned @3" for a pruned trial, "good fit (so far)" for a running one, else the verdict; "-" without an analysis. */
    static String verdictBadge(FrozenTrial t, CurveAnalysis a) {
        if (t.state() == TrialState.PRUNED) {
            return "<span class=\"badge\" style=\"background:#d97706\">pruned @" + t.lastStep().map(String::valueOf)
                    .orElse(a == null ? "?" : String.valueOf(a.epochs())) + "</span>";
        }
        if (a == null) {
            return "-";
        }
        String b = badge(a.verdict().name());
        return t.state() == TrialState.RUNNING ? b.replace("</span>", " (so far)</span>") : b;
    }

    static String badge(String verdict) {
        return "<span class=\"badge\" style=\"background:" + Palette.verdict(verdict) + "\">"
                + esc(verdict.replace('_', ' ').toLowerCase(Locale.ROOT)) + "</span>";
    }

    /** A value in a table: four decimals, or scientific notation when that would hide it. */
    private static String value(Double v) {
        if (v == null) {
            return "-";
        }
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e6) || !Double.isFinite(v) ? Scale.number(v) : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String dash(Integer v) {
        return v == null ? "-" : String.valueOf(v);
    }

    private static String f3(Double v) {
        return v == null ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String num(double v) {
        return Scale.number(v);
    }

    private static String pct(double fraction) {
        return Scale.number(fraction * 100) + "&nbsp;%";
    }

    private static String esc(String s) {
        return Svg.esc(s);
    }

    private static final Map<String, String> TITLES = Map.of("summary", "Summary", "history", "Optimization history",
            "leaderboard", "Leaderboard", "curves", "Learning curves", "parameters", "Parameters vs value",
            "parallel", "Parallel coordinates", "importance", "Parameter importance", "fit", "Fit diagnostics");

    private static final String CSS = resource("report.css");

    private static String resource(String name) {
        try (java.io.InputStream in = HtmlReport.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("resource " + name + " is missing from the classpath next to HtmlReport");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read resource " + name + ": " + e.getMessage(), e);
        }
    }
}
