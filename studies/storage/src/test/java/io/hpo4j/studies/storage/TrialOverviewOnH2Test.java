package io.hpo4j.studies.storage;

import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The trial_overview contract on an H2 file. */
class TrialOverviewOnH2Test extends TrialOverviewContractTest {

    @TempDir
    Path dir;

    @Override
    protected JdbcStorage newStorage() {
        return JdbcStorage.open("jdbc:h2:file:" + dir.resolve("db"));
    }

    @Override
    protected Connection connect(JdbcStorage storage) throws SQLException {
        return DriverManager.getConnection(storage.location(), "sa", "");
    }
}
