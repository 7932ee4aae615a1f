package io.hpo4j.trainers.nn;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Builds the DL4J network an {@link MlpConfig} describes: {@code layers} dense hidden layers of
 * {@code hidden_units} with the configured activation (and its weight initialization), dropout
 * after each hidden layer, and a softmax output layer trained with multi-class cross-entropy
 * (negative log-likelihood), weights initialized with Xavier; float32 throughout.
 *
 * <pre>{@code
 * MultiLayerNetwork net = MlpNetworks.build(config, 784, 10, trial.seed());
 * }</pre>
 *
 * <h2>Seeding, and trials training side by side</h2>
 * DL4J's {@code NeuralNetConfiguration.Builder.seed(s)} stores the seed in the configuration and
 * also calls {@code Nd4j.getRandom().setSeed(s)}; {@code MultiLayerNetwork.init()} seeds
 * {@code Nd4j.getRandom()} again with the configuration's seed before drawing the initial
 * weights, and dropout masks are drawn from {@code Nd4j.getRandom()} during {@code fit}. In ND4J
 * 1.0.0-M2.1, {@code Nd4j.getRandom()} is <em>per thread</em>: {@code RandomFactory} keeps the
 * generator in a {@code ThreadLocal}. So a trial that builds, initializes and trains its network
 * on one thread (as {@code Study} runs each trial on one worker thread) draws its weights and
 * dropout masks from its own generator, seeded here and only here, and trials running at the same
 * time on other threads neither disturb it nor are disturbed by it. {@code MlpNetworksTest} checks
 * both properties. Do not hand a network to another thread between building and training it.
 *
 * <p>Stateless and thread-safe; each call returns a new network that belongs to the caller.
 */
public final class MlpNetworks {

    static {
        io.hpo4j.trainers.NativeTuning.apply(); // before ND4J loads its natives
    }

    private MlpNetworks() {
    }

    /**
     * DL4J's dropout parameter for hpo4j's {@code dropout}: the one place where the two meet.
     * hpo4j's {@code dropout} is the probability of <em>dropping</em> a unit (as in Keras and
     * PyTorch); DL4J's {@code dropOut(p)} takes the probability of <em>retaining</em> it (and treats
     * 0 as "no dropout"), so DL4J gets {@code 1 - dropout}.
     *
     * @param dropout the probability of dropping, in (0, 1)
     * @return the probability of retaining, for {@code Layer.Builder.dropOut(double)}
     */
    public static double retainProbability(double dropout) {
        if (!(dropout > 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout: must be in (0, 1) to be converted (0 means no dropout layer at all), but got " + dropout);
        }
        return 1.0 - dropout;
    }

    /**
     * The configuration of the network for {@code config}, {@code numInputs} features and
     * {@code numClasses} classes, in DL4J's own layers and updaters (but {@link ClassicMomentum},
     * which DL4J lacks): the stock path that {@link #build}'s faster classes must learn exactly as.
     */
    public static MultiLayerConfiguration configuration(MlpConfig config, int numInputs, int numClasses, long seed) {
        if (numInputs < 1 || numClasses < 2) {
            throw new IllegalArgumentException("an MLP classifier needs >= 1 input and >= 2 classes, but got "
                    + numInputs + " inputs and " + numClasses + " classes");
        }
        NeuralNetConfiguration.ListBuilder list = new NeuralNetConfiguration.Builder()
                .seed(seed)
                .dataType(DataType.FLOAT)
                .updater(config.optimizer().updater(config.learningRate()))
                .list();
        boolean dropout = config.dropout() > 0;
        int in = numInputs;
        for (int i = 0; i < config.layers(); i++) {
            DenseLayer.Builder hidden = new DenseLayer.Builder()
                    .nIn(in)
                    .nOut(config.hiddenUnits())
                    .activation(config.activation().dl4j())
                    .weightInit(config.activation().weightInit());
            if (dropout && i > 0) {
                // DL4J applies a layer's dropout to its input: the previous hidden layer's output
                hidden.dropOut(retainProbability(config.dropout()));
            }
            list.layer(hidden.build());
            in = config.hiddenUnits();
        }
        OutputLayer.Builder output = new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nIn(in)
                .nOut(numClasses)
                .activation(Activation.SOFTMAX)
                .weightInit(WeightInit.XAVIER);
        if (dropout && config.layers() > 0) {
            output.dropOut(retainProbability(config.dropout()));
        }
        list.layer(output.build());
        return list.build();
    }

    /**
     * A new, initialized network for {@code config}, its weights drawn from {@code seed}: the
     * {@link #configuration} with its first hidden layer an {@link InputDenseLayer} (which skips the
     * input gradient nobody uses) and its other hidden layers {@link HiddenDenseLayer}s (which do
     * not compute their forward pass a second time in the backward pass), both learning exactly as
     * DL4J's dense layer, and DL4J's Adam replaced by {@link JavaAdam} (the same steps, computed
     * faster). Call it on the thread that will train the network (see the class comment).
     */
    public static MultiLayerNetwork build(MlpConfig config, int numInputs, int numClasses, long seed) {
        MultiLayerConfiguration conf = configuration(config, numInputs, numClasses, seed);
        for (int i = 0; i < conf.getConfs().size(); i++) {
            NeuralNetConfiguration layer = conf.getConf(i);
            if (layer.getLayer() instanceof DenseLayer dense && !(dense instanceof HiddenDenseLayer)) {
                layer.setLayer(i == 0 ? InputDenseLayer.of(dense) : HiddenDenseLayer.of(dense));
            }
            if (layer.getLayer() instanceof BaseLayer base) {
                base.setIUpdater(fasterUpdater(base.getIUpdater()));
                base.setBiasUpdater(fasterUpdater(base.getBiasUpdater()));
            }
        }
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    /**
     * A copy of {@code conf} with every hpo4j class replaced by a stock DL4J one: what a model file
     * holds, so that a DL4J program without hpo4j on its class path loads it. Each hpo4j layer
     * ({@link HiddenDenseLayer}, {@link InputDenseLayer}) becomes the stock layer with the same
     * settings and parameters, {@link JavaAdam} DL4J's {@code Adam} with the same settings, and
     * {@link ClassicMomentum}, which DL4J lacks, DL4J's {@code Nesterovs} with the same learning
     * rate and momentum (an updater matters only to whoever trains the model further).
     */
    public static MultiLayerConfiguration stockConfiguration(MultiLayerConfiguration conf) {
        MultiLayerConfiguration copy = conf.clone();
        for (NeuralNetConfiguration layer : copy.getConfs()) {
            if (layer.getLayer() instanceof HiddenDenseLayer ours) {
                layer.setLayer(ours.toStock());
            }
            if (layer.getLayer() instanceof BaseLayer base) {
                base.setIUpdater(stockUpdater(base.getIUpdater()));
                base.setBiasUpdater(stockUpdater(base.getBiasUpdater()));
            }
        }
        return copy;
    }

    private static IUpdater fasterUpdater(IUpdater updater) {
        return updater != null && updater.getClass() == Adam.class ? JavaAdam.of((Adam) updater) : updater;
    }

    private static IUpdater stockUpdater(IUpdater updater) {
        if (updater instanceof JavaAdam adam) {
            return adam.toStock();
        }
        if (updater instanceof ClassicMomentum momentum) {
            return new Nesterovs(momentum.getLearningRate(), momentum.getMomentum());
        }
        return updater;
    }
}
