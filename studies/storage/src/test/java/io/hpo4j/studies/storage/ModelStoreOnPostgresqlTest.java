package io.hpo4j.studies.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The kept-model store on PostgreSQL, the database of workers on several machines: top K under
 * concurrent keepers, failed trials' models, the selection verdict in SQL; each test in a schema
 * of its own.
 */
class ModelStoreOnPostgresqlTest extends ModelStoreTest {

    private TestDatabases.Postgres pg;

    @Override
    protected String newDatabase() {
        pg = TestDatabases.postgres();
        return pg.newSchemaUrl();
    }

    @Override
    protected JdbcStorage open(String url) {
        return JdbcStorage.builder(url).credentials(pg.credentials()).build();
    }

    @Override
    protected Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, pg.credentials().user(), pg.credentials().password());
    }
}
