package io.hpo4j.tuner;

import io.hpo4j.tuner.pruner.Pruner;
import io.hpo4j.tuner.sampler.Sampler;
import io.hpo4j.tuner.storage.Storage;

/**
 * What a {@link Trial} works with: its study's read-only view (name, declared space, trials), the
 * storage it writes to, the sampler for parameters outside the proposal, and the pruner. Internal:
 * the public API offers none of these through a trial or a study, so no caller reaches past the
 * façade into them.
 */
record TrialContext(StudyView view, Storage storage, Sampler sampler, Pruner pruner) {
}
