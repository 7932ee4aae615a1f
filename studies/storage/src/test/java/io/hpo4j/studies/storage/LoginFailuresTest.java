package io.hpo4j.studies.storage;

import io.hpo4j.tuner.storage.StorageException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A database that refuses the login (no password, a wrong one) is not an outage: the storage fails
 * without retrying, in one line that says where a password comes from, and never shows it. The retry window
 * here is short, so a refused login taken for an outage would end as {@link StorageUnavailableException}.
 * (H2's "wrong user name or password" is classified in {@link TransientFailuresTest}: a real H2
 * server delays its answer to a wrong password, which costs a test many seconds.)
 */
class LoginFailuresTest {

    private static final RetryPolicy SHORT = new RetryPolicy(Duration.ofSeconds(5), Duration.ofMillis(50), Duration.ofMillis(200));

    private static void assertRefusedWithoutRetrying(JdbcStorage.Builder builder, String hidden) {
        assertThatThrownBy(builder.retry(SHORT)::build)
                .isInstanceOf(StorageException.class)
                .isNotInstanceOf(StorageUnavailableException.class)
                .hasMessageStartingWith("could not open the storage at ")
                .hasMessageContaining("the password from --password-file, $HPO_DB_PASSWORD_FILE or $HPO_DB_PASSWORD")
                .hasMessageNotContaining(hidden == null ? "\n" : hidden)
                .hasMessageNotContaining("\n");
    }

    @Test
    void aPostgresqlLoginWithoutAPasswordOrWithAWrongOneFailsWithoutRetrying() {
        TestDatabases.Postgres pg = TestDatabases.postgres();
        String url = pg.newSchemaUrl();
        assertRefusedWithoutRetrying(JdbcStorage.builder(url).credentials(new Credentials(pg.credentials().user(), null)), null);
        assertRefusedWithoutRetrying(JdbcStorage.builder(url).credentials(new Credentials(pg.credentials().user(), "wrong-password")),
                "wrong-password");
    }
}
