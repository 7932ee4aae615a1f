package io.hpo4j.tuner.storage;

import java.time.Clock;

class InMemoryStorageTest extends StorageContractTest {

    @Override
    protected Storage newStorage(Clock clock) {
        return new InMemoryStorage(clock);
    }
}
