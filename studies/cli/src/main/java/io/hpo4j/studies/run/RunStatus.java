package io.hpo4j.studies.run;

import java.time.Duration;
import java.util.List;

/**
 * A run's progress at one moment, as the status block shows it.
 *
 * @param running   this run's running trials, by number
 * @param done      trials this run finished
 * @param total     trials this run will start, or 0 if only a time-out bounds it
 * @param best      the study's best value (across resumes and other workers), or null
 * @param bestTrial the trial with that value, or null
 * @param metric    the short name of the objective metric, e.g. {@code val_acc}
 * @param elapsed   since the run started
 * @param eta       the time left at the measured throughput (trials finished per second of
 *                  this run), or null before the first trial finished
 * @param timeLeft  the time-out minus the elapsed time, or null without a time-out
 */
public record RunStatus(List<Running> running, int done, int total, Double best, Integer bestTrial, String metric,
                        Duration elapsed, Duration eta, Duration timeLeft) {

    public RunStatus {
        running = List.copyOf(running);
    }

    /**
     * A running trial.
     *
     * @param number  its number
     * @param epoch   epochs finished so far
     * @param planned epochs it will run (its {@code epochs} parameter), or null if unknown
     * @param value   its objective metric at its last epoch, or null
     * @param elapsed since it started
     */
    public record Running(int number, int epoch, Integer planned, Double value, Duration elapsed) {
    }
}
