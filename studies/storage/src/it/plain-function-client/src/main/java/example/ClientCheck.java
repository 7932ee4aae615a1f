package example;

import io.hpo4j.studies.query.Leaderboard;
import io.hpo4j.studies.query.LeaderboardRow;
import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.OptimizeOptions;
import io.hpo4j.tuner.Study;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Tunes a function with H2 storage, reads its leaderboard, then checks its own classpath. */
public final class ClientCheck {

    public static void main(String[] args) throws IOException {
        Path dir = Files.createTempDirectory(Path.of(args[0]), "client-study");
        long budget = Long.parseLong(args[1]);

        try (JdbcStorage storage = JdbcStorage.open("jdbc:h2:file:" + dir.resolve("client-study").toAbsolutePath())) {
            Study study = Study.builder("client").direction(Direction.MINIMIZE).storage(storage).seed(1).build();
            study.optimize(trial -> {
                double x = trial.suggestFloat("x", -5, 5);
                return (x - 1) * (x - 1);
            }, OptimizeOptions.trials(10));
            List<LeaderboardRow> rows = new Leaderboard(storage, Clock.systemUTC()).rows("client", 3);
            if (rows.size() != 3) {
                fail("expected a leaderboard of 3 rows, got " + rows.size());
            }
            System.out.println("client: tuned 10 trials, best value " + study.bestValue());
        }

        List<String> banned = new ArrayList<>();
        long bytes = 0;
        int jars = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            File file = new File(entry);
            if (!file.isFile()) {
                continue;                                  // the project's own classes
            }
            jars++;
            bytes += file.length();
            String name = file.getName().toLowerCase(Locale.ROOT);
            if (name.matches("(deeplearning4j|nd4j|javacpp|openblas|junit|opentest4j|assertj|hamcrest|mockito).*")) {
                banned.add(file.getName());
            }
        }
        System.out.printf(Locale.ROOT, "client: %d jars, %.1f MB (budget %.1f MB)%n", jars, bytes / 1e6, budget / 1e6);
        if (!banned.isEmpty()) {
            fail("the client's classpath must not hold DL4J, natives or test libraries, but holds " + banned);
        }
        if (bytes > budget) {
            fail("the client's dependencies weigh " + bytes + " bytes, over the budget of " + budget);
        }
    }

    private static void fail(String message) {
        System.err.println("client check failed: " + message);
        System.exit(1);
    }
}
