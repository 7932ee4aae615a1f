package io.hpo4j.studies.storage;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class H2UrlsTest {

    @Test
    void embeddedFileUrlsGetAutoServerImmediateWritesAndALongerLockTimeout() {
        assertThat(H2Urls.withDefaults("jdbc:h2:file:/data/studies"))
                .isEqualTo("jdbc:h2:file:/data/studies;AUTO_SERVER=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT=10000;MAX_COMPACT_TIME=2000;QUERY_CACHE_SIZE=64");
        assertThat(H2Urls.withDefaults("jdbc:h2:~/hpo/studies;"))
                .isEqualTo("jdbc:h2:~/hpo/studies;AUTO_SERVER=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT=10000;MAX_COMPACT_TIME=2000;QUERY_CACHE_SIZE=64");
        assertThat(H2Urls.withDefaults("jdbc:h2:./studies"))
                .isEqualTo("jdbc:h2:./studies;AUTO_SERVER=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT=10000;MAX_COMPACT_TIME=2000;QUERY_CACHE_SIZE=64");
    }

    @Test
    void optionsTheUrlSetsAreKeptWhateverTheirCase() {
        assertThat(H2Urls.withDefaults("jdbc:h2:file:/data/studies;write_delay=500;Auto_Server=false"))
                .isEqualTo("jdbc:h2:file:/data/studies;write_delay=500;Auto_Server=false;LOCK_TIMEOUT=10000;MAX_COMPACT_TIME=2000;QUERY_CACHE_SIZE=64");
    }

    @Test
    void autoServerIsNotAddedWhereH2RefusesIt() {
        assertThat(H2Urls.withDefaults("jdbc:h2:file:/data/studies;DB_CLOSE_ON_EXIT=FALSE"))
                .isEqualTo("jdbc:h2:file:/data/studies;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0;LOCK_TIMEOUT=10000;MAX_COMPACT_TIME=2000;QUERY_CACHE_SIZE=64");
        assertThat(H2Urls.withDefaults("jdbc:h2:file:/data/studies;FILE_LOCK=NO"))
                .doesNotContain("AUTO_SERVER");
    }

    @Test
    void inMemoryAndServerUrlsAreLeftAlone() {
        assertThat(H2Urls.withDefaults("jdbc:h2:mem:test")).isEqualTo("jdbc:h2:mem:test");
        assertThat(H2Urls.withDefaults("jdbc:h2:tcp://localhost/~/studies")).isEqualTo("jdbc:h2:tcp://localhost/~/studies");
        assertThat(H2Urls.withDefaults("jdbc:postgresql://localhost/hpo")).isEqualTo("jdbc:postgresql://localhost/hpo");
    }

    @Test
    void aUrlIsShownWithoutTheDefaultOptionsButWithWhatItChangedAndNoPassword() {
        assertThat(StorageUrls.shown(H2Urls.withDefaults("jdbc:h2:file:/data/studies"))).isEqualTo("jdbc:h2:file:/data/studies");
        assertThat(StorageUrls.shown(H2Urls.withDefaults("jdbc:h2:file:/data/studies;write_delay=500;PASSWORD=secret")))
                .isEqualTo("jdbc:h2:file:/data/studies;write_delay=500;PASSWORD=***");
        assertThat(StorageUrls.shown("jdbc:h2:tcp://localhost:9092/studies;AUTO_SERVER=TRUE"))
                .isEqualTo("jdbc:h2:tcp://localhost:9092/studies");
        assertThat(StorageUrls.shown("jdbc:postgresql://hpo:secret@db/hpo")).isEqualTo("jdbc:postgresql://hpo:***@db/hpo");
    }

    @Test
    void databaseFileIsThePathOfAnEmbeddedFileWithTheHomeDirectoryExpanded() {
        assertThat(H2Urls.databaseFile("jdbc:h2:file:/data/studies;AUTO_SERVER=TRUE")).contains(Path.of("/data/studies"));
        assertThat(H2Urls.databaseFile("JDBC:H2:/data/studies")).contains(Path.of("/data/studies"));
        assertThat(H2Urls.databaseFile("jdbc:h2:~/hpo/studies"))
                .contains(Path.of(System.getProperty("user.home"), "hpo", "studies"));
        assertThat(H2Urls.databaseFile("jdbc:h2:mem:test")).isEmpty();
        assertThat(H2Urls.databaseFile("jdbc:h2:tcp://localhost/~/studies")).isEmpty();
        assertThat(H2Urls.databaseFile("jdbc:h2:nio:/data/studies")).isEmpty();
    }

    @Test
    void credentialsAreTakenOutOfTheUrlAndThePasswordIsMaskedInMessages() {
        String url = "jdbc:h2:file:/data/studies;USER=hpo;PASSWORD=secret;AUTO_SERVER=TRUE";
        assertThat(H2Urls.user(url)).isEqualTo("hpo");
        assertThat(H2Urls.password(url)).isEqualTo("secret");
        assertThat(H2Urls.withoutCredentials(url)).isEqualTo("jdbc:h2:file:/data/studies;AUTO_SERVER=TRUE");
        assertThat(H2Urls.redacted(url)).isEqualTo("jdbc:h2:file:/data/studies;USER=hpo;PASSWORD=***;AUTO_SERVER=TRUE");
        assertThat(H2Urls.user("jdbc:h2:mem:x")).isEqualTo("sa");
        assertThat(H2Urls.password("jdbc:h2:mem:x")).isEmpty();
    }
}
