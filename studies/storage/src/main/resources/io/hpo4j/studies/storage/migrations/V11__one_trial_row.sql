-- hpo4j storage schema, version 11: trial_overview becomes the trial row that `hpo leaderboard`,
-- `hpo export` and the report show, column for column: the same names, in the same order, with the
-- same meaning (io.hpo4j.studies.query.TrialColumn lists them; a test compares this view with the
-- Java row on H2 and PostgreSQL). Changes from version 3: `objective_value` and `epochs_run` as in
-- the export (epochs_run counts the reported steps until the trial is analyzed), `duration_seconds`
-- added, `stop_detail` (a second name of fail_reason) dropped, and a RUNNING trial's best_epoch is
-- its best so far (the best finite intermediate value in the study's direction, earliest on ties),
-- as the leaderboard shows it.
--
-- The view shows the analyses stored in trial_analysis (written by `hpo run`); until a finished
-- trial's analysis is stored, its analysis columns are NULL.

DROP VIEW IF EXISTS trial_overview;

CREATE VIEW trial_overview AS
SELECT s.name                AS study,
       t.number              AS number,
       t.state               AS state,
       t.objective_value     AS objective_value,
       CASE WHEN t.completed_at IS NOT NULL AND t.started_at IS NOT NULL
            THEN CAST(EXTRACT(EPOCH FROM (t.completed_at - t.started_at)) AS DOUBLE PRECISION) END
                             AS duration_seconds,
       t.started_at          AS started_at,
       t.completed_at        AS completed_at,
       COALESCE(a.epochs, (SELECT CAST(COUNT(*) AS INTEGER) FROM trial_values v WHERE v.trial_id = t.trial_id))
                             AS epochs_run,
       t.objective_metric    AS objective_metric,
       CASE WHEN t.best_epoch IS NULL AND t.state = 'RUNNING'
            THEN (SELECT v.step FROM trial_values v
                  WHERE v.trial_id = t.trial_id AND ABS(v.intermediate_value) <= 1.7976931348623157E308
                  ORDER BY CASE WHEN s.direction = 'MAXIMIZE' THEN -v.intermediate_value ELSE v.intermediate_value END,
                           v.step
                  FETCH FIRST 1 ROWS ONLY)
            ELSE t.best_epoch END AS best_epoch,
       t.stop_reason         AS stop_reason,
       t.stop_epoch          AS stop_epoch,
       t.trial_seed          AS trial_seed,
       a.gap_accuracy_best   AS gap_accuracy_best,
       a.gap_accuracy_last   AS gap_accuracy_last,
       a.gap_loss_best       AS gap_loss_best,
       a.gap_loss_last       AS gap_loss_last,
       a.overfit_onset_epoch AS overfit_onset_epoch,
       a.verdict             AS verdict,
       a.reason              AS verdict_reason,
       t.fail_reason         AS fail_reason,
       t.trial_id            AS trial_id,
       t.study_id            AS study_id
FROM trials t
JOIN studies s ON s.study_id = t.study_id
LEFT JOIN trial_analysis a ON a.trial_id = t.trial_id;

COMMENT ON VIEW trial_overview IS 'One row per trial, the row hpo leaderboard, hpo export and the report show: its study''s name, state, value, duration, what it recorded (metric, best epoch, stop reason, seed) and the stored analysis of its curve (NULL until analyzed).';
