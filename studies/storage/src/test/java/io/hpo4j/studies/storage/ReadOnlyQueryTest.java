package io.hpo4j.studies.storage;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.TrialState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReadOnlyQueryTest {

    @TempDir
    Path dir;
    private String url;
    private JdbcStorage storage;

    @BeforeEach
    void open() {
        url = "jdbc:h2:file:" + dir.resolve("db");
        storage = JdbcStorage.open(url);
        long study = storage.createStudy("s", Direction.MINIMIZE).id();
        for (int i = 0; i < 3; i++) {
            storage.finishTrial(storage.createTrial(study).id(), TrialState.COMPLETE, 10.0 - i, null);
        }
        storage.createStudy("other", Direction.MINIMIZE);
    }

    @AfterEach
    void close() {
        storage.close();
    }

    private QueryResult run(String sql) {
        return ReadOnlyQuery.run(url, Map.of("study", "s"), sql, 100);
    }

    private int trials() {
        return run("SELECT COUNT(*) FROM trials").rows().get(0).get(0) instanceof Number n ? n.intValue() : -1;
    }

    @Test
    void aSelectReturnsLowerCaseColumnsAndRowsAndSeesTheStudyVariable() {
        QueryResult r = run("SELECT t.number, t.objective_value AS \"Value\" FROM trials t JOIN studies s "
                + "ON s.study_id = t.study_id WHERE s.name = @study ORDER BY t.number");

        assertThat(r.columns()).containsExactly("number", "Value");
        assertThat(r.rows()).containsExactly(List.of(0, 10.0), List.of(1, 9.0), List.of(2, 8.0));
        assertThat(r.truncated()).isFalse();
    }

    @Test
    void rowsBeyondTheLimitAreLeftOutAndSaidSo() {
        QueryResult r = ReadOnlyQuery.run(url, Map.of(), "SELECT number FROM trials ORDER BY number", 2);

        assertThat(r.rows()).hasSize(2);
        assertThat(r.truncated()).isTrue();
    }

    @Test
    void writesAreRefusedBeforeTheyReachTheDatabase() {
        for (String sql : List.of("UPDATE trials SET objective_value = 0", "DELETE FROM trials", "DROP TABLE trials",
                "INSERT INTO studies (name, direction, created_at) VALUES ('x', 'MINIMIZE', CURRENT_TIMESTAMP)",
                "CREATE TABLE x (a INT)", "SET @x = 1", "  -- a comment\n truncate table trials")) {
            assertThatThrownBy(() -> run(sql)).as(sql).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("queries are read-only: one SELECT (or WITH ... SELECT) statement, but got a ");
        }
        assertThat(trials()).isEqualTo(3);
    }

    @Test
    void aSecondStatementIsRefusedEvenAfterASelect() {
        assertThatThrownBy(() -> run("SELECT 1; DELETE FROM trials"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("one statement is run at a time, but the query has 2 (separated by ';')");
        assertThat(trials()).isEqualTo(3);
    }

    @Test
    void semicolonsInStringsCommentsAndATrailingOneAreFine() {
        assertThat(ReadOnlyQuery.singleQuery("SELECT 'a;b' AS \"x;y\" /* ; */ -- ;\n;")).isEqualTo("SELECT 'a;b' AS \"x;y\" /* ; */ -- ;");
        assertThat(ReadOnlyQuery.singleQuery("  (SELECT 1) UNION (SELECT 2)")).isEqualTo("(SELECT 1) UNION (SELECT 2)");
        assertThat(ReadOnlyQuery.singleQuery("with x as (select 1) select * from x")).startsWith("with");
        assertThat(run("SELECT 'it''s; fine' AS s;").rows()).containsExactly(List.of("it's; fine"));
    }

    @Test
    void aDeleteHiddenInASelectIsRefusedByTheDatabaseUser() {
        assertThatThrownBy(() -> run("SELECT * FROM OLD TABLE (DELETE FROM trials)"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not enough rights");
        assertThat(trials()).isEqualTo(3);
    }

    @Test
    void adminFunctionsThatWriteFilesAreRefused() {
        Path target = dir.resolve("leak.csv");
        assertThatThrownBy(() -> run("SELECT CSVWRITE('" + target + "', 'SELECT * FROM trials')"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Admin rights are required");
        assertThat(Files.exists(target)).isFalse();
    }

    @Test
    void aSyntaxErrorIsOneLineNamingTheProblem() {
        assertThatThrownBy(() -> run("SELECT nonsense FROM nowhere"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Table \"NOWHERE\" not found");
        assertThatThrownBy(() -> run("SELECT FROM"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Syntax error in SQL statement")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void theReaderUrlKeepsConnectionSettingsAndDropsDatabaseSettings() {
        assertThat(ReadOnlyQuery.readerUrl("jdbc:h2:file:/x/db;AUTO_SERVER=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT=10000;USER=sa;PASSWORD=p"))
                .isEqualTo("jdbc:h2:file:/x/db;AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000");
    }
}
