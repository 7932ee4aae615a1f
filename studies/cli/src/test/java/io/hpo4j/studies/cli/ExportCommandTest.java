package io.hpo4j.studies.cli;

import io.hpo4j.studies.analysis.OverfitThresholds;
import io.hpo4j.studies.query.TrialAnalyses;
import io.hpo4j.studies.query.TrialColumn;
import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.studies.testing.SyntheticStudies;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.Study;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.studies.storage.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ExportCommandTest {

    @TempDir
    static Path dir;
    static CliTestSupport cli;
    static List<FrozenTrial> trials;

    @BeforeAll
    static void study() {
        cli = new CliTestSupport(dir);
        String url = cli.url();
        try (JdbcStorage storage = JdbcStorage.open(url)) {
            SyntheticStudies.run(storage, 12, 5);
            trials = storage.trials(storage.findStudy(SyntheticStudies.NAME).orElseThrow().id(), EnumSet.allOf(TrialState.class));
            // stored, as hpo run stores them, so that the view trial_overview shows them too
            TrialAnalyses analyses = TrialAnalyses.of(storage, storage.analyses(), OverfitThresholds.defaults());
            trials.stream().filter(t -> t.state().isFinished()).forEach(analyses::analyze);
            Study.builder("clash").storage(storage).seed(1).build()
                    .optimize(trial -> trial.suggestFloat("state", 0, 1) + trial.suggestFloat("verdict", 0, 1), 2);
        }
    }

    static final List<String> PARAMS = List.of("learning_rate", "dropout", "optimizer", "layers");

    @Test
    void csvHasOneRowPerTrialWithParametersValuesAndDerivedMetrics() {
        CliTestSupport.Result r = cli.run("export", SyntheticStudies.NAME);

        assertThat(r.exitCode()).as(r.err()).isZero();
        List<List<String>> rows = csv(r.out());
        List<String> expected = new ArrayList<>(ExportCommand.LEADING.stream().map(TrialColumn::column).toList());
        expected.addAll(PARAMS);
        expected.addAll(ExportCommand.TRAILING.stream().map(TrialColumn::column).toList());
        assertThat(rows.get(0)).isEqualTo(expected);
        assertThat(rows).hasSize(1 + trials.size());
        for (FrozenTrial t : trials) {
            Map<String, String> row = row(rows, t.number());
            assertThat(row.get("state")).isEqualTo(t.state().name());
            assertThat(row.get("objective_value")).isEqualTo(t.value() == null ? "" : String.valueOf(t.value()));
            assertThat(Double.parseDouble(row.get("learning_rate"))).isEqualTo((Double) t.params().get("learning_rate"));
            assertThat(row.get("optimizer")).isEqualTo(t.params().get("optimizer"));
            assertThat(row.get("verdict")).isNotEmpty();
            assertThat(row.get("objective_metric")).isEqualTo("validation_accuracy");
            assertThat(row.get("best_epoch")).isEqualTo(t.record().bestEpoch() == null ? "" : String.valueOf(t.record().bestEpoch()));
            assertThat(row.get("stop_reason")).isEqualTo(t.record().stopReason().kind());
        }
        Map<String, String> failed = row(rows, 10);
        assertThat(failed.get("state")).isEqualTo("FAIL");
        assertThat(failed.get("verdict")).isEqualTo("DIVERGED");
        assertThat(failed.get("epochs_run")).isEqualTo("3");
        assertThat(failed.get("fail_reason")).contains("NaN at epoch 3");
        Map<String, String> pruned = row(rows, 6);
        assertThat(pruned.get("state")).isEqualTo("PRUNED");
        assertThat(pruned.get("epochs_run")).isEqualTo("3");
        assertThat(pruned.get("stop_reason")).isEqualTo("pruned");
        assertThat(pruned.get("stop_epoch")).isEqualTo("3");
    }

    @Test
    @SuppressWarnings("unchecked")
    void jsonHasTheSameKeysWithNumbersAsNumbers() throws IOException {
        Path file = dir.resolve("out/trials.json");

        CliTestSupport.Result r = cli.run("export", SyntheticStudies.NAME, "--format", "json", "--out", file.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo("wrote " + trials.size() + " trials to " + file);
        List<Map<String, Object>> rows = (List<Map<String, Object>>) Json.parse(Files.readString(file));
        assertThat(rows).hasSize(trials.size());
        Map<String, Object> first = rows.get(0);
        assertThat(first.keySet()).containsSubsequence("number", "state", "objective_value", "learning_rate", "layers",
                "epochs_run", "best_epoch", "gap_accuracy_best", "overfit_onset_epoch", "verdict", "fail_reason");
        assertThat(first.get("objective_value")).isInstanceOf(Double.class);
        assertThat(first.get("layers")).isInstanceOf(Integer.class);
        assertThat(first.get("gap_accuracy_last")).isInstanceOf(Double.class);
        assertThat(rows).anySatisfy(row -> assertThat(row.get("overfit_onset_epoch")).isInstanceOf(Integer.class));
    }

    @Test
    @SuppressWarnings("unchecked")
    void theExportHasTheColumnsAndValuesOfTheViewTrialOverview() {
        CliTestSupport.Result export = cli.run("export", SyntheticStudies.NAME, "--format", "json");
        CliTestSupport.Result sql = cli.run("sql", SyntheticStudies.NAME,
                "SELECT * FROM trial_overview WHERE study = @study ORDER BY number", "--format", "json");

        assertThat(sql.exitCode()).as(sql.err()).isZero();
        List<Map<String, Object>> exported = (List<Map<String, Object>>) Json.parse(export.out());
        List<Map<String, Object>> viewed = (List<Map<String, Object>>) Json.parse(sql.out());
        List<String> viewColumns = new ArrayList<>(viewed.get(0).keySet());
        viewColumns.removeAll(List.of("study", "trial_id", "study_id"));
        List<String> exportColumns = new ArrayList<>(exported.get(0).keySet());
        exportColumns.removeAll(PARAMS);
        assertThat(exportColumns).isEqualTo(viewColumns).isEqualTo(TrialColumn.names());
        assertThat(viewed).hasSameSizeAs(exported);
        for (int i = 0; i < exported.size(); i++) {
            for (String column : TrialColumn.names()) {
                Object e = exported.get(i).get(column);
                Object v = viewed.get(i).get(column);
                String what = "trial " + exported.get(i).get("number") + ", " + column;
                if (e instanceof Number n) {
                    assertThat(((Number) v).doubleValue()).as(what).isCloseTo(n.doubleValue(), within(1e-9));
                } else if (e != null && column.endsWith("_at")) {
                    assertThat(java.time.OffsetDateTime.parse((String) v).toInstant()).as(what).isEqualTo(Instant.parse((String) e));
                } else {
                    assertThat(v).as(what).isEqualTo(e);
                }
            }
        }
    }

    @Test
    void aParameterNamedLikeAColumnGetsAPrefix() {
        List<List<String>> rows = csv(cli.run("export", "clash").out());

        assertThat(rows.get(0)).contains("state", "param_state", "verdict", "param_verdict");
        assertThat(rows.get(0).stream().distinct().count()).isEqualTo(rows.get(0).size());
    }

    @Test
    void onlyCsvAndJsonAreFormats() {
        CliTestSupport.Result r = cli.run("export", SyntheticStudies.NAME, "--format", "table");

        assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
        assertThat(r.err()).contains("expected csv or json, but got 'table'");
    }

    private static Map<String, String> row(List<List<String>> rows, int number) {
        List<String> header = rows.get(0);
        List<String> row = rows.stream().skip(1).filter(r -> r.get(0).equals(String.valueOf(number))).findFirst().orElseThrow();
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            out.put(header.get(i), row.get(i));
        }
        return out;
    }

    /** RFC 4180: quoted cells may hold commas, doubled quotes and newlines. */
    private static List<List<String>> csv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n') {
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                cell.append(c);
            }
        }
        return rows;
    }
}
