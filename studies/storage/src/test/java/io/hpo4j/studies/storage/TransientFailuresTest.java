package io.hpo4j.studies.storage;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import static org.assertj.core.api.Assertions.assertThat;

/** Which database errors a storage retries: a broken connection yes, a refused login or bad SQL no. */
class TransientFailuresTest {

    /** What the connection pool throws when it could not get a connection: the driver's error as its cause. */
    private static SQLException fromThePool(SQLException driverError) {
        return new SQLTransientConnectionException("hpo4j-1 - Connection is not available, request timed out", null,
                driverError);
    }

    @Test
    void aBrokenConnectionOrAServerStartingUpIsRetried() {
        assertThat(TransientFailures.isTransient(new SQLException("Connection refused", "08001",
                new ConnectException("refused")), StorageUrls.Kind.POSTGRESQL)).isTrue();
        assertThat(TransientFailures.isTransient(fromThePool(new SQLException("the database system is starting up", "57P03")),
                StorageUrls.Kind.POSTGRESQL)).isTrue();
        assertThat(TransientFailures.isTransient(new SQLException("Connection is broken: \"session closed\"", "90067", 90067),
                StorageUrls.Kind.H2_SERVER)).isTrue();
    }

    @Test
    void aLoginWithoutAPasswordOrWithAWrongOneIsNotRetried() {
        SQLException noPassword = new SQLException(
                "The server requested SCRAM-based authentication, but no password was provided.", "08004");
        assertThat(TransientFailures.isTransient(noPassword, StorageUrls.Kind.POSTGRESQL)).isFalse();
        assertThat(TransientFailures.isTransient(fromThePool(noPassword), StorageUrls.Kind.POSTGRESQL)).isFalse();
        assertThat(TransientFailures.isTransient(fromThePool(new SQLException(
                "FATAL: password authentication failed for user \"hpo\"", "28P01")), StorageUrls.Kind.POSTGRESQL)).isFalse();
        assertThat(TransientFailures.isTransient(new SQLException("Wrong user name or password", "28000", 28000),
                StorageUrls.Kind.H2_SERVER)).isFalse();
        assertThat(TransientFailures.isLoginFailure(fromThePool(noPassword))).isTrue();
    }

    @Test
    void anErrorInTheSqlOrTheDataIsNotRetried() {
        assertThat(TransientFailures.isTransient(new SQLException("duplicate key value", "23505"), StorageUrls.Kind.POSTGRESQL))
                .isFalse();
        assertThat(TransientFailures.isTransient(new SQLException("Syntax error", "42000", 42000), StorageUrls.Kind.H2_FILE))
                .isFalse();
    }
}
