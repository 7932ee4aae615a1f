package io.hpo4j.studies.storage;

import io.hpo4j.tuner.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A database that stays away: bounded retries, then one clear {@link StorageUnavailableException}, password masked. */
class OutagesTest {

    private static int closedPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort(); // free, and nobody listens on it once the socket is closed
        }
    }

    @Test
    void aServerThatStaysDownEndsInOneLineAfterTheRetryWindow() throws Exception {
        String url = "jdbc:postgresql://127.0.0.1:" + closedPort() + "/hpo?password=hunter2";
        long start = System.nanoTime();
        assertThatThrownBy(() -> JdbcStorage.builder(url).credentials(new Credentials("hpo", null))
                .retry(new RetryPolicy(Duration.ofSeconds(2), Duration.ofMillis(50), Duration.ofMillis(200))).build())
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageStartingWith("could not open the storage at jdbc:postgresql://127.0.0.1:")
                .hasMessageContaining("password=***")
                .hasMessageContaining("did not answer for")
                .hasMessageNotContaining("hunter2")
                .hasMessageNotContaining("\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("bounded by the window (2 s) plus one connection attempt")
                .isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void afterOneCallWaitedOutTheWindowTheNextTriesOnceUntilTheServerAnswersAgain(@TempDir Path dir) {
        Credentials credentials = new Credentials(H2Server.USER, "outage");
        H2Server server = H2Server.start(dir, "studies", 0, "127.0.0.1", "outage");
        int port = server.port();
        try (JdbcStorage storage = JdbcStorage.builder(server.url()).credentials(credentials)
                .retry(new RetryPolicy(Duration.ofMillis(500), Duration.ofMillis(50), Duration.ofMillis(100))).build()) {
            storage.createStudy("s", Direction.MINIMIZE);
            server.close();

            assertThatThrownBy(() -> storage.findStudy("s")).isInstanceOf(StorageUnavailableException.class)
                    .hasMessageContaining("did not answer for").hasMessageContaining(" tries)");
            assertThatThrownBy(() -> storage.findStudy("s")).isInstanceOf(StorageUnavailableException.class)
                    .hasMessageContaining("still does not answer (a retry window of 500 ms ran out before)");

            server = H2Server.start(dir, "studies", port, "127.0.0.1", "outage");
            assertThat(storage.findStudy("s")).as("back: the storage answers again").isPresent();
        } finally {
            server.close();
        }
    }

    @Test
    void aHostNameThatDoesNotResolveIsNamedWithItsCause() {
        assertThatThrownBy(() -> JdbcStorage.builder("jdbc:postgresql://no-such-host.invalid:5432/hpo")
                .credentials(new Credentials("hpo", "x"))
                .retry(new RetryPolicy(Duration.ofMillis(200), Duration.ofMillis(50), Duration.ofMillis(100))).build())
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("UnknownHostException: no-such-host.invalid");
    }

    @Test
    void anH2ServerThatStaysDownIsUnavailableToo() throws Exception {
        String url = "jdbc:h2:tcp://127.0.0.1:" + closedPort() + "/studies";
        assertThatThrownBy(() -> JdbcStorage.builder(url).credentials(new Credentials("hpo", "x"))
                .retry(new RetryPolicy(Duration.ofSeconds(1), Duration.ofMillis(50), Duration.ofMillis(200))).build())
                .isInstanceOf(StorageUnavailableException.class)
                .hasMessageContaining("did not answer for");
    }
}
