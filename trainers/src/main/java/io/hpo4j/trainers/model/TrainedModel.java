package io.hpo4j.trainers.model;

import io.hpo4j.trainers.data.FittedScaling;
import io.hpo4j.trainers.data.LabeledDataset;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A trained classifier ready for new data: the DL4J network, the feature scaling fitted on the
 * data it was trained on (applied here, so callers pass <em>raw</em> features), its class names,
 * and metadata saying where it came from (study, trial, kind, parameters, epochs, seed, value).
 *
 * <pre>{@code
 * TrainedModel model = ModelFile.read(Path.of("best.zip"));
 * ModelEvaluation e = model.evaluate(testData);        // raw test rows, labelled
 * int[] classes = model.predict(rawRows);              // rows of model.numFeatures() values
 * }</pre>
 *
 * <p>Not thread-safe (a DL4J network is not); close it to free the network's native memory.
 */
public final class TrainedModel implements AutoCloseable {

    /** Rows per inference batch. */
    static final int BATCH = 1000;
    /** DL4J's {@code LossMCXENT} clips softmax outputs to [1e-10, 1 - 1e-10]; the loss here does the same. */
    static final double SOFTMAX_CLIP = 1e-10;

    private final MultiLayerNetwork network;
    private final FittedScaling scaling;
    private final List<String> classNames;
    private final Map<String, Object> metadata;

    /**
     * @param network    a trained network with {@code scaling.numFeatures()} inputs and {@code classNames.size()} outputs;
     *                   the model owns it from now on
     * @param scaling    the scaling its training data had
     * @param classNames class names by output index
     * @param metadata   JSON-compatible facts about the model (kept in its file)
     * @throws IllegalArgumentException if the shapes disagree
     */
    public TrainedModel(MultiLayerNetwork network, FittedScaling scaling, List<String> classNames, Map<String, Object> metadata) {
        if (network == null || scaling == null || classNames == null) {
            throw new IllegalArgumentException("a trained model needs a network, a scaling and class names");
        }
        long inputs = network.layerInputSize(0);
        long outputs = network.layerSize(network.getnLayers() - 1);
        if (inputs != scaling.numFeatures() || outputs != classNames.size()) {
            throw new IllegalArgumentException("the network takes " + inputs + " features and gives " + outputs
                    + " classes, but the scaling has " + scaling.numFeatures() + " features and there are "
                    + classNames.size() + " class names");
        }
        this.network = network;
        this.scaling = scaling;
        this.classNames = List.copyOf(classNames);
        this.metadata = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** The network; it expects <em>scaled</em> features (see {@link #scaling()}). */
    public MultiLayerNetwork network() {
        return network;
    }

    public FittedScaling scaling() {
        return scaling;
    }

    public int numFeatures() {
        return scaling.numFeatures();
    }

    public List<String> classNames() {
        return classNames;
    }

    /** Where the model came from (study, trial, kind, params, epochs, seed, value...); unmodifiable. */
    public Map<String, Object> metadata() {
        return metadata;
    }

    /** A model with more metadata. */
    public TrainedModel withMetadata(Map<String, Object> more) {
        Map<String, Object> all = new LinkedHashMap<>(metadata);
        all.putAll(more);
        return new TrainedModel(network, scaling, classNames, all);
    }

    /**
     * Class probabilities of raw rows, one row per example.
     *
     * @param rawRows {@code n * numFeatures()} raw feature values, row after row
     * @throws IllegalArgumentException if that is not a whole number of rows of this model's features
     */
    public float[][] probabilities(float[] rawRows) {
        int d = numFeatures();
        if (rawRows.length % d != 0) {
            throw new IllegalArgumentException(rawRows.length + " values are not whole rows: the model takes " + d + " features per row");
        }
        int n = rawRows.length / d;
        float[][] out = new float[n][];
        for (int from = 0; from < n; from += BATCH) {
            int to = Math.min(n, from + BATCH);
            float[] batch = Arrays.copyOfRange(rawRows, from * d, to * d);
            scaling.applyInPlace(batch);
            try (INDArray x = Nd4j.create(batch, new long[] {to - from, d}, DataType.FLOAT);
                 INDArray y = network.output(x, false)) {
                float[][] p = y.toFloatMatrix();
                System.arraycopy(p, 0, out, from, p.length);
            }
        }
        return out;
    }

    /** The most probable class index of each raw row. */
    public int[] predict(float[] rawRows) {
        float[][] p = probabilities(rawRows);
        int[] classes = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            classes[i] = argmax(p[i]);
        }
        return classes;
    }

    /**
     * Accuracy, loss, confusion matrix and per-class scores on raw labelled data.
     *
     * @throws IllegalArgumentException if the data have another number of features, or a class the model does not know
     */
    public ModelEvaluation evaluate(LabeledDataset raw) {
        scaling.requireFeatures(raw.numFeatures(), raw.name());
        // the data's classes by name onto the model's (a file may lack some classes, or list them in another order)
        int[] toModel = new int[raw.numClasses()];
        for (int c = 0; c < toModel.length; c++) {
            toModel[c] = classNames.indexOf(raw.classNames().get(c));
            if (toModel[c] < 0) {
                throw new IllegalArgumentException(raw.name() + " has the class '" + raw.classNames().get(c)
                        + "', but the model predicts only " + classNames);
            }
        }
        int k = classNames.size();
        int[][] confusion = new int[k][k];
        double lossSum = 0;
        int d = numFeatures();
        int[] rows = new int[raw.size()];
        Arrays.setAll(rows, i -> i);
        for (int from = 0; from < raw.size(); from += BATCH) {
            int to = Math.min(raw.size(), from + BATCH);
            float[] batch = new float[(to - from) * d];
            raw.copyRows(rows, from, to, batch);
            float[][] p = probabilities(batch);
            for (int i = 0; i < p.length; i++) {
                int label = toModel[raw.label(from + i)];
                lossSum -= Math.log(Math.min(1 - SOFTMAX_CLIP, Math.max(SOFTMAX_CLIP, p[i][label])));
                confusion[label][argmax(p[i])]++;
            }
        }
        return new ModelEvaluation(raw.name(), classNames, confusion, raw.size() == 0 ? Double.NaN : lossSum / raw.size());
    }

    /** The index of the largest probability (the first one on ties). */
    public static int argmax(float[] p) {
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        return best;
    }

    @Override
    public void close() {
        network.close();
    }

    @Override
    public String toString() {
        return "TrainedModel{" + numFeatures() + " features -> " + classNames.size() + " classes, " + network.numParams()
                + " parameters, " + metadata + "}";
    }
}
