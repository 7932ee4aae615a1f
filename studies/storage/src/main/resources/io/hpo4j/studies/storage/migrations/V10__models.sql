-- hpo4j storage schema, version 10: kept networks and their evaluations on held-out data.
-- (Numbered 10, not 3, so that it does not collide with migrations written at the same time on
-- other branches; Migrations applies every listed script a database has not recorded.)
--
-- The model files live in the study's database, next to the trials they come from, so that every
-- worker that can write trials can write and read models, on any machine, with no shared
-- directory to configure, and deleting a study deletes its models. Each row holds one model file
-- (io.hpo4j.trainers.model.ModelFile: a DL4J ModelSerializer zip with the feature scaling and an
-- hpo4j-model.json entry). Only the best K completed trials of a study keep a BEST_EPOCH model
-- (K = keep_models in the study file), so the table stays small: io.hpo4j.studies.storage.ModelStore
-- inserts and trims in one transaction that locks the study's row.
--
-- BYTEA is PostgreSQL's binary type and an alias of VARBINARY in H2 (up to 1 GB per value).

CREATE TABLE IF NOT EXISTS trial_models (
    trial_id        BIGINT NOT NULL,
    kind            VARCHAR(16) NOT NULL,
    objective_value DOUBLE PRECISION NOT NULL,
    epochs          INTEGER NOT NULL,
    seed            BIGINT NOT NULL,
    size_bytes      BIGINT NOT NULL,
    sha256          VARCHAR(64) NOT NULL,
    model_bytes     BYTEA NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT trial_models_pk PRIMARY KEY (trial_id, kind),
    CONSTRAINT trial_models_trial_fk FOREIGN KEY (trial_id) REFERENCES trials (trial_id) ON DELETE CASCADE,
    CONSTRAINT trial_models_kind_check CHECK (kind IN ('BEST_EPOCH', 'RETRAINED'))
);

COMMENT ON TABLE trial_models IS 'Kept networks: the best epoch''s weights of the study''s top K completed trials (BEST_EPOCH), and retrained ones (RETRAINED).';
COMMENT ON COLUMN trial_models.kind IS 'BEST_EPOCH: the trial''s network at its best epoch; RETRAINED: its configuration retrained on training + validation data.';
COMMENT ON COLUMN trial_models.objective_value IS 'The trial''s objective value when the model was kept (what ranks BEST_EPOCH models).';
COMMENT ON COLUMN trial_models.epochs IS 'BEST_EPOCH: the epoch whose weights these are; RETRAINED: the epochs it was retrained for.';
COMMENT ON COLUMN trial_models.seed IS 'The seed of the weights, dropout and shuffles.';
COMMENT ON COLUMN trial_models.model_bytes IS 'The model file (a DL4J ModelSerializer zip); hpo model export writes it out.';

CREATE TABLE IF NOT EXISTS model_evaluations (
    trial_id         BIGINT NOT NULL,
    kind             VARCHAR(16) NOT NULL,
    dataset          VARCHAR(16) NOT NULL,
    data_description VARCHAR(10000) NOT NULL,
    examples         INTEGER NOT NULL,
    accuracy         DOUBLE PRECISION,
    loss             DOUBLE PRECISION,
    details_json     VARCHAR(1000000) NOT NULL,
    evaluated_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT model_evaluations_pk PRIMARY KEY (trial_id, kind, dataset),
    CONSTRAINT model_evaluations_trial_fk FOREIGN KEY (trial_id) REFERENCES trials (trial_id) ON DELETE CASCADE,
    CONSTRAINT model_evaluations_kind_check CHECK (kind IN ('BEST_EPOCH', 'RETRAINED')),
    CONSTRAINT model_evaluations_dataset_check CHECK (dataset IN ('TEST'))
);

COMMENT ON TABLE model_evaluations IS 'Scores of kept models on the study''s test data, which no sampler, pruner or early stopping ever saw.';
COMMENT ON COLUMN model_evaluations.details_json IS 'Per-class precision, recall, F1 and support, and the confusion matrix, as JSON.';

CREATE OR REPLACE VIEW model_scores AS
SELECT s.name            AS study,
       t.number          AS number,
       e.kind            AS model,
       t.objective_value AS validation_value,
       e.accuracy        AS test_accuracy,
       e.loss            AS test_loss,
       e.examples        AS test_examples,
       t.objective_value - e.accuracy AS validation_minus_test,
       RANK() OVER (PARTITION BY t.study_id, e.kind
                    ORDER BY CASE WHEN s.direction = 'MAXIMIZE' THEN -t.objective_value ELSE t.objective_value END) AS selection_rank,
       e.evaluated_at    AS evaluated_at,
       t.trial_id        AS trial_id,
       t.study_id        AS study_id
FROM model_evaluations e
JOIN trials t ON t.trial_id = e.trial_id
JOIN studies s ON s.study_id = t.study_id;

COMMENT ON VIEW model_scores IS 'Selection score (the trial''s validation value) next to the test score of its kept or retrained model; selection_rank 1 is the trial the search chose, and its validation_minus_test (for an accuracy objective) is the selection optimism.';

CREATE OR REPLACE VIEW kept_models AS
SELECT s.name            AS study,
       t.number          AS number,
       m.kind            AS model,
       m.objective_value AS objective_value,
       m.epochs          AS epochs,
       m.seed            AS seed,
       m.size_bytes      AS size_bytes,
       m.sha256          AS sha256,
       m.created_at      AS created_at
FROM trial_models m
JOIN trials t ON t.trial_id = m.trial_id
JOIN studies s ON s.study_id = t.study_id;

COMMENT ON VIEW kept_models IS 'The kept networks of each study, without their bytes.';
