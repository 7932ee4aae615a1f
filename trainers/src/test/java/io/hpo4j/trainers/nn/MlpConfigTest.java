package io.hpo4j.trainers.nn;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MlpConfigTest {

    @Test
    void parametersMissingFromTheTrialComeFromTheDefaults() {
        MlpConfig config = MlpConfig.fromParams(Map.of("learning_rate", 0.05, "optimizer", "sgd"), MlpConfig.DEFAULTS);

        assertThat(config).isEqualTo(new MlpConfig(10, 64, 0.05, 128, 1, 0.0, ActivationFunction.RELU, Optimizer.SGD));
    }

    @Test
    void toParamsIsTheInverseOfFromParams() {
        MlpConfig config = new MlpConfig(3, 32, 0.01, 64, 2, 0.25, ActivationFunction.TANH, Optimizer.NESTEROV);

        assertThat(MlpConfig.fromParams(config.toParams(), Map.of())).isEqualTo(config);
        assertThat(config.toParams()).containsKeys(MlpConfig.PARAMETERS.toArray(String[]::new));
    }

    @Test
    void wholeNumbersMayArriveAsAnyNumberTypeOrNumericString() {
        Map<String, Object> params = new LinkedHashMap<>(MlpConfig.DEFAULTS);
        params.put("batch_size", 128.0);
        params.put("epochs", 5L);
        params.put("hidden_units", "256");

        MlpConfig config = MlpConfig.fromParams(params, Map.of());

        assertThat(config.batchSize()).isEqualTo(128);
        assertThat(config.epochs()).isEqualTo(5);
        assertThat(config.hiddenUnits()).isEqualTo(256);
    }

    @Test
    void aMissingParameterWithoutDefaultIsNamed() {
        Map<String, Object> params = new LinkedHashMap<>(MlpConfig.DEFAULTS);
        params.remove("dropout");

        assertThatThrownBy(() -> MlpConfig.fromParams(params, Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dropout: missing; it is neither in the trial's parameters nor in the defaults");
    }

    @Test
    void anUnknownParameterIsRejectedListingTheKnownOnes() {
        assertThatThrownBy(() -> MlpConfig.fromParams(Map.of("learning_rte", 0.1), MlpConfig.DEFAULTS))
                .hasMessageContaining("unknown parameter [learning_rte]")
                .hasMessageContaining("learning_rate");
    }

    @Test
    void outOfRangeValuesAreRejectedNamingParameterAndValue() {
        assertThatThrownBy(() -> config("epochs", 0)).hasMessage("epochs: must be >= 1, but got 0");
        assertThatThrownBy(() -> config("batch_size", -4)).hasMessage("batch_size: must be >= 1, but got -4");
        assertThatThrownBy(() -> config("learning_rate", 0.0)).hasMessage("learning_rate: must be a finite number > 0, but got 0.0");
        assertThatThrownBy(() -> config("learning_rate", Double.NaN)).hasMessageContaining("but got NaN");
        assertThatThrownBy(() -> config("hidden_units", 0)).hasMessage("hidden_units: must be >= 1, but got 0");
        assertThatThrownBy(() -> config("layers", -1)).hasMessageContaining("layers: must be >= 0");
        assertThatThrownBy(() -> config("dropout", 1.0)).hasMessageContaining("dropout: must be in [0, 1)").hasMessageContaining("but got 1.0");
        assertThatThrownBy(() -> config("dropout", -0.1)).hasMessageContaining("but got -0.1");
    }

    @Test
    void wrongTypesAreRejectedNamingParameterAndValue() {
        assertThatThrownBy(() -> config("batch_size", 64.5)).hasMessage("batch_size: must be a whole number, but got 64.5");
        assertThatThrownBy(() -> config("epochs", "many")).hasMessage("epochs: must be a whole number, but got 'many'");
        assertThatThrownBy(() -> config("activation", 3)).hasMessage("activation: must be a name, but got 3 (Integer)");
    }

    @Test
    void unknownActivationsAndOptimizersListWhatIsSupported() {
        assertThatThrownBy(() -> config("activation", "softsign"))
                .hasMessage("activation must be one of [relu, leakyrelu, elu, selu, gelu, swish, mish, tanh, sigmoid], but got 'softsign'");
        assertThatThrownBy(() -> config("optimizer", "lbfgs"))
                .hasMessage("optimizer must be one of [sgd, momentum, nesterov, rmsprop, adam, adagrad, adamax, nadam, adadelta], but got 'lbfgs'");
    }

    @Test
    void namesAreCaseInsensitiveWithCommonAliases() {
        assertThat(ActivationFunction.parse("LeakY_ReLU")).isEqualTo(ActivationFunction.LEAKYRELU);
        assertThat(ActivationFunction.parse("silu")).isEqualTo(ActivationFunction.SWISH);
        assertThat(Optimizer.parse(" Nesterovs ")).isEqualTo(Optimizer.NESTEROV);
    }

    private static MlpConfig config(String name, Object value) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put(name, value);
        return MlpConfig.fromParams(params, MlpConfig.DEFAULTS);
    }
}
