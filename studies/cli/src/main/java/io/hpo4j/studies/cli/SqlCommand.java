package io.hpo4j.studies.cli;

import io.hpo4j.studies.query.StudyLookup;
import io.hpo4j.studies.query.TrialAnalyses;
import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.studies.storage.QueryResult;
import io.hpo4j.studies.storage.ReadOnlyQuery;
import io.hpo4j.tuner.storage.Storage;
import io.hpo4j.tuner.storage.StudyRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code hpo sql}: a read-only SQL query over the storage, with the study at hand in {@code @study}. */
@Command(name = "sql", mixinStandardHelpOptions = true,
        description = {"Run one read-only SQL query (SELECT or WITH) on the storage and print its rows.",
                "The study must exist; its name is in the session variable @study and its id in @study_id. The query is "
                        + "NOT filtered for you: it sees every study in the storage unless it says WHERE study = @study "
                        + "(on the trial_overview view) or s.name = @study; hpo sql warns when it does neither. "
                        + "Nothing is analyzed or written: trial_analysis and trial_overview show the analyses hpo run stored.",
                "Writes are refused: the query runs as a database user with SELECT rights only, in a transaction "
                        + "that is rolled back. Tables: see the README, section \"Where studies live\".",
                "",
                "Example: hpo sql mnist-demo \"SELECT number, objective_value, verdict FROM trial_overview "
                        + "WHERE study = @study AND verdict = 'OVERFIT'\""})
final class SqlCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "STUDY", description = "The study's name (in @study).")
    String study;
    @Parameters(index = "1", paramLabel = "QUERY", description = "One SELECT or WITH statement (quote it).")
    String query;
    @Option(names = "--max-rows", paramLabel = "N", defaultValue = "1000",
            description = "Print at most N rows (default: ${DEFAULT-VALUE}).")
    int maxRows;
    @Mixin
    StorageOption storage;
    @Mixin
    FormatOption format;
    @Mixin
    WidthOption width;
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        String url = storage.resolve(null);
        Map<String, Object> variables = new LinkedHashMap<>();
        try (JdbcStorage s = storage.open()) {
            // Read-only: trial_analysis holds what `hpo run` stored; nothing is analyzed or written here.
            StudyRecord record = StudyLookup.require(s, study);
            variables.put("study", record.name());
            variables.put("study_id", record.id());
            QueryResult result = ReadOnlyQuery.run(url, variables, query, maxRows);
            Table table = new Table(result.columns());
            result.rows().forEach(table::add);
            PrintWriter out = spec.commandLine().getOut();
            out.print(table.render(format.format, width.terminal().columns()));
            if (format.format == OutputFormat.TABLE) {
                out.println("(" + table.size() + (table.size() == 1 ? " row" : " rows")
                        + (result.truncated() ? "; more rows were left out, see --max-rows" : "") + ")");
            } else if (result.truncated()) {
                spec.commandLine().getErr().println("hpo sql: output truncated to " + maxRows + " rows (--max-rows)");
                spec.commandLine().getErr().flush();
            }
            out.flush();
            if (!mentionsStudy(query)) {
                spec.commandLine().getErr().println("hpo sql: note: the query does not use @study or @study_id, so its rows "
                        + "are not limited to study '" + study + "' (hpo sql does not filter them for you)");
                spec.commandLine().getErr().flush();
            }
        }
        return ExitCodes.OK;
    }

    /** Whether the query refers to the study at hand through its session variables. */
    static boolean mentionsStudy(String sql) {
        return java.util.regex.Pattern.compile("@study(_id)?\\b", java.util.regex.Pattern.CASE_INSENSITIVE).matcher(sql).find();
    }
}
