package io.hpo4j.studies.query;

import io.hpo4j.tuner.TrialState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LeaderboardTableTest {

    @Test
    void aPlainFunctionShowsItsOwnParametersAndNoEpochColumns() {
        String table = LeaderboardTable.format(List.of(
                new LeaderboardRow(1, 4, TrialState.COMPLETE, 0.5, Map.of("x", 1.25), 0, null, Duration.ofSeconds(1), "", null, null, null, null, null, null),
                new LeaderboardRow(2, 0, TrialState.COMPLETE, 0.75, Map.of("x", 2.0, "kind", "ridge"), 0, null, null, "", null, null, null, null, null, null)));
        List<String> lines = table.lines().toList();
        assertThat(lines.get(0).split("\\s+")).containsExactly("rank", "trial", "state", "value", "x", "kind");
        assertThat(lines.get(1).split("\\s+")).containsExactly("1", "4", "COMPLETE", "0.500000", "1.25000", "-");
        assertThat(lines.get(2).split("\\s+")).containsExactly("2", "0", "COMPLETE", "0.750000", "2.00000", "ridge");
    }

    @Test
    void epochAndNoteColumnsAppearOnlyWhenSomeTrialHasThem() {
        String table = LeaderboardTable.format(List.of(
                new LeaderboardRow(1, 0, TrialState.COMPLETE, 0.9, Map.of("lr", 0.01), 5, 4, null, "", null, null, null, null, null, null),
                new LeaderboardRow(2, 1, TrialState.PRUNED, 0.4, Map.of("lr", 0.1), 2, 2, null, "pruned at step 2", null, null, null, null, null, null)));
        List<String> lines = table.lines().toList();
        assertThat(lines.get(0).split("\\s+")).containsExactly("rank", "trial", "state", "value", "lr", "epochs", "best_epoch", "note");
        assertThat(lines.get(2)).endsWith("pruned at step 2");
    }
}
