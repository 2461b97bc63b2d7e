package dev.scope.pipelines.effects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.Output;

import org.junit.jupiter.api.Test;

class BlurTest {

    /** The reference: each channel blurred in doubles from the definition, rounded. */
    static int[][][] reference(Frame in, double sigma) {
        int[][][] c = Patterns.channels(in);
        int[][][] out = new int[3][in.height()][in.width()];
        for (int ch = 0; ch < 3; ch++) {
            double[][] b = Patterns.gaussian(Patterns.toDouble(c[ch]), sigma);
            for (int y = 0; y < in.height(); y++) {
                for (int x = 0; x < in.width(); x++) {
                    out[ch][y][x] = (int) Math.floor(b[y][x] + 0.5);
                }
            }
        }
        return out;
    }

    @Test
    void matchesTheReferenceWithinOneLevelAtEverySize() {
        BlurPipeline blur = new BlurPipeline();
        for (double sigma : new double[] {0.5, 1.3, 2.0, 5.0, 20.0}) {
            for (int[] size : Patterns.SIZES) {
                Frame in = Patterns.colourful(size[0], size[1], 0, 0);
                Output out = blur.call(List.of(in), Patterns.params("sigma", sigma));
                Frame f = out.frames().get(0);
                Patterns.assertLevels(reference(in, sigma), f, 1, "sigma " + sigma + " " + size[0] + "x" + size[1]);
                Patterns.assertOpaque(f);
            }
        }
    }

    @Test
    void kernelIsANormalisedGaussian() {
        for (double sigma : new double[] {0.5, 1, 2, 7.5, 20}) {
            Gaussian g = Gaussian.of(sigma);
            assertEquals((int) Math.ceil(3 * sigma), g.radius());
            double sum = 0;
            for (int k = -g.radius(); k <= g.radius(); k++) {
                sum += Math.exp(-k * k / (2 * sigma * sigma));
            }
            int total = 0;
            for (int k = -g.radius(); k <= g.radius(); k++) {
                total += g.weight(k);
                double exact = Gaussian.ONE * Math.exp(-k * k / (2 * sigma * sigma)) / sum;
                assertEquals(exact, g.weight(k), 1.0, "weight " + k + " of sigma " + sigma);
                assertEquals(g.weight(k), g.weight(-k));
            }
            assertEquals(Gaussian.ONE, total, "weights sum to one");
        }
    }

    @Test
    void impulseSpreadsIntoTheGaussianWeights() {
        double sigma = 2.0;
        int n = 41;
        int c = n / 2;
        Frame impulse = Patterns.frame(n, n, (x, y) -> x == c && y == c ? 0xFFFFFF : 0);
        Frame out = new BlurPipeline().call(List.of(impulse), Patterns.params("sigma", sigma)).frames().get(0);
        double norm = 0;
        for (int k = -6; k <= 6; k++) {
            norm += Math.exp(-k * k / (2 * sigma * sigma));
        }
        for (int y = 0; y < n; y++) {
            for (int x = 0; x < n; x++) {
                int dx = x - c;
                int dy = y - c;
                double expected = Math.abs(dx) > 6 || Math.abs(dy) > 6 ? 0
                        : 255 * Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma)) / (norm * norm);
                int v = Patterns.at(out, x, y, 1);
                assertEquals(expected, v, 1.0, "at " + dx + ", " + dy);
                assertEquals(v, Patterns.at(out, c - dx, c + dy, 1), "mirror symmetric");
                assertEquals(v, Patterns.at(out, c + dy, c + dx, 1), "diagonal symmetric");
            }
        }
        assertEquals(Math.round(255 / (norm * norm)), Patterns.at(out, c, c, 0), "the peak");

        // a line impulse: each row is one kernel, summing to the line's level but for rounding
        Frame line = Patterns.frame(n, 5, (x, y) -> x == c ? 0xFFFFFF : 0);
        Frame spread = new BlurPipeline().call(List.of(line), Patterns.params("sigma", sigma)).frames().get(0);
        int total = 0;
        for (int x = 0; x < n; x++) {
            int v = Patterns.at(spread, x, 2, 2);
            double expected = Math.abs(x - c) > 6 ? 0 : 255 * Math.exp(-(x - c) * (x - c) / (2 * sigma * sigma)) / norm;
            assertEquals(expected, v, 0.5 + 1e-9, "line at " + (x - c));
            total += v;
        }
        assertEquals(255, total, 13 * 0.5, "normalised: the line's level is kept, each of 13 taps rounded");
    }

    @Test
    void flatPictureStaysExactlyFlat() {
        BlurPipeline blur = new BlurPipeline();
        for (int level : new int[] {0, 1, 77, 128, 254, 255}) {
            int rgb = level << 16 | (255 - level) << 8 | level / 2;
            Frame flat = Patterns.frame(97, 61, (x, y) -> rgb);
            for (double sigma : new double[] {0.5, 3.3, 20}) {
                Frame out = blur.call(List.of(flat), Patterns.params("sigma", sigma)).frames().get(0);
                for (int y = 0; y < out.height(); y++) {
                    for (int x = 0; x < out.width(); x++) {
                        assertEquals(rgb, out.rgb(x, y));
                    }
                }
            }
        }
    }

    @Test
    void changesOfSizeAndSigmaBetweenCalls() {
        BlurPipeline blur = new BlurPipeline();
        Frame small = Patterns.colourful(30, 20, 0, 0);
        Frame large = Patterns.colourful(90, 70, 3, 1);
        assertTrue(Patterns.maxDiff(blur.call(List.of(small), Patterns.params("sigma", 1.0)).frames().get(0), small) > 0);
        Patterns.assertLevels(reference(large, 4.0), blur.call(List.of(large), Patterns.params("sigma", 4.0)).frames().get(0), 1, "large");
        Patterns.assertLevels(reference(small, 0.7), blur.call(List.of(small), Patterns.params("sigma", 0.7)).frames().get(0), 1, "small");
    }
}
