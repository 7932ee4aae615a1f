package io.hpo4j.studies.query;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Leaderboard rows as a plain-text table for a terminal or a log, with the columns the study has:
 * rank, trial, state and value, then the trials' own parameters (a plain function's {@code x} and
 * {@code y}, an MLP's learning rate and layers), then epochs and best epoch only if some trial
 * reported steps, and a note only if some trial has one.
 *
 * <pre>{@code
 * System.out.print(LeaderboardTable.format(new Leaderboard(storage).rows("branin", 5)));
 * }</pre>
 */
public final class LeaderboardTable {

    private LeaderboardTable() {
    }

    public static String format(List<LeaderboardRow> rows) {
        Set<String> params = new LinkedHashSet<>();
        rows.forEach(r -> params.addAll(r.params().keySet()));
        boolean steps = rows.stream().anyMatch(r -> r.epochsRun() > 0);
        boolean notes = rows.stream().anyMatch(r -> !r.note().isEmpty());
        List<String> header = new ArrayList<>(List.of("rank", "trial", "state", "value"));
        header.addAll(params);
        if (steps) {
            header.addAll(List.of("epochs", "best_epoch"));
        }
        if (notes) {
            header.add("note");
        }
        List<List<String>> lines = new ArrayList<>();
        lines.add(header);
        for (LeaderboardRow r : rows) {
            List<String> cells = new ArrayList<>(List.of(String.valueOf(r.rank()), String.valueOf(r.number()),
                    r.state().name(), text(r.value())));
            params.forEach(p -> cells.add(r.params().containsKey(p) ? text(r.params().get(p)) : "-"));
            if (steps) {
                cells.add(String.valueOf(r.epochsRun()));
                cells.add(r.bestEpoch() == null ? "-" : String.valueOf(r.bestEpoch()));
            }
            if (notes) {
                cells.add(r.note());
            }
            lines.add(cells);
        }
        int[] widths = new int[header.size()];
        lines.forEach(l -> {
            for (int i = 0; i < l.size(); i++) {
                widths[i] = Math.max(widths[i], l.get(i).length());
            }
        });
        StringBuilder sb = new StringBuilder();
        for (List<String> l : lines) {
            for (int i = 0; i < l.size(); i++) {
                boolean last = i == l.size() - 1;
                sb.append(last ? l.get(i) : String.format(Locale.ROOT, "%-" + widths[i] + "s  ", l.get(i)));
            }
            sb.append(System.lineSeparator());
        }
        return sb.toString();
    }

    private static String text(Object value) {
        if (value == null) {
            return "-";
        }
        if (value instanceof Double d) {
            return String.format(Locale.ROOT, "%.6g", d);
        }
        return String.valueOf(value);
    }
}
