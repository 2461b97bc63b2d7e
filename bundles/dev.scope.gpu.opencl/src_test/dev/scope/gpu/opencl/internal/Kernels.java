package dev.scope.gpu.opencl.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuProgram;
import dev.scope.pipeline.api.Frame;
import dev.scope.pipeline.api.FrameAllocator;

/** The test kernels ({@code kernels.cl}, a resource beside this class) and their Java references, on packed pixels. */
final class Kernels {

    static final String RESOURCE = "kernels.cl";

    private Kernels() {
    }

    /** @return the test program, compiled from the resource (cached by the service) */
    static GpuProgram program(Gpu gpu) {
        return gpu.compile(Kernels.class, RESOURCE, "");
    }

    /** @return the text of a resource beside this class */
    static String source(String resource) {
        try (InputStream in = Kernels.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("no test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return random packed pixels, padding bytes included, reproducible by seed */
    static int[] random(int width, int height, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int[] pixels = new int[width * height];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = random.nextInt();
        }
        return pixels;
    }

    /**
     * @return random packed pixels with the padding byte set: what a host frame holds after a write of
     *         {@link #random} pixels (the platform stores the padding as 0xFF)
     */
    static int[] opaqueRandom(int width, int height, long seed) {
        int[] pixels = random(width, height, seed);
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] |= Frame.OPAQUE;
        }
        return pixels;
    }

    /** @return a host frame of {@code frames} holding random pixels */
    static Frame randomFrame(FrameAllocator frames, int width, int height, long seed) {
        return frames.of(width, height, random(width, height, seed));
    }

    /** @return every pixel of a frame */
    static int[] read(Frame frame) {
        int[] pixels = new int[frame.width() * frame.height()];
        frame.read(pixels);
        return pixels;
    }

    /** 255 - each colour byte, the padding byte kept. */
    static int[] invert(int[] pixels) {
        int[] out = new int[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            out[i] = pixels[i] ^ 0x00FF_FFFF;
        }
        return out;
    }

    /** BT.601 luma in 16-bit fixed point, padding 0xFF. */
    static int[] gray(int[] pixels) {
        int[] out = new int[pixels.length];
        for (int i = 0; i < pixels.length; i++) {
            int p = pixels[i];
            int y = (19595 * (p & 0xFF) + 38470 * (p >>> 8 & 0xFF) + 7471 * (p >>> 16 & 0xFF) + 32768) >>> 16;
            out[i] = y | y << 8 | y << 16 | Frame.OPAQUE;
        }
        return out;
    }

    /** @return the index of the first differing pixel, or -1 when equal */
    static int firstDifference(int[] expected, int[] actual) {
        return Arrays.mismatch(expected, actual);
    }

    /** @return the index of the first pixel of the frame that differs from the expected, or -1 */
    static int firstDifference(int[] expected, Frame actual) {
        return firstDifference(expected, read(actual));
    }
}
