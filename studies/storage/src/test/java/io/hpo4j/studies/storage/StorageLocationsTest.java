package io.hpo4j.studies.storage;

import io.hpo4j.tuner.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StorageLocationsTest {

    @TempDir
    Path home;

    @Test
    void theDefaultIsAnAutoServerH2FileUnderDotHpo4jInTheHomeDirectory() {
        String url = StorageLocations.defaultUrl(Map.of(), home);
        assertThat(url).isEqualTo("jdbc:h2:file:" + home.toAbsolutePath().resolve(".hpo4j/studies")
                + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT=10000;MAX_COMPACT_TIME=2000;QUERY_CACHE_SIZE=64");
    }

    @Test
    void theEnvironmentVariableOverridesTheDefault() {
        assertThat(StorageLocations.defaultUrl(Map.of("HPO4J_STORAGE", " jdbc:h2:mem:elsewhere "), home))
                .isEqualTo("jdbc:h2:mem:elsewhere");
        assertThat(StorageLocations.defaultUrl(Map.of("HPO4J_STORAGE", "  "), home))
                .startsWith("jdbc:h2:file:" + home.toAbsolutePath());
    }

    @Test
    void theDefaultUrlOpensWithH2AndCreatesTheDotHpo4jDirectory() {
        try (JdbcStorage storage = JdbcStorage.open(StorageLocations.defaultUrl(Map.of(), home))) {
            storage.createStudy("demo", Direction.MINIMIZE);
        }
        assertThat(home.resolve(".hpo4j/studies.mv.db")).isRegularFile();
    }
}
