package dev.scope.frames;

import java.lang.reflect.Proxy;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;

import dev.scope.gpu.api.Gpu;
import dev.scope.pipeline.api.Frame;

/** Frames and devices the tests make: foreign frames of another maker, random pixels, a Gpu that refuses. */
final class TestFrames {

    private TestFrames() {
    }

    /** @return {@code n} random packed pixels, padding bytes random too */
    static int[] random(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] px = new int[n];
        for (int i = 0; i < n; i++) {
            px[i] = r.nextInt();
        }
        return px;
    }

    /** @return {@code n} copies of {@code pixel} */
    static int[] filled(int n, int pixel) {
        int[] px = new int[n];
        java.util.Arrays.fill(px, pixel);
        return px;
    }

    /** @return every pixel of {@code frame} */
    static int[] pixels(Frame frame) {
        int[] px = new int[frame.width() * frame.height()];
        frame.read(px);
        return px;
    }

    /** @return the pixels with the padding byte set, as the platform stores them */
    static int[] opaque(int[] px) {
        int[] out = new int[px.length];
        for (int i = 0; i < px.length; i++) {
            out[i] = px[i] | Frame.OPAQUE;
        }
        return out;
    }

    /** A frame of another maker: pixels in an int array, no memory the pool knows. */
    static final class ArrayFrame implements Frame {
        final int width;
        final int height;
        final int[] pixels;
        final Residency residency;
        final AtomicInteger releases = new AtomicInteger();
        private boolean released;

        ArrayFrame(int width, int height, int[] pixels, Residency residency) {
            this.width = width;
            this.height = height;
            this.pixels = pixels;
            this.residency = residency;
        }

        @Override
        public int width() {
            return width;
        }

        @Override
        public int height() {
            return height;
        }

        @Override
        public Residency residency() {
            return residency;
        }

        @Override
        public boolean writable() {
            return !released;
        }

        @Override
        public void readRows(int firstRow, int rows, int[] dst, int offset) {
            if (released) {
                throw new IllegalStateException("released");
            }
            Objects.checkFromIndexSize(firstRow, rows, height);
            System.arraycopy(pixels, firstRow * width, dst, offset, rows * width);
        }

        @Override
        public void writeRows(int firstRow, int rows, int[] src, int offset) {
            Objects.checkFromIndexSize(firstRow, rows, height);
            for (int i = 0; i < rows * width; i++) {
                pixels[firstRow * width + i] = src[offset + i] | OPAQUE;
            }
        }

        @Override
        public Frame retain() {
            return new ArrayFrame(width, height, pixels, residency);
        }

        @Override
        public void release() {
            released = true;
            releases.incrementAndGet();
        }
    }

    /** Thrown by {@link #refusingGpu()}: names the method the code under test called. */
    static final class GpuCalled extends RuntimeException {
        private static final long serialVersionUID = 1L;

        GpuCalled(String method) {
            super("gpu." + method);
        }
    }

    /** @return a Gpu whose every method (but Object's) throws {@link GpuCalled} */
    static Gpu refusingGpu() {
        return (Gpu) Proxy.newProxyInstance(TestFrames.class.getClassLoader(), new Class<?>[] {Gpu.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "refusing gpu";
                    default -> throw new GpuCalled(method.getName());
                });
    }
}
