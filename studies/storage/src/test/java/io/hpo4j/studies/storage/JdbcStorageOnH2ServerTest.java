package io.hpo4j.studies.storage;

import io.hpo4j.tuner.storage.Storage;
import io.hpo4j.tuner.storage.StorageContractTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

/** The storage contract on an H2 TCP server ({@link H2Server}, as {@code hpo server} runs it), one per test. */
class JdbcStorageOnH2ServerTest extends StorageContractTest {

    private static final String PASSWORD = "contract-secret";

    @TempDir
    Path dir;

    private H2Server server;

    @Override
    protected Storage newStorage(Clock clock) {
        server = H2Server.start(dir, "contract", 0, "127.0.0.1", PASSWORD);
        return JdbcStorage.builder(server.url()).credentials(new Credentials(H2Server.USER, PASSWORD)).clock(clock).build();
    }

    @AfterEach
    void stopServer() {
        storage.close();
        server.close();
    }
}
