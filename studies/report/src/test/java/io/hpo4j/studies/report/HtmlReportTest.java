package io.hpo4j.studies.report;

import io.hpo4j.studies.analysis.OverfitThresholds;
import io.hpo4j.studies.query.Leaderboard;
import io.hpo4j.studies.query.StudySnapshot;
import io.hpo4j.studies.query.TrialAnalyses;
import io.hpo4j.studies.testing.SyntheticStudies;
import io.hpo4j.tuner.EpochMetrics;
import io.hpo4j.tuner.FrozenTrial;
import io.hpo4j.tuner.space.FloatDistribution;
import io.hpo4j.tuner.storage.InMemoryStorage;
import io.hpo4j.tuner.storage.Storage;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;

/** A report made while a study runs draws its running and pruned trials too, and labels them honestly. */
class HtmlReportTest {

    @Test
    void curvesIncludeRunningAndPrunedTrialsWithHonestLabels() {
        Storage storage = new InMemoryStorage();
        SyntheticStudies.run(storage, 14, 5);            // trials 6 and 13 are pruned at epoch 3
        long id = storage.findStudy(SyntheticStudies.NAME).orElseThrow().id();
        FrozenTrial running = storage.createTrial(id);   // trial 14, at epoch 11 of its run
        storage.setTrialParam(running.id(), "learning_rate", new FloatDistribution(1e-4, 1e-1, true, 0), 0.01);
        for (int e = 1; e <= 11; e++) {
            storage.addEpoch(running.id(), new EpochMetrics(e, 1.0 / e, 0.5 + 0.04 * e, 1.1 / e, 0.49 + 0.04 * e, 1));
            storage.setIntermediateValue(running.id(), e, 0.49 + 0.04 * e);
        }
        TrialAnalyses analyses = TrialAnalyses.of(storage, OverfitThresholds.defaults());
        StudySnapshot s = StudySnapshot.read(storage, SyntheticStudies.NAME, analyses);
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        String html = new HtmlReport(clock, 3).render(s, new Leaderboard(storage, clock).rows(SyntheticStudies.NAME, 30),
                OverfitThresholds.defaults());
        String curves = html.substring(html.indexOf("id=\"curves\""), html.indexOf("</section>", html.indexOf("id=\"curves\"")));
        assertThat(curves).contains("the 1 running ones (so far)", "best pruned ones", "id=\"trial-14\"", "id=\"trial-6\"",
                "id=\"trial-13\"", "epoch 11, best so far 0.93", "(so far)</span>", "pruned @3");
        assertThat(curves).doesNotContain("No trial has recorded");
        assertThat(html).as("pruned trials are not labelled inconclusive in the fit table")
                .doesNotContain("<td>pruned</td><td class=\"num\">0.5");
        String verdicts = html.substring(html.indexOf(">Verdicts<"), html.indexOf("</div>", html.indexOf(">Verdicts<") + 12));
        assertThat(verdicts).as("the summary counts the 2 pruned trials apart, not by their cut-short curves")
                .contains("2 <span class=\"badge\" style=\"background:#d97706\">pruned</span>");
        long counted = java.util.regex.Pattern.compile("(\\d+) <span class=\"badge").matcher(verdicts).results()
                .mapToLong(m -> Long.parseLong(m.group(1))).sum();
        assertThat(counted).as("each finished trial counted once").isEqualTo(14);
        assertThat(html).as("a leaderboard note is one line, the whole of it on hover")
                .containsPattern("<td class=\"note clip\" title=\"([^\"]+)\">\\1</td>");
    }
}
