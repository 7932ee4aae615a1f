package io.hpo4j.examples;

// README-BEGIN
import io.hpo4j.studies.query.Leaderboard;
import io.hpo4j.studies.query.LeaderboardRow;
import io.hpo4j.studies.query.LeaderboardTable;
import io.hpo4j.studies.storage.JdbcStorage;
import io.hpo4j.tuner.Direction;
import io.hpo4j.tuner.IfExists;
import io.hpo4j.tuner.OptimizeOptions;
import io.hpo4j.tuner.Study;

import java.util.List;

/** Keeps a study of a plain function in an H2 file, resumes it on the next run, and reads its leaderboard. */
public final class KeepAStudyInH2 {

    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : "jdbc:h2:file:./hpo-studies/functions";
        try (JdbcStorage storage = JdbcStorage.open(url)) {
            Study study = Study.builder("branin")
                    .storage(storage)
                    .direction(Direction.MINIMIZE)
                    .ifExists(IfExists.RESUME)                 // run again: 20 more trials in the same study
                    .build();
            study.optimize(trial -> {
                double x = trial.suggestFloat("x", -5, 10);
                double y = trial.suggestFloat("y", 0, 15);
                if (x > 9.9) {
                    throw new ArithmeticException("x = " + x + " is outside the model's range");
                }
                return branin(x, y);
            }, OptimizeOptions.trials(20).withCatch(ArithmeticException.class));   // FAIL and go on

            List<LeaderboardRow> top = new Leaderboard(storage).rows("branin", 5);
            System.out.print(LeaderboardTable.format(top));
            System.out.println(study.trials().size() + " trials stored in " + url);
        }
    }

    /** The Branin function: minimum 0.397887 at (-pi, 12.275), (pi, 2.275) and (9.42478, 2.475). */
    static double branin(double x, double y) {
        double b = 5.1 / (4 * Math.PI * Math.PI);
        double c = 5 / Math.PI;
        double t = 1 / (8 * Math.PI);
        return Math.pow(y - b * x * x + c * x - 6, 2) + 10 * (1 - t) * Math.cos(x) + 10;
    }
}
// README-END
