package io.hpo4j.studies.cli;

import io.hpo4j.studies.query.TrialColumn;
import io.hpo4j.studies.report.HtmlReport;
import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.studies.testing.SyntheticStudies;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.studies.storage.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class ReportCommandTest {

    @TempDir
    static Path dir;
    static CliTestSupport cli;
    static List<FrozenTrial> trials;
    static Map<Integer, Integer> epochs = new HashMap<>();
    static String html;

    @BeforeAll
    static void report() throws IOException {
        cli = new CliTestSupport(dir);
        String url = cli.url();
        try (JdbcStorage storage = JdbcStorage.open(url)) {
            SyntheticStudies.run(storage, 16, 5);
            trials = storage.trials(storage.findStudy(SyntheticStudies.NAME).orElseThrow().id(), EnumSet.allOf(TrialState.class));
            trials.forEach(t -> epochs.put(t.number(), storage.epochs(t.id()).size()));
            storage.createStudy("empty", io.hpo4j.tuner.Direction.MINIMIZE);
        }
        Path file = dir.resolve("out/report.html");
        CliTestSupport.Result r = cli.run("report", SyntheticStudies.NAME, "--out", file.toString(), "--top-curves", "4");
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo(file.toString());
        html = Files.readString(file);
    }

    @Test
    void theReportIsSelfContained() {
        assertThat(html).startsWith("<!DOCTYPE html>");
        assertThat(html).doesNotContainPattern("(?i)\\b(src|href)\\s*=\\s*[\"']?\\s*(https?:)?//");
        assertThat(html).doesNotContainPattern("(?i)<link\\b").doesNotContainPattern("(?i)@import")
                .doesNotContainPattern("(?i)url\\(\\s*['\"]?(https?:)?//").doesNotContainPattern("(?i)<script[^>]*\\bsrc\\s*=");
        assertThat(html).doesNotContainIgnoringCase("http://").doesNotContainIgnoringCase("https://");
        Matcher scripts = Pattern.compile("<script\\b[^>]*>").matcher(html);
        while (scripts.find()) {
            assertThat(scripts.group()).as("only the JSON data block").isEqualTo(
                    "<script type=\"application/json\" id=\"" + HtmlReport.DATA_ID + "\">");
        }
    }

    @Test
    void everySectionIsThere() {
        for (String id : HtmlReport.SECTIONS) {
            assertThat(html).contains("<section id=\"" + id + "\"");
        }
        assertThat(html).contains("Optimization history", "Leaderboard", "Learning curves", "Parameters vs value",
                "Parallel coordinates", "Parameter importance", "Fit diagnostics");
        // charts: history, two panels for each of the 4 top trials and of the 2 pruned ones, one per parameter,
        // parallel coordinates, importance
        assertThat(Pattern.compile("<svg ").matcher(html).results().count()).isEqualTo(1 + 2 * 4 + 2 * 2 + 4 + 1 + 1);
        assertThat(html).contains("aria-label=\"parameter importance\"", "aria-label=\"parallel coordinates");
        assertThat(html).contains("One-way analysis of variance on ranks");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theEmbeddedDataHasEveryTrialWithItsCurveAndAnalysis() {
        Map<String, Object> data = embeddedData();

        assertThat((Map<String, Object>) data.get("study")).containsEntry("name", SyntheticStudies.NAME)
                .containsEntry("direction", "MAXIMIZE");
        List<Map<String, Object>> shown = (List<Map<String, Object>>) data.get("trials");
        assertThat(shown).hasSize(trials.size());
        for (FrozenTrial t : trials) {
            Map<String, Object> d = shown.get(t.number());
            assertThat(d.get("number")).isEqualTo(t.number());
            assertThat(d.get("state")).isEqualTo(t.state().name());
            assertThat((Map<String, Object>) d.get("params")).containsOnlyKeys(t.params().keySet());
            assertThat((List<Object>) d.get("curve")).hasSize(epochs.get(t.number()));
            assertThat(d.keySet()).as("the trial row's columns, as hpo export and trial_overview name them")
                    .containsExactlyElementsOf(reportKeys());
            assertThat(d.get("verdict")).as("trial " + t.number()).isNotNull();
            assertThat(d.get("objective_value")).isEqualTo(t.value());
        }
        List<Map<String, Object>> importance = (List<Map<String, Object>>) data.get("importance");
        assertThat(importance).extracting(i -> i.get("parameter"))
                .containsExactlyInAnyOrder("learning_rate", "dropout", "optimizer", "layers");
        assertThat(((Map<String, Object>) data.get("thresholds")).get("overfit_gap")).isEqualTo(0.05);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theEmbeddedTrialsAreTheRowsOfTheExport() {
        List<Map<String, Object>> exported = (List<Map<String, Object>>) Json.parse(
                cli.run("export", SyntheticStudies.NAME, "--format", "json").out());
        List<Map<String, Object>> shown = (List<Map<String, Object>>) embeddedData().get("trials");

        assertThat(shown).hasSameSizeAs(exported);
        for (int i = 0; i < shown.size(); i++) {
            Map<String, Object> row = new java.util.LinkedHashMap<>(shown.get(i));
            Map<String, Object> params = (Map<String, Object>) row.remove("params");
            row.remove("curve");
            Map<String, Object> expected = new java.util.LinkedHashMap<>(exported.get(i));
            expected.keySet().removeAll(params.keySet());
            assertThat(row).as("trial " + row.get("number")).isEqualTo(expected);
        }
    }

    private static List<String> reportKeys() {
        List<String> keys = new java.util.ArrayList<>(TrialColumn.names());
        keys.addAll(List.of("params", "curve"));
        return keys;
    }

    private static Map<String, Object> embeddedData() {
        Matcher m = Pattern.compile("<script type=\"application/json\" id=\"" + HtmlReport.DATA_ID + "\">(.*?)</script>",
                Pattern.DOTALL).matcher(html);
        assertThat(m.find()).isTrue();
        return Json.parseObject(m.group(1).replace("<\\/", "</"));
    }

    @Test
    void theBestTrialsAreDrawnAndEveryFinishedTrialIsDiagnosed() {
        FrozenTrial best = trials.stream().filter(t -> t.state() == TrialState.COMPLETE)
                .max(java.util.Comparator.comparingDouble(FrozenTrial::value)).orElseThrow();
        assertThat(html).contains("id=\"trial-" + best.number() + "\"");
        String fit = html.substring(html.indexOf("<section id=\"fit\""));
        long rows = Pattern.compile("<tr><td class=\"num\">").matcher(fit).results().count();
        assertThat(rows).isEqualTo(trials.size());
        assertThat(fit).contains("diverged").contains("overfit").contains("good fit");
    }

    @Test
    void thresholdOptionsReachTheReport() throws IOException {
        Path file = dir.resolve("strict.html");

        CliTestSupport.Result r = cli.run("report", SyntheticStudies.NAME, "--out", file.toString(), "--overfit-gap", "0.001");

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(Files.readString(file)).contains("\"overfit_gap\":0.001").contains("above 0.001");
    }

    @Test
    void aStudyWithoutTrialsStillGetsAReportThatSaysSo() throws IOException {
        Path file = dir.resolve("empty.html");

        CliTestSupport.Result r = cli.run("report", "empty", "--out", file.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        String empty = Files.readString(file);
        assertThat(empty).contains("No trial has recorded a learning curve yet",
                "Parameter importance needs at least 6 completed trials; this study has 0.", "\"trials\":[]");
    }

    @Test
    void anUnknownStudyIsInvalidInputAndWritesNothing() {
        Path file = dir.resolve("none.html");

        CliTestSupport.Result r = cli.run("report", "nope", "--out", file.toString());

        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(file).doesNotExist();
    }
}
