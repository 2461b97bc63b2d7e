package dev.scope.pipelines.effects.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import dev.scope.frames.StandaloneContext;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.PixelOps;
import dev.scope.pipelines.effects.internal.KaleidoscopeConfig.Edge;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class KaleidoscopeTest {

    private final TestFrames frames = new TestFrames();

    @AfterEach
    void everyFrameReleased() {
        frames.close();
    }

    /**
     * The angle table is made once per size for every kaleidoscope: a second one at that size
     * (a chain or stream started again) takes the same table, and another size makes its own.
     */
    @Test
    void kaleidoscopesAtOneSizeShareOneAngleTable() {
        PixelOps pixels = StandaloneContext.video(frames.pool, 1, 1).pixels();
        AngleTable first = AngleTable.of(33, 17, pixels);
        assertSame(first, AngleTable.of(33, 17, pixels));
        AngleTable other = AngleTable.of(17, 33, pixels);
        assertNotSame(first, other);
        assertTrue(other.fits(17, 33) && !other.fits(33, 17));
        assertEquals(17 * 33, other.angles().length);
        for (int y = 0; y < 33; y++) {
            for (int x = 0; x < 17; x++) {
                int i = y * 17 + x;
                assertEquals((float) Math.atan2(y - 16.0, x - 8.0), other.angles()[i], "pixel " + x + "," + y);
                assertEquals(Float.floatToRawIntBits(other.angles()[i]), other.bits()[i]);
            }
        }
    }

    /** The settings of a still pattern (no spin). */
    record Settings(int segments, double rotationDegrees, double zoom, boolean mirror, Edge edge) {

        KaleidoscopeConfig config() {
            KaleidoscopeConfig c = Stage.video(new KaleidoscopeConfig());
            c.segments = segments;
            c.rotation = rotationDegrees;
            c.spin = 0;
            c.zoom = zoom;
            c.mirror = mirror;
            c.edge = edge;
            return c;
        }
    }

    private static Frame render(Stage<KaleidoscopeConfig> stage, Frame in, Settings s) throws Exception {
        List<Frame> out = stage.call(s.config(), in);
        assertEquals(1, out.size());
        return out.get(0);
    }

    /** Where the reference samples output pixel (x, y): the exact source position, before rounding. */
    static double[] referencePosition(int w, int h, int x, int y, Settings s) {
        return referencePosition(w, h, x, y, s, 0);
    }

    /** @return how far the angle of (x, y) is from the nearest wedge border, in wedges */
    static double fromBorder(int w, int h, int x, int y, Settings s) {
        double q = (Math.atan2(y - (h - 1) / 2.0, x - (w - 1) / 2.0) - Math.toRadians(s.rotationDegrees()))
                / (2 * Math.PI / s.segments());
        return Math.abs(q - Math.rint(q));
    }

    /** The reference position as if the pixel lay {@code shift} wedges further (for pixels on a border). */
    static double[] referencePosition(int w, int h, int x, int y, Settings s, int shift) {
        double cx = (w - 1) / 2.0;
        double cy = (h - 1) / 2.0;
        double wedge = 2 * Math.PI / s.segments();
        double turn = Math.toRadians(s.rotationDegrees());
        double dx = x - cx;
        double dy = y - cy;
        double r = Math.sqrt(dx * dx + dy * dy) / s.zoom();
        double a = Math.atan2(dy, dx) - turn;
        int k = (int) Math.floor(a / wedge) + shift;
        double t = a - k * wedge;
        if (s.mirror() && (k & 1) != 0) {
            t = wedge - t;
        }
        double sa = t + turn;
        return new double[] {cx + r * Math.cos(sa), cy + r * Math.sin(sa)};
    }

    /** A source whose pixel values name their position. */
    private Frame coordinates(int w, int h) {
        return frames.frame(w, h, (x, y) -> (x & 0xFF) << 16 | (y & 0xFF) << 8 | (x >> 8) | (y >> 8) << 4);
    }

    static int[] decode(int rgb) {
        return new int[] {(rgb >> 16 & 0xFF) | (rgb & 0xF) << 8, (rgb >> 8 & 0xFF) | (rgb >> 4 & 0xF) << 8};
    }

    /**
     * Tolerance: nearest-pixel sampling is discontinuous where the exact source position is
     * half-way between pixels, and the pipeline computes positions in float (within 1e-3 pixels at
     * these sizes). So each output pixel must come from the reference's rounded position or, off by
     * one, from the other neighbour of an exact position within 1e-3 of a half; and a pixel whose
     * angle lies within 1e-5 wedges of a wedge border may be folded as a pixel of either wedge.
     */
    @Test
    void matchesTheReferenceSampling() throws Exception {
        Settings[] settings = {
            new Settings(6, 0, 1, true, Edge.MIRROR),
            new Settings(5, 17.5, 1.3, true, Edge.WRAP),
            new Settings(8, 359, 0.4, false, Edge.CLAMP),
            new Settings(2, 90, 2, false, Edge.MIRROR),
            new Settings(24, 200, 0.25, true, Edge.WRAP),
            new Settings(3, -45, 1, true, Edge.CLAMP),
        };
        Stage<KaleidoscopeConfig> pipeline = new Stage<>(new KaleidoscopePipeline(), frames);
        for (int[] size : Patterns.SIZES) {
            int w = size[0];
            int h = size[1];
            Frame in = coordinates(w, h);
            for (Settings s : settings) {
                int[] out = Patterns.pixels(render(pipeline, in, s));
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        int[] got = decode(rgb(out[y * w + x]));
                        double[] p = referencePosition(w, h, x, y, s);
                        if (fromBorder(w, h, x, y, s) < 1e-5 && !samples(got, p, w, h, s)) {
                            double[] below = referencePosition(w, h, x, y, s, -1);
                            p = samples(got, below, w, h, s) ? below : referencePosition(w, h, x, y, s, 1);
                        }
                        int rx = KaleidoscopePipeline.edge((int) Math.round(p[0]), w, s.edge());
                        int ry = KaleidoscopePipeline.edge((int) Math.round(p[1]), h, s.edge());
                        String where = s + " " + w + "x" + h + " at (" + x + ", " + y + ")";
                        assertTrue(got[0] == rx || nearHalf(p[0]) && got[0] == KaleidoscopePipeline.edge(
                                otherNeighbour(p[0]), w, s.edge()), where + ": x " + got[0] + " for " + p[0]);
                        assertTrue(got[1] == ry || nearHalf(p[1]) && got[1] == KaleidoscopePipeline.edge(
                                otherNeighbour(p[1]), h, s.edge()), where + ": y " + got[1] + " for " + p[1]);
                    }
                }
            }
        }
    }

    /** @return a packed pixel as {@code 0xRRGGBB} */
    static int rgb(int packed) {
        return (packed & 0xFF) << 16 | (packed >>> 8 & 0xFF) << 8 | (packed >>> 16 & 0xFF);
    }

    private static boolean samples(int[] got, double[] p, int w, int h, Settings s) {
        return got[0] == KaleidoscopePipeline.edge((int) Math.round(p[0]), w, s.edge())
                && got[1] == KaleidoscopePipeline.edge((int) Math.round(p[1]), h, s.edge());
    }

    /** @return the integer next to {@code v} that rounding does not pick */
    private static int otherNeighbour(double v) {
        long nearest = Math.round(v);
        return (int) (nearest == (long) Math.floor(v) ? nearest + 1 : nearest - 1);
    }

    private static boolean nearHalf(double v) {
        return Math.abs(v - Math.floor(v) - 0.5) < 1e-3;
    }

    @Test
    void twoMirroredSegmentsAreSymmetric() throws Exception {
        Stage<KaleidoscopeConfig> pipeline = new Stage<>(new KaleidoscopePipeline(), frames);
        for (int[] size : new int[][] {{64, 48}, {31, 17}, {200, 101}, {1, 1}, {5, 2}}) {
            int w = size[0];
            int h = size[1];
            Frame in = frames.colourful(w, h, 0, 0);
            int[] out = Patterns.pixels(render(pipeline, in, new Settings(2, 0, 1, true, Edge.MIRROR)));
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    assertEquals(out[y * w + x], out[(h - 1 - y) * w + x], "mirror line at (" + x + ", " + y + ")");
                }
            }
            // turned by 90 degrees the mirror line is vertical
            int[] turned = Patterns.pixels(render(pipeline, in, new Settings(2, 90, 1, true, Edge.MIRROR)));
            int asymmetric = 0;
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    asymmetric += turned[y * w + x] == turned[y * w + w - 1 - x] ? 0 : 1;
                }
            }
            assertTrue(asymmetric <= w * h / 100, asymmetric + " pixels differ from their mirror");
        }
    }

    @Test
    void spinsEveryFrameAndRestartsOnInitCache() throws Exception {
        Stage<KaleidoscopeConfig> pipeline = new Stage<>(new KaleidoscopePipeline(), frames);
        Frame in = frames.colourful(64, 64, 0, 0);
        KaleidoscopeConfig spinning = Stage.video(new KaleidoscopeConfig());
        spinning.segments = 4;
        spinning.spin = 10.0;
        Frame first = pipeline.call(spinning, in).get(0);
        Frame second = pipeline.call(spinning, in).get(0);
        assertTrue(Patterns.maxDiff(first, second) > 0, "the pattern turned");
        Stage<KaleidoscopeConfig> still = new Stage<>(new KaleidoscopePipeline(), frames);
        assertEquals(0, Patterns.maxDiff(first, render(still, in, new Settings(4, 0, 1, true, Edge.MIRROR))));
        assertEquals(0, Patterns.maxDiff(second, render(still, in, new Settings(4, 10, 1, true, Edge.MIRROR))));
        assertEquals(0, Patterns.maxDiff(first, pipeline.restart().call(spinning, in).get(0)), "init_cache");
        Patterns.assertOpaque(first);

        // a new rotation reaches configure and turns the next frame from there on
        KaleidoscopeConfig turned = Stage.video(new KaleidoscopeConfig());
        turned.segments = 4;
        turned.spin = 10.0;
        turned.rotation = 45;
        Frame third = pipeline.call(turned, in).get(0);
        assertEquals(0, Patterns.maxDiff(third, render(still, in, new Settings(4, 55, 1, true, Edge.MIRROR))));
        pipeline.close();
        still.close();
    }

    @Test
    void greyStaysGrey() throws Exception {
        Frame grey = frames.frame(40, 30, (x, y) -> (x * 6 + y) % 256 * 0x010101);
        int[] out = Patterns.pixels(render(new Stage<>(new KaleidoscopePipeline(), frames), grey,
                new Settings(7, 12, 1.5, true, Edge.WRAP)));
        for (int v : out) {
            assertEquals((v & 0xFF) * 0x010101, v & 0xFFFFFF);
        }
    }
}
