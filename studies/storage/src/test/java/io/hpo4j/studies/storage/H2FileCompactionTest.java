package io.hpo4j.studies.storage;

import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.TrialState;
import io.hpo4j.tuner.storage.StudyRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The last storage to close an H2 file leaves it compact; one that is not the last leaves it to the others. */
class H2FileCompactionTest {

    @TempDir
    Path dir;

    private String url() {
        return "jdbc:h2:file:" + dir.resolve("studies").toAbsolutePath();
    }

    private Path file() {
        return dir.resolve("studies.mv.db");
    }

    /** Many small commits, as a study of quick trials makes them. */
    private static void writeTrials(JdbcStorage storage, String study, int trials) {
        StudyRecord record = storage.createStudy(study, Direction.MINIMIZE);
        for (int i = 0; i < trials; i++) {
            long id = storage.createTrial(record.id()).id();
            storage.setTrialUserAttr(id, "note", "trial " + i);
            storage.setIntermediateValue(id, 1, i);
            storage.finishTrial(id, TrialState.COMPLETE, (double) i, null);
        }
    }

    @Test
    void closingTheOnlyStorageOfAFileRewritesItCompactly() throws Exception {
        long open;
        try (JdbcStorage storage = JdbcStorage.open(url())) {
            writeTrials(storage, "quick", 300);
            open = Files.size(file());
        }
        long closed = Files.size(file());
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url(), "sa", "");
             java.sql.Statement s = c.createStatement()) {
            s.execute("SHUTDOWN COMPACT");
        }
        long full = Files.size(file());
        // H2's own compaction on close left about 5x the fully compacted size here
        assertThat(closed).as("bytes after close (%d while open), against %d fully compacted", open, full)
                .isLessThanOrEqualTo(full * 3 / 2 + 16 * 1024);
        try (JdbcStorage again = JdbcStorage.open(url())) {
            long study = again.findStudy("quick").orElseThrow().id();
            assertThat(again.trials(study, EnumSet.of(TrialState.COMPLETE))).hasSize(300);
            assertThat(again.trial(study, 299).orElseThrow().userAttrs()).isEqualTo(Map.of("note", "trial 299"));
        }
    }

    @Test
    void aStorageThatIsNotTheLastToCloseLeavesTheFileOpenForTheOthers() {
        try (JdbcStorage staying = JdbcStorage.open(url())) {
            try (JdbcStorage leaving = JdbcStorage.open(url())) {
                writeTrials(leaving, "first", 200);
            }
            writeTrials(staying, "second", 3);
            assertThat(staying.studies()).extracting(s -> s.study().name()).containsExactlyInAnyOrder("first", "second");
        }
    }

    @Test
    void aFileIsCompactedOnlyWhenItsChunksAreSparseAndNobodyElseHasItOpen() {
        try (JdbcStorage storage = JdbcStorage.open(url())) {
            writeTrials(storage, "quick", 300);
            assertThat(aloneAndSparseSeenFromANewPool()).as("another storage has the file open").isFalse();
        }
        assertThat(aloneAndSparseSeenFromANewPool()).as("the file was compacted when the storage closed").isFalse();
    }

    /** What {@link H2FileCompaction#aloneAndSparse} says from a pool opened on the file for the question alone. */
    private boolean aloneAndSparseSeenFromANewPool() {
        com.zaxxer.hikari.HikariDataSource dataSource = (com.zaxxer.hikari.HikariDataSource) pool().dataSource();
        try {
            return H2FileCompaction.aloneAndSparse(dataSource);
        } finally {
            dataSource.close();
        }
    }

    private ConnectionPools.Pool pool() {
        return ConnectionPools.open(H2Urls.withDefaults(url()), StorageUrls.Kind.H2_FILE, new Credentials("sa", ""), 2);
    }
}
