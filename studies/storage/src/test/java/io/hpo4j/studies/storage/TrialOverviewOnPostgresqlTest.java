package io.hpo4j.studies.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The trial_overview contract on PostgreSQL, each test in a schema of its own. */
class TrialOverviewOnPostgresqlTest extends TrialOverviewContractTest {

    private TestDatabases.Postgres pg;
    private String url;

    @Override
    protected JdbcStorage newStorage() {
        pg = TestDatabases.postgres();
        url = pg.newSchemaUrl();
        return JdbcStorage.builder(url).credentials(pg.credentials()).build();
    }

    @Override
    protected Connection connect(JdbcStorage storage) throws SQLException {
        return DriverManager.getConnection(url, pg.credentials().user(), pg.credentials().password());
    }
}
