import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.factory.Nd4j;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A DL4J program that knows nothing of hpo4j: it restores a model file and its normalizer with
 * ModelSerializer, scales raw CSV rows (features only, no header) and prints the class
 * probabilities of each row, comma-separated. PlainDl4jProgramTest runs it with Java's
 * source-file launcher on a class path without hpo4j. Exit code 3 if hpo4j is on the class path.
 *
 * Usage: java -cp DL4J_CLASS_PATH PlainDl4jPredict.java MODEL.zip ROWS.csv
 */
public class PlainDl4jPredict {

    public static void main(String[] args) throws Exception {
        try {
            Class.forName("io.hpo4j.trainers.nn.HiddenDenseLayer");
            System.err.println("hpo4j is on the class path: this is not a plain DL4J program");
            System.exit(3);
        } catch (ClassNotFoundException expected) {
            // as it should be
        }
        File model = new File(args[0]);
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(model);
        DataNormalization scaling = ModelSerializer.restoreNormalizerFromFile(model);
        List<String> lines = Files.readAllLines(Path.of(args[1]));
        int d = lines.get(0).split(",").length;
        float[] x = new float[lines.size() * d];
        for (int i = 0; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            for (int j = 0; j < d; j++) {
                x[i * d + j] = Float.parseFloat(cells[j]);
            }
        }
        INDArray features = Nd4j.create(x, new long[] {lines.size(), d}, DataType.FLOAT);
        if (scaling != null) {
            scaling.transform(features);
        }
        float[][] p = net.output(features, false).toFloatMatrix();
        StringBuilder out = new StringBuilder();
        for (float[] row : p) {
            for (int c = 0; c < row.length; c++) {
                out.append(c == 0 ? "" : ",").append(row[c]);
            }
            out.append('\n');
        }
        System.out.print(out);
    }
}
