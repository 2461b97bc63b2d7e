package dev.scope.gpu.opencl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import dev.scope.gpu.api.DeviceFrame;
import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuBuffer;
import dev.scope.gpu.api.GpuBuildException;
import dev.scope.gpu.api.GpuKernel;
import dev.scope.gpu.api.GpuProgram;
import dev.scope.gpu.api.GpuStats;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Typed kernel arguments (long, double, double[], buffers), scratch buffers and {@code .cl}
 * resources: each value is written back by a kernel into a frame, whose words are read here.
 */
@ExtendWith(TestGpus.class)
class ArgumentsTest {

    private Gpu gpu;
    private GpuProgram program;

    @BeforeEach
    void device() {
        gpu = TestGpus.service();
        program = Kernels.program(gpu);
    }

    private static long word64(int[] words, int at) {
        return words[at] & 0xFFFF_FFFFL | (long) words[at + 1] << 32;
    }

    @Test
    void longsReachTheKernel() {
        DeviceFrame out = gpu.allocate(4, 1);
        long a = -0x1234_5678_9ABC_DEF1L;
        long b = 0xFEDC_BA98_7654_3210L;
        program.kernel("longs").launch(1, 1).out(out).arg(a).arg(b).run();
        int[] words = Kernels.read(out);
        assertEquals(a, word64(words, 0));
        assertEquals(b, word64(words, 2));
        out.release();
    }

    @Test
    void doublesAndDoubleArraysReachTheKernel() {
        GpuKernel doubles = program.kernel("invert"); // any kernel: the refusal comes before the launch
        if (!gpu.doubles()) {
            assertThrows(IllegalStateException.class, () -> doubles.launch(1, 1).arg(0.5));
            assertThrows(IllegalStateException.class, () -> doubles.launch(1, 1).arg(new double[] {0.5}));
            return;
        }
        GpuKernel kernel = gpu.compile(Kernels.class, "doubles.cl", "").kernel("doubles");
        double d = Math.PI * 1e-300; // needs double precision: a float would be 0
        double[] table = {1.0 / 3, -2.5e100, Double.MIN_NORMAL};
        DeviceFrame out = gpu.allocate(8, 1);
        long before = gpu.stats().uploadedBytes();
        kernel.launch(1, 1).out(out).arg(d).arg(table).arg(table.length).run();
        int[] words = Kernels.read(out);
        assertEquals(d, Double.longBitsToDouble(word64(words, 0)));
        for (int i = 0; i < table.length; i++) {
            assertEquals(table[i] * 2, Double.longBitsToDouble(word64(words, 2 + 2 * i)), "table[" + i + "] * 2");
        }
        assertEquals(table.length * Double.BYTES, gpu.stats().uploadedBytes() - before);

        // the same values again: no upload; a changed value: uploaded, and seen
        kernel.launch(1, 1).out(out).arg(d).arg(table).arg(table.length).run();
        assertEquals(table.length * Double.BYTES, gpu.stats().uploadedBytes() - before, "unchanged values stay");
        table[1] = 7.25;
        kernel.launch(1, 1).out(out).arg(d).arg(table).arg(table.length).run();
        assertEquals(2 * table.length * Double.BYTES, gpu.stats().uploadedBytes() - before);
        assertEquals(14.5, Double.longBitsToDouble(word64(Kernels.read(out), 4)));
        out.release();
    }

    @Test
    void aBufferOfValuesRoundTrips() {
        int[] values = Kernels.random(37, 1, 21);
        GpuBuffer buffer = gpu.buffer(values);
        assertEquals(37L * Integer.BYTES, buffer.bytes());
        DeviceFrame out = gpu.allocate(37, 1);
        program.kernel("copy").launch(37, 1).arg(buffer).out(out).run();
        assertEquals(-1, Kernels.firstDifference(values, out));
        buffer.release();
        out.release();
    }

    /** A scratch buffer between two launches, then back to the pool; a released one is refused. */
    @Test
    void scratchBuffersCarryResultsBetweenLaunchesAndArePooled() {
        GpuStats before = gpu.stats();
        GpuBuffer scratch = gpu.buffer(64L * 4 * Integer.BYTES + 12);
        program.kernel("fill").launch(64, 4).arg(scratch).arg(1000).run();
        DeviceFrame out = gpu.allocate(64, 4);
        program.kernel("copy").launch(64, 4).arg(scratch).out(out).run();
        int[] words = Kernels.read(out);
        for (int i = 0; i < words.length; i++) {
            assertEquals(1000 + i, words[i], "word " + i);
        }
        scratch.release();
        IllegalStateException twice = assertThrows(IllegalStateException.class, scratch::release);
        assertTrue(twice.getMessage().contains("already released"), twice.getMessage());
        assertThrows(IllegalStateException.class, () -> program.kernel("fill").launch(1, 1).arg(scratch));

        GpuStats reuse = gpu.stats();
        GpuBuffer again = gpu.buffer(64L * 4 * Integer.BYTES + 12);
        assertEquals(1, gpu.stats().since(reuse).buffersReused(), "the released buffer came back");
        assertEquals(0, gpu.stats().since(reuse).buffersCreated());
        again.release();
        out.release();
        assertEquals(before.framesInUse(), gpu.stats().framesInUse());
        assertThrows(IllegalArgumentException.class, () -> gpu.buffer(0));
        assertThrows(IllegalArgumentException.class, () -> gpu.buffer(new int[0]));
    }

    @Test
    void aBufferOfAnotherServiceIsRefused(@TempDir Path cache) throws Exception {
        OpenClGpu other = OpenClGpu.open(new OpenClGpu.Settings("", cache));
        try {
            GpuBuffer foreign = other.buffer(16);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> program.kernel("fill").launch(4, 1).arg(foreign));
            assertTrue(e.getMessage().contains("not a buffer of this Gpu service"), e.getMessage());
            foreign.release();
        } finally {
            other.close();
        }
    }

    /** A resource's program is the same as its source's, and its errors name the resource. */
    @Test
    void programsFromResources() {
        assertSame(program, gpu.compile(Kernels.source(Kernels.RESOURCE), ""), "cached by source and options");
        assertSame(program, gpu.compile(Kernels.class, Kernels.RESOURCE, null));

        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> gpu.compile(Kernels.class, "missing.cl", ""));
        assertTrue(missing.getMessage().contains("'missing.cl'"), missing.getMessage());
        assertTrue(missing.getMessage().contains(Kernels.class.getName()), missing.getMessage());

        GpuBuildException broken = assertThrows(GpuBuildException.class,
                () -> gpu.compile(Kernels.class, "broken.cl", ""));
        System.out.println("[gpu] build error in a resource: " + broken.getMessage());
        assertTrue(broken.getMessage().contains("broken.cl:3:"), broken.getMessage());
        assertTrue(broken.getMessage().contains("undefined_thing"), broken.getMessage());
    }
}
