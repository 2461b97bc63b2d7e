package dev.scope.pipelines.effects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.scope.pipeline.api.Frame;
import dev.scope.pipelines.effects.internal.EdgesConfig.Mode;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EdgesTest {

    private final TestFrames frames = new TestFrames();

    @AfterEach
    void everyFrameReleased() {
        frames.close();
    }

    static EdgesConfig edges(Mode mode, double strength, double threshold, boolean lineArt) {
        EdgesConfig c = Stage.video(new EdgesConfig());
        c.mode = mode;
        c.strength = strength;
        c.threshold = threshold;
        c.lineArt = lineArt;
        return c;
    }

    /** The reference: the edge response of every pixel from the definition, in doubles. */
    static double[][] response(Frame in, Mode mode) {
        int w = in.width();
        int h = in.height();
        int[][] y = Patterns.luma(in);
        double[][] e = new double[h][w];
        if (mode == Mode.SOBEL) {
            int[][] kx = {{-1, 0, 1}, {-2, 0, 2}, {-1, 0, 1}};
            for (int j = 0; j < h; j++) {
                for (int i = 0; i < w; i++) {
                    int gx = 0;
                    int gy = 0;
                    for (int b = -1; b <= 1; b++) {
                        for (int a = -1; a <= 1; a++) {
                            int v = y[Math.min(Math.max(j + b, 0), h - 1)][Math.min(Math.max(i + a, 0), w - 1)];
                            gx += kx[b + 1][a + 1] * v;
                            gy += kx[a + 1][b + 1] * v;
                        }
                    }
                    e[j][i] = Math.sqrt(gx * gx + gy * gy) / 4;
                }
            }
        } else {
            double[][] fine = Patterns.gaussian(Patterns.toDouble(y), 1.0);
            double[][] coarse = Patterns.gaussian(Patterns.toDouble(y), 1.6);
            for (int j = 0; j < h; j++) {
                for (int i = 0; i < w; i++) {
                    e[j][i] = 8 * Math.max(0, coarse[j][i] - fine[j][i]);
                }
            }
        }
        return e;
    }

    static int[][][] reference(Frame in, Mode mode, double strength, double threshold, boolean lineArt) {
        double[][] e = response(in, mode);
        int[][][] out = new int[3][in.height()][in.width()];
        for (int j = 0; j < in.height(); j++) {
            for (int i = 0; i < in.width(); i++) {
                double v = strength * e[j][i];
                int level = v < 255 * threshold ? 0 : (int) Math.min(255, Math.floor(v + 0.5));
                for (int c = 0; c < 3; c++) {
                    out[c][j][i] = lineArt ? 255 - level : level;
                }
            }
        }
        return out;
    }

    private static Frame edges(Stage<EdgesConfig> p, Frame in, Mode mode, double strength, double threshold,
            boolean lineArt) throws Exception {
        List<Frame> out = p.call(edges(mode, strength, threshold, lineArt), in);
        assertEquals(1, out.size());
        return out.get(0);
    }

    private Stage<EdgesConfig> stage() {
        return new Stage<>(new EdgesPipeline(), frames);
    }

    /** Sobel: exact (the same integer gradients and the same double arithmetic). */
    @Test
    void sobelMatchesTheReferenceExactly() throws Exception {
        Stage<EdgesConfig> p = stage();
        for (int[] size : Patterns.SIZES) {
            Frame in = frames.colourful(size[0], size[1], 0, 0);
            for (double[] s : new double[][] {{1, 0.1}, {0.3, 0}, {2.5, 0.4}, {4, 1}, {0, 0}}) {
                for (boolean lineArt : new boolean[] {false, true}) {
                    Frame out = edges(p, in, Mode.SOBEL, s[0], s[1], lineArt);
                    Patterns.assertLevels(reference(in, Mode.SOBEL, s[0], s[1], lineArt), out, 0,
                            "sobel " + s[0] + "/" + s[1] + " " + size[0] + "x" + size[1]);
                    Patterns.assertOpaque(out);
                }
            }
        }
    }

    /** Line art: within one level (fixed-point blurs); without a threshold, which would amplify that. */
    @Test
    void lineArtMatchesTheReferenceWithinOneLevel() throws Exception {
        Stage<EdgesConfig> p = stage();
        for (int[] size : Patterns.SIZES) {
            Frame in = frames.colourful(size[0], size[1], 0, 0);
            for (double strength : new double[] {0.5, 1, 3}) {
                Frame out = edges(p, in, Mode.LINEART, strength, 0, true);
                Patterns.assertLevels(reference(in, Mode.LINEART, strength, 0, true), out, 1,
                        "lineart " + strength + " " + size[0] + "x" + size[1]);
            }
        }
    }

    @Test
    void flatPictureHasNoEdges() throws Exception {
        Stage<EdgesConfig> p = stage();
        for (Mode mode : Mode.values()) {
            Frame flat = frames.frame(45, 33, (x, y) -> 0x3C8AD2);
            int[] out = Patterns.pixels(edges(p, flat, mode, 4, 0, false));
            int[] art = Patterns.pixels(edges(p, flat, mode, 4, 0, true));
            for (int i = 0; i < out.length; i++) {
                assertEquals(Frame.OPAQUE, out[i], mode + " at pixel " + i);
                assertEquals(0xFFFFFFFF, art[i], mode + " line art at pixel " + i);
            }
        }
    }

    @Test
    void verticalStepGivesAVerticalLine() throws Exception {
        int w = 40;
        int h = 30;
        Frame step = frames.frame(w, h, (x, y) -> x < 20 ? 0 : 0xFFFFFF);
        Stage<EdgesConfig> p = stage();
        Frame sobel = edges(p, step, Mode.SOBEL, 1, 0.1, false);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int expected = x == 19 || x == 20 ? 255 : 0;
                assertEquals(expected, Patterns.at(sobel, x, y, 0), "sobel at " + x + ", " + y);
            }
        }
        Frame art = edges(p, step, Mode.LINEART, 1, 0.1, true);
        int[] column = new int[w];
        for (int x = 0; x < w; x++) {
            column[x] = Patterns.at(art, x, 0, 1);
            for (int y = 1; y < h; y++) {
                assertEquals(column[x], Patterns.at(art, x, y, 1), "one line, the same in every row, column " + x);
            }
        }
        int darkest = 0;
        for (int x = 0; x < w; x++) {
            assertEquals(x >= 16 && x < 20, column[x] < 255, "ink only just left of the step, column " + x + ": " + column[x]);
            darkest = column[x] < column[darkest] ? x : darkest;
        }
        assertEquals(18, darkest, "darkest two pixels into the dark side: " + java.util.Arrays.toString(column));
        assertTrue(column[18] < 64, "a clear line: " + column[18]);
    }
}
