package dev.scope.gpu.opencl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuStats;
import dev.scope.pipeline.api.Frame;

import org.junit.jupiter.api.Test;

/** The service without OpenCL (scope.gpu.device=none): the Java path, on any machine. */
class JavaPathTest {

    @Test
    void withoutADeviceTheServiceReportsTheJavaPath() {
        OpenClGpu gpu = new OpenClGpu(new OpenClGpu.Settings("none", null));
        System.out.println("[gpu] JavaPathTest on " + gpu.deviceName() + " (" + gpu.path() + ")");
        assertFalse(gpu.available());
        assertEquals(Gpu.PATH_JAVA, gpu.path());
        assertTrue(gpu.deviceName().contains("switched off"), gpu.deviceName());
        assertEquals(GpuStats.NONE, gpu.stats());

        Frame host = Kernels.random(8, 4, 1);
        assertSame(host, gpu.download(host), "a host frame is already on the host");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> gpu.compile("", ""));
        assertTrue(e.getMessage().contains("Gpu.available()"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> gpu.upload(host));
        assertThrows(IllegalStateException.class, () -> gpu.allocate(8, 4));
        gpu.close();
    }

    @Test
    void anUnknownDeviceNameFallsBackToTheJavaPathWithTheReason() {
        OpenClGpu gpu = new OpenClGpu(new OpenClGpu.Settings("no-such-device-xyz", null));
        System.out.println("[gpu] JavaPathTest on " + gpu.deviceName() + " (" + gpu.path() + ")");
        assertFalse(gpu.available());
        assertEquals(Gpu.PATH_JAVA, gpu.path());
        assertTrue(gpu.deviceName().contains("no-such-device-xyz") || gpu.deviceName().contains("OpenCL"),
                gpu.deviceName());
        gpu.close();
    }
}
