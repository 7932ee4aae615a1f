-- hpo4j storage schema, version 20: the selection verdict of a study, in SQL as in the leaderboard
-- and the report. (Numbered 20 so that it does not collide with migrations written at the same
-- time on other branches; Migrations applies every listed script a database has not recorded.)
--
-- One row per study whose kept models were scored on its test data, written with the scores
-- (hpo run after its search, StudyModels.evaluateKeptOnTest) by
-- io.hpo4j.studies.analysis.SelectionOptimism: the trial the search chose, its validation score
-- against its kept network's test score, the gap (the selection optimism), its binomial standard
-- error, the mean gap over the kept trials, and the one-sentence verdict. The numbers are those of
-- model_scores; the verdict is the part SQL cannot compute by itself.
--
-- model_scores' validation_minus_test subtracted the test accuracy from the objective value even
-- when the objective is a loss; it now subtracts the test loss from a loss (by the trial's
-- objective_metric), so the column is what its name says for either kind of objective.

CREATE TABLE IF NOT EXISTS selection_verdicts (
    study_id         BIGINT NOT NULL,
    metric           VARCHAR(16) NOT NULL,
    chosen_trial     INTEGER NOT NULL,
    validation_value DOUBLE PRECISION NOT NULL,
    test_value       DOUBLE PRECISION NOT NULL,
    optimism         DOUBLE PRECISION NOT NULL,
    standard_error   DOUBLE PRECISION,
    mean_gap         DOUBLE PRECISION NOT NULL,
    kept_trials      INTEGER NOT NULL,
    candidates       INTEGER NOT NULL,
    verdict          VARCHAR(2000) NOT NULL,
    computed_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT selection_verdicts_pk PRIMARY KEY (study_id),
    CONSTRAINT selection_verdicts_study_fk FOREIGN KEY (study_id) REFERENCES studies (study_id) ON DELETE CASCADE,
    CONSTRAINT selection_verdicts_metric_check CHECK (metric IN ('accuracy', 'loss'))
);

COMMENT ON TABLE selection_verdicts IS 'How much picking the best trial on validation data inflated its score, measured on test data the search never saw.';
COMMENT ON COLUMN selection_verdicts.optimism IS 'Validation minus test accuracy of the chosen trial (test minus validation for a loss): positive means the validation score was optimistic.';
COMMENT ON COLUMN selection_verdicts.standard_error IS 'Binomial standard error of the optimism (accuracy only; NULL for a loss or unknown sample sizes). Optimism beyond twice it is more than noise.';
COMMENT ON COLUMN selection_verdicts.candidates IS 'Trials the validation data ranked: completed and pruned ones.';

CREATE OR REPLACE VIEW selection_optimism AS
SELECT s.name             AS study,
       v.metric           AS metric,
       v.chosen_trial     AS chosen_trial,
       v.validation_value AS validation_value,
       v.test_value       AS test_value,
       v.optimism         AS optimism,
       v.standard_error   AS standard_error,
       v.mean_gap         AS mean_gap,
       v.kept_trials      AS kept_trials,
       v.candidates       AS candidates,
       (SELECT e.accuracy FROM model_evaluations e JOIN trials t ON t.trial_id = e.trial_id
        WHERE t.study_id = v.study_id AND t.number = v.chosen_trial AND e.kind = 'RETRAINED' AND e.dataset = 'TEST')
                          AS retrained_test_accuracy,
       v.verdict          AS verdict,
       v.computed_at      AS computed_at,
       v.study_id         AS study_id
FROM selection_verdicts v
JOIN studies s ON s.study_id = v.study_id;

COMMENT ON VIEW selection_optimism IS 'The selection verdict of each study with test scores, and the chosen trial''s retrained test accuracy (hpo retrain).';

CREATE OR REPLACE VIEW model_scores AS
SELECT s.name            AS study,
       t.number          AS number,
       e.kind            AS model,
       t.objective_value AS validation_value,
       e.accuracy        AS test_accuracy,
       e.loss            AS test_loss,
       e.examples        AS test_examples,
       CASE WHEN t.objective_metric LIKE '%loss' THEN t.objective_value - e.loss
            ELSE t.objective_value - e.accuracy END AS validation_minus_test,
       RANK() OVER (PARTITION BY t.study_id, e.kind
                    ORDER BY CASE WHEN s.direction = 'MAXIMIZE' THEN -t.objective_value ELSE t.objective_value END) AS selection_rank,
       e.evaluated_at    AS evaluated_at,
       t.trial_id        AS trial_id,
       t.study_id        AS study_id
FROM model_evaluations e
JOIN trials t ON t.trial_id = e.trial_id
JOIN studies s ON s.study_id = t.study_id;

COMMENT ON VIEW model_scores IS 'Selection score (the trial''s validation value) next to the test score of its kept or retrained model; selection_rank 1 is the trial the search chose, and its validation_minus_test (accuracy minus accuracy, or loss minus loss) is the selection optimism (its negative for a loss).';
