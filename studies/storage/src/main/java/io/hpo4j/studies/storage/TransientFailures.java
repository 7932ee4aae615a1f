package io.hpo4j.studies.storage;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Which database errors are worth retrying on a fresh connection: the connection broke, the
 * server is shutting down or starting, the H2 file is changing hands, a deadlock or lock timeout.
 * Errors in the SQL or the data (a constraint violated, a bad value) and a refused login are not.
 * Stateless.
 */
final class TransientFailures {

    /** PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now, too_many_connections, serialization, deadlock. */
    private static final Set<String> POSTGRESQL_STATES = Set.of("57P01", "57P02", "57P03", "53300", "40001", "40P01");

    /**
     * H2 error codes (also its SQLSTATEs): 90067 connection broken, 90098 database is already
     * closed, 90121 database called at shutdown, 90020 database already open (the file lock is
     * being handed over), 50200 lock timeout, 40001 deadlock, 90135 database opened exclusively.
     */
    private static final Set<Integer> H2_CODES = Set.of(90067, 90098, 90121, 90020, 50200, 40001, 90135);

    /**
     * SQLSTATEs of a login that failed: a wrong user or password (28000, 28P01), or no password
     * where the server needs one (08004, "connection rejected", as pgjdbc reports it). Retrying
     * cannot help, although 08004 is in the connection-exception class.
     */
    private static final Set<String> LOGIN_STATES = Set.of("28000", "28P01", "08004");

    private TransientFailures() {
    }

    /** Whether {@code e} (or what it wraps) says the database refused the user or password. */
    static boolean isLoginFailure(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && s.getSQLState() != null && LOGIN_STATES.contains(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * The error that explains {@code e}: the pool's "connection is not available" carries the
     * driver's last connection error as its cause, and that is the one to classify and show.
     */
    static SQLException underlying(SQLException e) {
        if (e instanceof java.sql.SQLTransientConnectionException && e.getCause() instanceof SQLException cause) {
            return cause;
        }
        return e;
    }

    /**
     * H2's "general error" (50000) when the database closed under a running transaction, as when
     * the process that served an H2 file to the others exits: "Transaction 1 is closed",
     * "Database is already closed", "This store is closed".
     */
    private static boolean closedUnderneath(SQLException e) {
        String m = e.getMessage();
        return e.getErrorCode() == 50000 && m != null && m.contains("MVStoreException") && m.contains("closed");
    }

    static boolean isTransient(SQLException e, StorageUrls.Kind kind) {
        if (kind == StorageUrls.Kind.H2_MEMORY) {
            return false; // nothing to reconnect to: the database lives in this JVM
        }
        SQLException cause = underlying(e);
        if (cause != e) {
            return isTransient(cause, kind);
        }
        if (isLoginFailure(e)) {
            return false;
        }
        if (e instanceof java.sql.SQLTransientConnectionException) {
            return true; // the pool had no free connection in time, without a driver error
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLRecoverableException || t instanceof SQLTransientException) {
                return true;
            }
            if (t instanceof SQLException s) {
                String state = s.getSQLState();
                if (state != null && (state.startsWith("08") || POSTGRESQL_STATES.contains(state))) {
                    return true;
                }
                if (kind != StorageUrls.Kind.POSTGRESQL && (H2_CODES.contains(s.getErrorCode()) || closedUnderneath(s))) {
                    return true;
                }
                SQLException next = s.getNextException();
                if (next != null && next != t && isTransient(next, kind)) {
                    return true;
                }
            }
            if (t instanceof java.net.ConnectException || t instanceof java.net.SocketException
                    || t instanceof java.io.EOFException) {
                return true;
            }
        }
        return false;
    }
}
