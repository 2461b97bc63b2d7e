package dev.scope.gpu.opencl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import dev.scope.gpu.api.Gpu;
import dev.scope.gpu.api.GpuStats;
import dev.scope.pipeline.api.Frame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service without OpenCL (scope.gpu.device=none, or no loader to be found): the Java path, on any machine. */
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

    /**
     * A search that finds no loader keeps the service off JOCL (on a machine with OpenCL it would
     * otherwise find the device) and says, at INFO, what is missing and what to install.
     */
    @Test
    void withoutALoaderTheServiceNeverTouchesJoclAndSaysWhatToInstall(@TempDir Path empty) {
        OpenClLoader.Search nowhere = new OpenClLoader.Search(List.of(empty), empty.resolve("ld.so.cache"), List.of(empty));
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Logger logger = Logger.getLogger(OpenClGpu.class.getName());
        Level level = logger.getLevel();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.setLevel(Level.ALL);
        logger.addHandler(capture);
        OpenClGpu gpu;
        try {
            gpu = new OpenClGpu(new OpenClGpu.Settings("", null, nowhere));
        } finally {
            logger.removeHandler(capture);
            logger.setLevel(level);
        }
        System.out.println("[gpu] JavaPathTest on " + gpu.deviceName() + " (" + gpu.path() + ")");
        assertFalse(gpu.available());
        assertEquals(Gpu.PATH_JAVA, gpu.path());
        assertEquals("none: no OpenCL loader: no libOpenCL.so.1 or libOpenCL.so in LD_LIBRARY_PATH (" + empty + "), "
                + empty.resolve("ld.so.cache") + ", " + empty + "; " + OpenClLoader.INSTALL, gpu.deviceName());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> gpu.compile("", ""));
        assertTrue(e.getMessage().contains("ocl-icd-libopencl1"), e.getMessage());

        List<LogRecord> device = logged.stream().filter(r -> r.getMessage().contains("OpenCL device")).toList();
        assertEquals(1, device.size(), logged.stream().map(LogRecord::getMessage).toList().toString());
        assertEquals(Level.INFO, device.get(0).getLevel(), "a machine without OpenCL is normal: no warning");
        assertEquals("No OpenCL device: " + gpu.deviceName().substring("none: ".length())
                + "; stages run on the Java path", device.get(0).getMessage());
        gpu.close();
    }
}
