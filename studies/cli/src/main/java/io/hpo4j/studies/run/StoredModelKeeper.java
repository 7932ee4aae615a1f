package io.hpo4j.studies.run;

import io.hpo4j.studies.storage.ModelStore;
import io.hpo4j.trainers.ModelKeeper;
import io.hpo4j.trainers.model.ModelFile;
import io.hpo4j.trainers.model.TrainedModel;
import io.hpo4j.tuner.Trial;
import io.hpo4j.tuner.storage.Storage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Keeps the best-epoch networks of a study's best {@code k} completed trials in the study's
 * database ({@link ModelStore}): a trial's model is serialized only if it would enter the best
 * {@code k}, and storing it removes the ones it pushes out, atomically, so several workers on
 * several machines keep exactly {@code k} between them. Thread-safe.
 */
public final class StoredModelKeeper implements ModelKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(StoredModelKeeper.class);

    private final ModelStore store;
    private final Storage storage;
    private final String study;
    private final int k;

    /**
     * @param storage the study's storage (a JDBC one)
     * @param study   the study's name
     * @param k       how many models to keep; 0 keeps none
     */
    public StoredModelKeeper(Storage storage, String study, int k) {
        this.store = ModelStore.of(storage);
        this.storage = storage;
        this.study = study;
        this.k = k;
    }

    /** The keeper of {@code k} models, or {@link ModelKeeper#NONE} for 0. */
    public static ModelKeeper of(Storage storage, String study, int k) {
        return k == 0 ? ModelKeeper.NONE : new StoredModelKeeper(storage, study, k);
    }

    @Override
    public void offer(Trial trial, double value, Supplier<TrainedModel> model) {
        long studyId = storage.findStudy(study).orElseThrow(() -> new IllegalStateException("study '" + study + "' is gone")).id();
        if (!store.wouldKeep(studyId, value, k)) {
            return;
        }
        TrainedModel m = model.get().withMetadata(Map.of("study", study));
        byte[] bytes = ModelFile.toBytes(m);
        int epoch = ((Number) m.metadata().get("epoch")).intValue();
        List<Integer> removed = store.keepIfAmongBest(trial.id(), value, epoch, trial.seed(), bytes, k);
        LOG.debug("study {}: kept the model of trial {} ({} bytes); removed those of trials {}", study, trial.number(),
                bytes.length, removed);
    }
}
