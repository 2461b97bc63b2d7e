package dev.scope.pipelines.effects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.scope.pipeline.api.Frame;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BlurTest {

    private final TestFrames frames = new TestFrames();

    @AfterEach
    void everyFrameReleased() {
        frames.close();
    }

    static BlurConfig sigma(double sigma) {
        BlurConfig c = Stage.video(new BlurConfig());
        c.sigma = sigma;
        return c;
    }

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

    private Frame blur(Stage<BlurConfig> stage, Frame in, double sigma) throws Exception {
        List<Frame> out = stage.call(sigma(sigma), in);
        assertEquals(1, out.size());
        return out.get(0);
    }

    @Test
    void matchesTheReferenceWithinOneLevelAtEverySize() throws Exception {
        try (Stage<BlurConfig> blur = new Stage<>(new BlurPipeline(), frames)) {
            for (double sigma : new double[] {0.5, 1.3, 2.0, 5.0, 20.0}) {
                for (int[] size : Patterns.SIZES) {
                    Frame in = frames.colourful(size[0], size[1], 0, 0);
                    Frame f = blur(blur, in, sigma);
                    Patterns.assertLevels(reference(in, sigma), f, 1, "sigma " + sigma + " " + size[0] + "x" + size[1]);
                    Patterns.assertOpaque(f);
                }
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
    void impulseSpreadsIntoTheGaussianWeights() throws Exception {
        double sigma = 2.0;
        int n = 41;
        int c = n / 2;
        try (Stage<BlurConfig> blur = new Stage<>(new BlurPipeline(), frames)) {
            Frame out = blur(blur, frames.frame(n, n, (x, y) -> x == c && y == c ? 0xFFFFFF : 0), sigma);
            double norm = 0;
            for (int k = -6; k <= 6; k++) {
                norm += Math.exp(-k * k / (2 * sigma * sigma));
            }
            int[][][] levels = Patterns.channels(out);
            for (int y = 0; y < n; y++) {
                for (int x = 0; x < n; x++) {
                    int dx = x - c;
                    int dy = y - c;
                    double expected = Math.abs(dx) > 6 || Math.abs(dy) > 6 ? 0
                            : 255 * Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma)) / (norm * norm);
                    int v = levels[1][y][x];
                    assertEquals(expected, v, 1.0, "at " + dx + ", " + dy);
                    assertEquals(v, levels[1][c + dy][c - dx], "mirror symmetric");
                    assertEquals(v, levels[1][c + dx][c + dy], "diagonal symmetric");
                }
            }
            assertEquals(Math.round(255 / (norm * norm)), levels[0][c][c], "the peak");

            // a line impulse: each row is one kernel, summing to the line's level but for rounding
            Frame spread = blur(blur, frames.frame(n, 5, (x, y) -> x == c ? 0xFFFFFF : 0), sigma);
            int total = 0;
            for (int x = 0; x < n; x++) {
                int v = Patterns.at(spread, x, 2, 2);
                double expected = Math.abs(x - c) > 6 ? 0 : 255 * Math.exp(-(x - c) * (x - c) / (2 * sigma * sigma)) / norm;
                assertEquals(expected, v, 0.5 + 1e-9, "line at " + (x - c));
                total += v;
            }
            assertEquals(255, total, 13 * 0.5, "normalised: the line's level is kept, each of 13 taps rounded");
        }
    }

    @Test
    void flatPictureStaysExactlyFlat() throws Exception {
        try (Stage<BlurConfig> blur = new Stage<>(new BlurPipeline(), frames)) {
            for (int level : new int[] {0, 1, 77, 128, 254, 255}) {
                int rgb = level << 16 | (255 - level) << 8 | level / 2;
                Frame flat = frames.frame(97, 61, (x, y) -> rgb);
                for (double sigma : new double[] {0.5, 3.3, 20}) {
                    int[] out = Patterns.pixels(blur(blur, flat, sigma));
                    int packed = (rgb >> 16 & 0xFF) | (rgb & 0xFF00) | (rgb & 0xFF) << 16 | Frame.OPAQUE;
                    for (int i = 0; i < out.length; i++) {
                        assertEquals(packed, out[i], "level " + level + ", sigma " + sigma + ", pixel " + i);
                    }
                }
            }
        }
    }

    /** A new sigma reaches {@link BlurPipeline#configure} and the next call blurs with it; so does a new size. */
    @Test
    void changesOfSizeAndSigmaBetweenCalls() throws Exception {
        try (Stage<BlurConfig> blur = new Stage<>(new BlurPipeline(), frames)) {
            Frame small = frames.colourful(30, 20, 0, 0);
            Frame large = frames.colourful(90, 70, 3, 1);
            Frame soft = blur(blur, small, 1.0);
            assertTrue(Patterns.maxDiff(soft, small) > 0);
            Patterns.assertLevels(reference(large, 4.0), blur(blur, large, 4.0), 1, "large");
            Frame softer = blur(blur, small, 0.7);
            Patterns.assertLevels(reference(small, 0.7), softer, 1, "small");
            assertTrue(Patterns.maxDiff(soft, softer) > 0, "sigma 0.7 is not sigma 1");
        }
    }
}
