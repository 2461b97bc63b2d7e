package dev.scope.gpu.opencl.internal;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

import dev.scope.pipeline.api.Frame;

/** Test kernels and their Java references. */
final class Kernels {

    /** invert: 255 - each colour byte; gray: BT.601 luma in 16-bit fixed point (as the built-in gray stage). */
    static final String SOURCE = """
            __kernel void invert(__global const uchar4* src, __global uchar4* dst) {
                size_t i = get_global_id(1) * get_global_size(0) + get_global_id(0);
                uchar4 p = src[i];
                dst[i] = (uchar4)(255 - p.x, 255 - p.y, 255 - p.z, p.w);
            }

            __kernel void gray(__global const uchar4* src, __global uchar4* dst) {
                size_t i = get_global_id(1) * get_global_size(0) + get_global_id(0);
                uint4 p = convert_uint4(src[i]);
                uchar y = (uchar)((19595u * p.x + 38470u * p.y + 7471u * p.z + 32768u) >> 16);
                dst[i] = (uchar4)(y, y, y, 255);
            }

            __kernel void copy(__global const uint* src, __global uint* dst) {
                size_t i = get_global_id(1) * get_global_size(0) + get_global_id(0);
                dst[i] = src[i];
            }

            __kernel void scale(__global const uchar4* src, __global uchar4* dst, int width,
                                float gain, __constant float* weights) {
                size_t i = get_global_id(1) * width + get_global_id(0);
                float4 p = convert_float4(src[i]) * gain;
                dst[i] = convert_uchar4_sat_rte(p * (float4)(weights[0], weights[1], weights[2], 1.0f));
            }
            """;

    private Kernels() {
    }

    /** A frame of random bytes (padding bytes included), reproducible by seed. */
    static Frame random(int width, int height, long seed) {
        Frame frame = Frame.allocate(width, height);
        ByteBuffer p = frame.pixels();
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < p.limit(); i += 8) {
            long bits = random.nextLong();
            for (int b = 0; b < 8 && i + b < p.limit(); b++) {
                p.put(i + b, (byte) (bits >>> (8 * b)));
            }
        }
        return frame;
    }

    static Frame invert(Frame in) {
        Frame out = Frame.allocate(in.width(), in.height());
        ByteBuffer src = in.pixels();
        ByteBuffer dst = out.pixels();
        for (int i = 0; i < src.limit(); i += 4) {
            dst.put(i, (byte) ~src.get(i)).put(i + 1, (byte) ~src.get(i + 1)).put(i + 2, (byte) ~src.get(i + 2))
                    .put(i + 3, src.get(i + 3));
        }
        return out;
    }

    static Frame gray(Frame in) {
        Frame out = Frame.allocate(in.width(), in.height());
        ByteBuffer src = in.pixels();
        ByteBuffer dst = out.pixels();
        for (int i = 0; i < src.limit(); i += 4) {
            int y = (19595 * (src.get(i) & 0xFF) + 38470 * (src.get(i + 1) & 0xFF)
                    + 7471 * (src.get(i + 2) & 0xFF) + 32768) >>> 16;
            dst.put(i, (byte) y).put(i + 1, (byte) y).put(i + 2, (byte) y).put(i + 3, (byte) 0xFF);
        }
        return out;
    }

    /** @return the index of the first differing byte, or -1 when equal */
    static int firstDifference(Frame expected, Frame actual) {
        ByteBuffer a = expected.pixels();
        ByteBuffer b = actual.pixels();
        int mismatch = a.mismatch(b);
        return mismatch;
    }
}
