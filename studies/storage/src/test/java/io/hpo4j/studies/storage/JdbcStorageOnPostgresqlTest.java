package io.hpo4j.studies.storage;

import io.hpo4j.tuner.storage.Storage;
import io.hpo4j.tuner.storage.StorageContractTest;

import java.time.Clock;

/** The storage contract on PostgreSQL, each test in a schema of its own. */
class JdbcStorageOnPostgresqlTest extends StorageContractTest {

    @Override
    protected Storage newStorage(Clock clock) {
        TestDatabases.Postgres pg = TestDatabases.postgres();
        return JdbcStorage.builder(pg.newSchemaUrl()).credentials(pg.credentials()).clock(clock).build();
    }
}
