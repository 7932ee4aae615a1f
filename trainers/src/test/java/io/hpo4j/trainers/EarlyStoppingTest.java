package io.hpo4j.trainers;

import io.hpo4j.tuner.EpochMetrics.Metric;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EarlyStoppingTest {

    /** Feeds {@code curve} until the rule says stop; returns the final state. */
    private static EarlyStopping.State run(EarlyStopping rule, Metric objective, double... curve) {
        EarlyStopping.State s = rule.begin(objective);
        for (double v : curve) {
            s = s.next(v);
            if (s.shouldStop()) {
                break;
            }
        }
        return s;
    }

    @Test
    void aLossStopsAfterPatienceEpochsWithoutImprovementByMoreThanMinDelta() {
        EarlyStopping rule = EarlyStopping.of(Metric.VALIDATION_LOSS, 3, 0.001);

        // 0.3995 is better than 0.40, but not by more than 0.001
        EarlyStopping.State s = run(rule, Metric.VALIDATION_ACCURACY, 0.50, 0.40, 0.3995, 0.41, 0.42, 0.10, 0.05);

        assertThat(s.shouldStop()).isTrue();
        assertThat(s.epochs()).isEqualTo(5);
        assertThat(s.bestEpoch()).isEqualTo(2);
        assertThat(s.bestValue()).isEqualTo(0.40);
        assertThat(s.reason()).isEqualTo("validation_loss did not improve by 0.001 for 3 epochs (best 0.4 at epoch 2)");
    }

    @Test
    void anImprovementResetsThePatience() {
        EarlyStopping rule = EarlyStopping.of(Metric.VALIDATION_LOSS, 2, 0.0);

        EarlyStopping.State s = run(rule, Metric.VALIDATION_LOSS, 1.0, 1.1, 0.9, 0.95, 0.8, 0.85, 0.86, 0.1);

        assertThat(s.epochs()).isEqualTo(7);
        assertThat(s.bestEpoch()).isEqualTo(5);
        assertThat(s.reason()).isEqualTo("validation_loss did not improve for 2 epochs (best 0.8 at epoch 5)");
    }

    @Test
    void anAccuracyMustRiseToImprove() {
        EarlyStopping rule = EarlyStopping.of(Metric.VALIDATION_ACCURACY, 2, 0.01);

        // 0.805 does not beat 0.80 by more than 0.01; a falling accuracy never improves
        EarlyStopping.State s = run(rule, Metric.VALIDATION_LOSS, 0.5, 0.7, 0.8, 0.805, 0.6, 0.99);

        assertThat(s.shouldStop()).isTrue();
        assertThat(s.epochs()).isEqualTo(5);
        assertThat(s.bestEpoch()).isEqualTo(3);
        assertThat(s.reason()).isEqualTo("validation_accuracy did not improve by 0.01 for 2 epochs (best 0.8 at epoch 3)");
    }

    @Test
    void aCurveThatKeepsImprovingNeverStops() {
        EarlyStopping.State s = run(EarlyStopping.of(Metric.TRAIN_LOSS, 1, 0.0), Metric.VALIDATION_LOSS, 5, 4, 3, 2, 1);

        assertThat(s.shouldStop()).isFalse();
        assertThat(s.reason()).isEmpty();
        assertThat(s.bestEpoch()).isEqualTo(5);
    }

    @Test
    void withoutAMonitorTheObjectiveMetricIsWatched() {
        EarlyStopping rule = EarlyStopping.onObjective(1, 0);

        EarlyStopping.State s = run(rule, Metric.VALIDATION_ACCURACY, 0.5, 0.4);

        assertThat(s.metric()).isEqualTo(Metric.VALIDATION_ACCURACY);
        assertThat(s.shouldStop()).isTrue();
        assertThat(s.epochs()).isEqualTo(2);
        assertThat(s.reason()).isEqualTo("validation_accuracy did not improve for 1 epoch (best 0.5 at epoch 1)");
    }

    @Test
    void disabledEarlyStoppingStillTracksTheBestButNeverStops() {
        EarlyStopping.State s = run(EarlyStopping.disabled(), Metric.VALIDATION_LOSS, 1, 2, 3, 4, 5, 6, 7);

        assertThat(s.shouldStop()).isFalse();
        assertThat(s.epochs()).isEqualTo(7);
        assertThat(s.bestEpoch()).isEqualTo(1);
    }

    @Test
    void nanNeverImprovesAndTheFirstNumberAlwaysDoes() {
        EarlyStopping rule = EarlyStopping.of(Metric.VALIDATION_LOSS, 2, 0.5);

        EarlyStopping.State s = rule.begin(Metric.VALIDATION_LOSS).next(Double.NaN);
        assertThat(s.bestEpoch()).isZero();
        s = s.next(100.0);
        assertThat(s.bestEpoch()).isEqualTo(2);
        s = s.next(Double.NaN).next(Double.NaN);
        assertThat(s.shouldStop()).isTrue();
        assertThat(s.bestEpoch()).isEqualTo(2);

        assertThat(run(rule, Metric.VALIDATION_LOSS, Double.NaN, Double.NaN).reason())
                .isEqualTo("validation_loss was not a number for 2 epochs");
    }

    @Test
    void statesAreImmutableValues() {
        EarlyStopping.State start = EarlyStopping.of(Metric.VALIDATION_LOSS, 1, 0).begin(Metric.VALIDATION_LOSS);

        EarlyStopping.State after = start.next(0.5);

        assertThat(start.epochs()).isZero();
        assertThat(after.epochs()).isEqualTo(1);
        assertThat(start.next(0.5)).isEqualTo(after);
    }

    @Test
    void badSettingsAreRejectedNamingTheValue() {
        assertThatThrownBy(() -> EarlyStopping.of(Metric.VALIDATION_LOSS, -1, 0)).hasMessageContaining("patience must be >= 0 (0 to disable), but got -1");
        assertThatThrownBy(() -> EarlyStopping.of(Metric.VALIDATION_LOSS, 2, -0.1)).hasMessageContaining("min_delta must be a finite number >= 0, but got -0.1");
    }
}
