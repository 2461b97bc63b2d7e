package dev.scope.pipelines.effects.internal;

import java.util.Arrays;

/**
 * A plane of levels padded on every side by repeating its edge pixels, so that reads up to
 * {@code pad} pixels outside need no clamping: the value at {@code (x, y)}, for
 * {@code -pad <= x < width + pad} and likewise {@code y}, is {@code values[index(x, y)]} and
 * equals the value at the nearest pixel inside.
 */
final class Plane {

    final int width;
    final int height;
    final int pad;
    final int stride;
    final int[] values;

    Plane(int width, int height, int pad) {
        this.width = width;
        this.height = height;
        this.pad = pad;
        this.stride = width + 2 * pad;
        this.values = new int[stride * (height + 2 * pad)];
    }

    int index(int x, int y) {
        return (y + pad) * stride + pad + x;
    }

    /** Pads the ends of row {@code y}, once it is written. */
    void padRow(int y) {
        int o = index(0, y);
        Arrays.fill(values, o - pad, o, values[o]);
        Arrays.fill(values, o + width, o + width + pad, values[o + width - 1]);
    }

    /** Pads above and below, once every row is written and padded. */
    void padTopAndBottom() {
        int first = index(-pad, 0);
        int last = index(-pad, height - 1);
        for (int y = 1; y <= pad; y++) {
            System.arraycopy(values, first, values, first - y * stride, stride);
            System.arraycopy(values, last, values, last + y * stride, stride);
        }
    }

    /** Writes rows {@code from..to} of this plane as the rounded means of 2x2 pixels of {@code src}, clamped at its edges. */
    void halve(Plane src, int from, int to) {
        int[] s = src.values;
        for (int y = from; y < to; y++) {
            int o = index(0, y);
            int top = src.index(0, 2 * y);
            int bottom = 2 * y + 1 < src.height ? top + src.stride : top;
            int lastX = src.width - 1;
            for (int x = 0; x < width; x++) {
                int x0 = 2 * x;
                int x1 = Math.min(x0 + 1, lastX);
                values[o + x] = (s[top + x0] + s[top + x1] + s[bottom + x0] + s[bottom + x1] + 2) >> 2;
            }
            padRow(y);
        }
    }
}
