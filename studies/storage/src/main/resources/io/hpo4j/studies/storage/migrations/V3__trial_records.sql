-- hpo4j storage schema, version 3: what a trial recorded about itself, in typed columns of
-- `trials` instead of attributes guessed back (io.hpo4j.tuner.TrialRecord): the metric its value
-- measures and that metric's direction, the seed it ran with, its best epoch, why it stopped (and
-- at which epoch; the words stay in fail_reason), and the parameters it was enqueued with.
--
-- Rows written by earlier releases are moved into the new columns by
-- io.hpo4j.studies.storage.Migrations after this script (a step in Java, in the same
-- transaction): stop reasons from the state and the trainer's stopped_early/stop_reason user
-- attributes, the seed from the trial_seed system attribute (which was not the seed the objective
-- got), best epochs from trial_values, the metric from the V2 analysis, enqueued parameters from
-- the fixed_params system attribute, and the search space stored as a JSON object instead of a
-- JSON string holding JSON.

ALTER TABLE trials ADD COLUMN IF NOT EXISTS objective_metric VARCHAR(64);
ALTER TABLE trials ADD COLUMN IF NOT EXISTS objective_direction VARCHAR(16);
ALTER TABLE trials ADD COLUMN IF NOT EXISTS trial_seed BIGINT;
ALTER TABLE trials ADD COLUMN IF NOT EXISTS best_epoch INTEGER;
ALTER TABLE trials ADD COLUMN IF NOT EXISTS stop_reason VARCHAR(16);
ALTER TABLE trials ADD COLUMN IF NOT EXISTS stop_epoch INTEGER;
ALTER TABLE trials ADD COLUMN IF NOT EXISTS enqueued_params_json VARCHAR(1000000);

COMMENT ON COLUMN trials.objective_metric IS 'What objective_value and the intermediate values measure (validation_accuracy, ...); NULL if the objective did not say.';
COMMENT ON COLUMN trials.objective_direction IS 'MINIMIZE or MAXIMIZE: the direction in which objective_metric improves.';
COMMENT ON COLUMN trials.trial_seed IS 'The seed the objective ran with (Trial.seed()); NULL while WAITING, and for trials of releases before schema 3.';
COMMENT ON COLUMN trials.best_epoch IS 'The step with the best finite intermediate value in the objective direction, the earliest on ties; NULL if none.';
COMMENT ON COLUMN trials.stop_reason IS 'Why it stopped: completed, early_stopped, pruned, diverged, failed, interrupted or worker_lost; NULL until finished.';
COMMENT ON COLUMN trials.stop_epoch IS 'The epoch (step) at which it stopped, when the stop reason has one.';
COMMENT ON COLUMN trials.enqueued_params_json IS 'The parameters it was enqueued with (hpo enqueue, Study.enqueue), as a JSON object; NULL if a sampler proposed them.';
COMMENT ON COLUMN trials.fail_reason IS 'The detail of stop_reason: why it failed, was pruned, diverged or stopped early; NULL otherwise.';

-- The view changes its columns (monitored_metric gives way to objective_metric): replace it.
DROP VIEW IF EXISTS trial_overview;

CREATE VIEW trial_overview AS
SELECT s.name                AS study,
       t.number              AS number,
       t.state               AS state,
       t.objective_value     AS objective_value,
       t.objective_metric    AS objective_metric,
       t.best_epoch          AS best_epoch,
       t.stop_reason         AS stop_reason,
       t.stop_epoch          AS stop_epoch,
       t.fail_reason         AS stop_detail,
       t.trial_seed          AS trial_seed,
       a.epochs              AS epochs,
       a.gap_accuracy_best   AS gap_accuracy_best,
       a.gap_accuracy_last   AS gap_accuracy_last,
       a.gap_loss_best       AS gap_loss_best,
       a.gap_loss_last       AS gap_loss_last,
       a.overfit_onset_epoch AS overfit_onset_epoch,
       a.verdict             AS verdict,
       a.reason              AS verdict_reason,
       t.fail_reason         AS fail_reason,
       t.started_at          AS started_at,
       t.completed_at        AS completed_at,
       t.trial_id            AS trial_id,
       t.study_id            AS study_id
FROM trials t
JOIN studies s ON s.study_id = t.study_id
LEFT JOIN trial_analysis a ON a.trial_id = t.trial_id;

COMMENT ON VIEW trial_overview IS 'One row per trial: its study''s name, state, value, what it recorded (metric, best epoch, stop reason, seed) and the analysis of its curve (NULL until analyzed).';
