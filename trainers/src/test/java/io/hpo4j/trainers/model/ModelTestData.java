package io.hpo4j.trainers.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/** Small synthetic CSV data whose features live on very different scales, so that scaling matters. */
public final class ModelTestData {

    private ModelTestData() {
    }

    /**
     * {@code rows} rows of {@code f0,f1,f2,label}: f0 around 1000 (step 100 per class, noise 70, so classes overlap), f1 around
     * 0.001, f2 noise; the class (a, b or c) is readable from f0 once it is standardized.
     */
    public static String csv(int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder b = new StringBuilder("f0,f1,f2,label\n");
        for (int i = 0; i < rows; i++) {
            int c = random.nextInt(3);
            double f0 = 1000 + 100 * c + random.nextGaussian() * 70;
            double f1 = 0.001 * (1 + c) + random.nextGaussian() * 0.0002;
            double f2 = random.nextGaussian();
            b.append(String.format(Locale.ROOT, "%.4f,%.6f,%.4f,%s%n", f0, f1, f2, "abc".charAt(c)));
        }
        return b.toString();
    }

    public static Path write(Path dir, String name, int rows, long seed) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, csv(rows, seed));
        return file;
    }
}
