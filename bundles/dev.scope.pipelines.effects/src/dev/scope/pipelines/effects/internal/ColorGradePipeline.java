package dev.scope.pipelines.effects.internal;

import dev.scope.pipeline.api.PixelEffect;
import dev.scope.pipeline.api.PixelMap;

/**
 * A colour grade as one affine map of RGB. With levels {@code v} in 0..255, contrast {@code c}
 * and brightness {@code b}:
 *
 * <pre>
 * out = clamp(round(c * (M v + 255 b - 127.5) + 127.5))      M = S(saturation) * R(hue)
 * </pre>
 *
 * where {@code R} rotates colours about the grey axis (1, 1, 1) and {@code S} scales the
 * distance from BT.601 luma. Both keep greys grey, so brightness and contrast commute with them.
 * The map is a {@link PixelMap#matrix} in 16-bit fixed point, made in {@link #configure}, which
 * the platform runs on either path with the same levels (fused with neighbouring per-pixel stages
 * in one pass); at the defaults it is the identity and the inputs go on as they are
 * ({@link #isIdentity}).
 */
final class ColorGradePipeline implements PixelEffect<ColorGradeConfig> {

    private Grade grade;

    @Override
    public void configure(ColorGradeConfig params) {
        grade = Grade.of(params.brightness, params.contrast, params.saturation, params.hue);
    }

    /** @return whether the grade {@link #configure} made from these parameters is the identity */
    @Override
    public boolean isIdentity(ColorGradeConfig params) {
        return grade.isIdentity();
    }

    /** @return the grade {@link #configure} made: the platform runs it, fused with its neighbours' maps */
    @Override
    public PixelMap map(ColorGradeConfig params) {
        return grade.map();
    }

    /**
     * The grade as a {@link PixelMap#matrix} (16-bit fixed point): {@code out_c = clamp((sum_j
     * m[3c + j] v_j + offset) >> 16)}, the offset holding the rounding half.
     */
    record Grade(PixelMap map) {

        static Grade of(double brightness, double contrast, double saturation, double hueDegrees) {
            double[] matrix = matrix(saturation, hueDegrees);
            double[] m = new double[9];
            for (int i = 0; i < 9; i++) {
                m[i] = contrast * matrix[i];
            }
            return new Grade(PixelMap.matrix(m, contrast * (255 * brightness - 127.5) + 127.5));
        }
        /** @return {@code S(saturation) * R(hue)}, row-major */
        static double[] matrix(double saturation, double hueDegrees) {
            double theta = Math.toRadians(hueDegrees);
            double cos = Math.cos(theta);
            double sin = Math.sin(theta) / Math.sqrt(3);
            double third = (1 - cos) / 3;
            // Rodrigues' rotation about (1, 1, 1) / sqrt(3)
            double[] r = {
                cos + third, third - sin, third + sin,
                third + sin, cos + third, third - sin,
                third - sin, third + sin, cos + third,
            };
            double[] luma = {0.299, 0.587, 0.114};
            double[] m = new double[9];
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    double v = 0;
                    for (int k = 0; k < 3; k++) {
                        double s = (1 - saturation) * luma[k] + (i == k ? saturation : 0);
                        v += s * r[k * 3 + j];
                    }
                    m[i * 3 + j] = v;
                }
            }
            return m;
        }

        /** @return the matrix entries in fixed point */
        int[] m() {
            return java.util.Arrays.copyOf(map.constants(), 9);
        }

        boolean isIdentity() {
            return map.isIdentity();
        }

        /** Grades {@code p[from..to)} in place. */
        void apply(int[] p, int from, int to) {
            map.applyTo(p, from, to);
        }
    }
}
