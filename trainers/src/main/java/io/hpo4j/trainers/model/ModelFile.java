package io.hpo4j.trainers.model;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hpo4j.trainers.data.FeatureScaling;
import io.hpo4j.trainers.data.FittedScaling;
import io.hpo4j.trainers.nn.MlpNetworks;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;
import org.nd4j.linalg.dataset.api.preprocessor.serializer.NormalizerSerializer;
import org.nd4j.linalg.factory.Nd4j;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * The file format of a {@link TrainedModel}: a standard DL4J {@code ModelSerializer} zip
 * ({@code configuration.json}, {@code coefficients.bin}, no updater) that
 * {@code ModelSerializer.restoreMultiLayerNetwork} loads in any DL4J program, plus
 *
 * <ul>
 *   <li>{@code normalizer.bin}: the feature scaling as a DL4J normalizer
 *       ({@code NormalizerStandardize} or {@code NormalizerMinMaxScaler}; none when the features
 *       are used as loaded), which {@code ModelSerializer.restoreNormalizerFromInputStream} reads
 *       and whose {@code transform(features)} prepares raw features;</li>
 *   <li>{@code hpo4j-model.json}: {@code format_version}, the class names, the scaling
 *       ({@code kind}, {@code shift}, {@code factor}: {@code x' = (x - shift) * factor}) and the
 *       model's metadata (study, trial, kind, parameters, epochs, seed, value).</li>
 * </ul>
 *
 * <p>hpo4j reads the scaling from the JSON entry (exact doubles); DL4J's normalizer holds the same
 * numbers as floats ({@code std = 1 / factor}, {@code max = min + 1 / factor}). DL4J raises a
 * standard deviation below 1e-5 to 1e-5, so a feature that nearly never varies in the training
 * data may scale slightly differently there.
 */
public final class ModelFile {

    /** The zip entry holding hpo4j's description of the model. */
    public static final String METADATA_ENTRY = "hpo4j-model.json";
    /** The version of {@link #METADATA_ENTRY}'s layout. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFile() {
    }

    /**
     * {@code net} with stock DL4J layers in place of hpo4j's faster ones (the same settings and
     * parameters, shared, not copied), so that the file loads where hpo4j is not on the class path.
     */
    static MultiLayerNetwork stockNetwork(MultiLayerNetwork net) {
        MultiLayerNetwork stock = new MultiLayerNetwork(MlpNetworks.stockConfiguration(net.getLayerWiseConfigurations()));
        stock.init(net.params(), false);
        return stock;
    }

    /** The model as the bytes of its file. */
    public static byte[] toBytes(TrainedModel model) {
        ByteArrayOutputStream dl4j = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(stockNetwork(model.network()), dl4j, false);
            ByteArrayOutputStream out = new ByteArrayOutputStream(dl4j.size() + 4096);
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(dl4j.toByteArray()));
                 ZipOutputStream zip = new ZipOutputStream(out)) {
                for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    zip.putNextEntry(new ZipEntry(e.getName()));
                    in.transferTo(zip);
                    zip.closeEntry();
                }
                DataNormalization normalizer = normalizer(model.scaling());
                if (normalizer != null) {
                    // the entry ModelSerializer.addNormalizerToModel writes
                    zip.putNextEntry(new ZipEntry(ModelSerializer.NORMALIZER_BIN));
                    NormalizerSerializer.getDefault().write(normalizer, new FilterOutputStream(zip) {
                        @Override
                        public void write(byte[] b, int off, int len) throws IOException {
                            zip.write(b, off, len);
                        }

                        @Override
                        public void close() throws IOException {
                            flush(); // the zip stays open for the next entry
                        }
                    });
                    zip.closeEntry();
                }
                zip.putNextEntry(new ZipEntry(METADATA_ENTRY));
                zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(metadata(model)));
                zip.closeEntry();
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not serialize the model: " + e.getMessage(), e);
        }
    }

    /** Writes the model's file. */
    public static void write(TrainedModel model, Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.write(file, toBytes(model));
    }

    /**
     * Reads a model file written by {@link #write}.
     *
     * @throws IOException              if it cannot be read
     * @throws IllegalArgumentException if it is not an hpo4j model file, naming it
     */
    public static TrainedModel read(Path file) throws IOException {
        try {
            return fromBytes(Files.readAllBytes(file), file.toString());
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("model file " + file + " does not exist");
        }
    }

    /** Reads the bytes of a model file; {@code name} names it in messages. */
    @SuppressWarnings("unchecked")
    public static TrainedModel fromBytes(byte[] bytes, String name) {
        Map<String, Object> json = null;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (e.getName().equals(METADATA_ENTRY)) {
                    json = JSON.readValue(in.readAllBytes(), new TypeReference<Map<String, Object>>() { });
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(name + " is not a model file (a zip): " + e.getMessage(), e);
        }
        if (json == null) {
            throw new IllegalArgumentException(name + " is not an hpo4j model file: it has no " + METADATA_ENTRY + " entry");
        }
        Object version = json.get("format_version");
        if (!(version instanceof Number v) || v.intValue() > FORMAT_VERSION) {
            throw new IllegalArgumentException(name + " has model format version " + version + ", but this hpo4j reads versions up to "
                    + FORMAT_VERSION);
        }
        Map<String, Object> scaling = (Map<String, Object>) json.get("scaling");
        FittedScaling fitted = FittedScaling.of(FeatureScaling.parse(String.valueOf(scaling.get("kind"))),
                doubles((List<Object>) scaling.get("shift")), doubles((List<Object>) scaling.get("factor")));
        MultiLayerNetwork net;
        try (InputStream in = new ByteArrayInputStream(bytes)) {
            net = ModelSerializer.restoreMultiLayerNetwork(in, false);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException(name + ": the DL4J network cannot be restored: " + e.getMessage(), e);
        }
        List<String> classes = ((List<Object>) json.get("class_names")).stream().map(String::valueOf).toList();
        Map<String, Object> metadata = (Map<String, Object>) json.getOrDefault("metadata", Map.of());
        return new TrainedModel(net, fitted, classes, metadata);
    }

    private static Map<String, Object> metadata(TrainedModel model) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("format_version", FORMAT_VERSION);
        map.put("class_names", model.classNames());
        Map<String, Object> scaling = new LinkedHashMap<>();
        scaling.put("kind", model.scaling().kind().name().toLowerCase(java.util.Locale.ROOT));
        scaling.put("shift", model.scaling().shift());
        scaling.put("factor", model.scaling().factor());
        map.put("scaling", scaling);
        map.put("metadata", model.metadata());
        return map;
    }

    /** The DL4J normalizer that does what {@code scaling} does, or null for none. */
    static DataNormalization normalizer(FittedScaling scaling) {
        double[] shift = scaling.shift();
        double[] factor = scaling.factor();
        double[] spread = new double[factor.length];
        for (int j = 0; j < factor.length; j++) {
            spread[j] = 1.0 / factor[j];
        }
        return switch (scaling.kind()) {
            case NONE -> null;
            case STANDARDIZE -> new NormalizerStandardize(row(shift), row(spread));
            case MIN_MAX -> {
                NormalizerMinMaxScaler n = new NormalizerMinMaxScaler(0, 1);
                double[] max = new double[shift.length];
                for (int j = 0; j < max.length; j++) {
                    max[j] = shift[j] + spread[j];
                }
                n.setFeatureStats(row(shift), row(max));
                yield n;
            }
        };
    }

    private static org.nd4j.linalg.api.ndarray.INDArray row(double[] values) {
        return Nd4j.create(values, new long[] {1, values.length}, DataType.FLOAT);
    }

    private static double[] doubles(List<Object> list) {
        double[] a = new double[list.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = ((Number) list.get(i)).doubleValue();
        }
        return a;
    }
}
