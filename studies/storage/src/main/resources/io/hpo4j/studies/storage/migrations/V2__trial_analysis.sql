-- hpo4j storage schema, version 2: what each finished trial's learning curve says about its fit
-- (io.hpo4j.studies.analysis.CurveAnalyzer), stored so that it can be queried with SQL, and a view
-- that puts it next to the trial and its study. Written by io.hpo4j.studies.storage.AnalysisStore
-- when a trial finishes under `hpo run`, and for any finished trial without one (or analyzed with
-- other thresholds) by `hpo leaderboard`, `report`, `export`, `curves` and `sql`.
--
-- Derived values that do not exist (accuracy not measured, no finite epoch) are NULL, not NaN, so
-- that AVG and friends skip them.

CREATE TABLE IF NOT EXISTS trial_analysis (
    trial_id            BIGINT NOT NULL,
    epochs              INTEGER NOT NULL,
    monitored_metric    VARCHAR(32) NOT NULL,
    best_epoch          INTEGER,
    gap_accuracy_best   DOUBLE PRECISION,
    gap_accuracy_last   DOUBLE PRECISION,
    gap_loss_best       DOUBLE PRECISION,
    gap_loss_last       DOUBLE PRECISION,
    overfit_onset_epoch INTEGER,
    verdict             VARCHAR(16) NOT NULL,
    reason              VARCHAR(10000) NOT NULL,
    thresholds_json     VARCHAR(10000) NOT NULL,
    analyzed_at         TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT trial_analysis_pk PRIMARY KEY (trial_id),
    CONSTRAINT trial_analysis_trial_fk FOREIGN KEY (trial_id) REFERENCES trials (trial_id) ON DELETE CASCADE,
    CONSTRAINT trial_analysis_verdict_check
        CHECK (verdict IN ('DIVERGED', 'INCONCLUSIVE', 'UNDERFIT', 'OVERFIT', 'GOOD_FIT'))
);

CREATE INDEX IF NOT EXISTS trial_analysis_verdict ON trial_analysis (verdict);

COMMENT ON TABLE trial_analysis IS 'What each finished trial''s learning curve says about its fit: best epoch, generalization gaps, overfitting onset, verdict.';
COMMENT ON COLUMN trial_analysis.epochs IS 'Epochs in the trial''s curve (rows in trial_epochs).';
COMMENT ON COLUMN trial_analysis.monitored_metric IS 'The metric that picks the best epoch: the trial''s objective (validation_accuracy, validation_loss, ...).';
COMMENT ON COLUMN trial_analysis.best_epoch IS 'The epoch with the best monitored value among finite epochs; NULL if none.';
COMMENT ON COLUMN trial_analysis.gap_accuracy_best IS 'Training minus validation accuracy at the best epoch; NULL if accuracy was not measured.';
COMMENT ON COLUMN trial_analysis.gap_accuracy_last IS 'Training minus validation accuracy at the last (finite) epoch; NULL if accuracy was not measured.';
COMMENT ON COLUMN trial_analysis.gap_loss_best IS 'Validation minus training loss at the best epoch.';
COMMENT ON COLUMN trial_analysis.gap_loss_last IS 'Validation minus training loss at the last (finite) epoch.';
COMMENT ON COLUMN trial_analysis.overfit_onset_epoch IS 'The epoch after which validation loss kept rising while training loss kept falling; NULL if none.';
COMMENT ON COLUMN trial_analysis.verdict IS 'DIVERGED, INCONCLUSIVE, UNDERFIT, OVERFIT or GOOD_FIT.';
COMMENT ON COLUMN trial_analysis.reason IS 'Why the verdict, with the numbers.';
COMMENT ON COLUMN trial_analysis.thresholds_json IS 'The thresholds (and rules_version) the verdict was made with.';

CREATE OR REPLACE VIEW trial_overview AS
SELECT s.name                AS study,
       t.number              AS number,
       t.state               AS state,
       t.objective_value     AS objective_value,
       a.epochs              AS epochs,
       a.monitored_metric    AS monitored_metric,
       a.best_epoch          AS best_epoch,
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

COMMENT ON VIEW trial_overview IS 'One row per trial: its study''s name, state, value and the analysis of its curve (NULL until analyzed).';
