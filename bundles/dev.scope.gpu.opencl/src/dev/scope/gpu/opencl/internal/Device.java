package dev.scope.gpu.opencl.internal;

import static org.jocl.CL.CL_DEVICE_AVAILABLE;
import static org.jocl.CL.CL_DEVICE_EXTENSIONS;
import static org.jocl.CL.CL_DEVICE_GLOBAL_MEM_SIZE;
import static org.jocl.CL.CL_DEVICE_NAME;
import static org.jocl.CL.CL_DEVICE_TYPE;
import static org.jocl.CL.CL_DEVICE_TYPE_ALL;
import static org.jocl.CL.CL_DEVICE_TYPE_CPU;
import static org.jocl.CL.CL_DEVICE_VERSION;
import static org.jocl.CL.CL_DRIVER_VERSION;
import static org.jocl.CL.CL_PLATFORM_NAME;
import static org.jocl.CL.CL_PLATFORM_VERSION;
import static org.jocl.CL.clGetDeviceIDs;
import static org.jocl.CL.clGetDeviceInfo;
import static org.jocl.CL.clGetPlatformIDs;
import static org.jocl.CL.clGetPlatformInfo;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import dev.scope.gpu.api.Gpu;

import org.jocl.CL;
import org.jocl.CLException;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_device_id;
import org.jocl.cl_platform_id;

/**
 * One OpenCL device with what the service reports about it.
 *
 * @param platform its platform
 * @param id the device
 * @param name the device name, as the driver reports it
 * @param path {@link Gpu#PATH_OPENCL_GPU} or {@link Gpu#PATH_OPENCL_CPU}
 * @param platformName the platform's name and version
 * @param version the device's OpenCL version
 * @param driver the driver version
 * @param doubles whether it has {@code cl_khr_fp64}
 * @param memoryBytes its global memory in bytes
 */
record Device(cl_platform_id platform, cl_device_id id, String name, String path,
        String platformName, String version, String driver, boolean doubles, long memoryBytes) {

    /** No device: {@link #choose} explains why in the message. */
    static final class NoDeviceException extends Exception {
        private static final long serialVersionUID = 1L;

        NoDeviceException(String reason) {
            super(reason);
        }
    }

    /** Identifies the compiler for the on-disk binary cache: a new driver invalidates it. */
    String fingerprint() {
        return platformName + "\n" + name + "\n" + version + "\n" + driver;
    }

    @Override
    public String toString() {
        return name + " (" + platformName + ", " + version + ", driver " + driver + ")";
    }

    /**
     * Lists the available devices of every platform and picks one: the first whose name contains
     * {@code wanted} (ignoring case) when given, else the first GPU or accelerator, else the first
     * CPU device. The first use of {@code org.jocl}: call it only once {@link OpenClLoader} has
     * loaded a loader, or JOCL prints its failure to find one on stdout.
     *
     * @param wanted part of a device name, or blank for the automatic choice
     * @return the device
     * @throws NoDeviceException when OpenCL is missing or has no available device
     */
    static Device choose(String wanted) throws NoDeviceException {
        List<Device> devices;
        try {
            // JOCL's native log goes to stdout, where it would break machine-readable output
            CL.setLogLevel(CL.LogLevel.LOG_QUIET);
            CL.setExceptionsEnabled(true);
            devices = all();
        } catch (LinkageError e) {
            throw new NoDeviceException("OpenCL could not be loaded (" + e.getMessage()
                    + "); install an OpenCL driver, e.g. apt-get install pocl-opencl-icd");
        } catch (CLException e) {
            throw new NoDeviceException("no OpenCL platform (" + e.getMessage()
                    + "); install an OpenCL driver, e.g. apt-get install pocl-opencl-icd");
        }
        if (devices.isEmpty()) {
            throw new NoDeviceException("OpenCL has no available device");
        }
        if (wanted != null && !wanted.isBlank()) {
            String needle = wanted.strip().toLowerCase(Locale.ROOT);
            for (Device d : devices) {
                if (d.name.toLowerCase(Locale.ROOT).contains(needle)) {
                    return d;
                }
            }
            throw new NoDeviceException("no OpenCL device named like '" + wanted + "'; devices: "
                    + devices.stream().map(Device::name).toList());
        }
        return devices.stream()
                .min(Comparator.comparing(d -> d.path.equals(Gpu.PATH_OPENCL_GPU) ? 0 : 1))
                .orElseThrow();
    }

    private static List<Device> all() {
        int[] count = new int[1];
        clGetPlatformIDs(0, null, count);
        cl_platform_id[] platforms = new cl_platform_id[count[0]];
        clGetPlatformIDs(platforms.length, platforms, null);
        List<Device> devices = new ArrayList<>();
        for (cl_platform_id platform : platforms) {
            String platformName = platformString(platform, CL_PLATFORM_NAME) + " "
                    + platformString(platform, CL_PLATFORM_VERSION);
            cl_device_id[] ids;
            try {
                clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, 0, null, count);
                ids = new cl_device_id[count[0]];
                clGetDeviceIDs(platform, CL_DEVICE_TYPE_ALL, ids.length, ids, null);
            } catch (CLException e) {
                continue; // CL_DEVICE_NOT_FOUND: a platform without devices
            }
            for (cl_device_id id : ids) {
                int[] available = new int[1];
                clGetDeviceInfo(id, CL_DEVICE_AVAILABLE, Sizeof.cl_int, Pointer.to(available), null);
                if (available[0] == 0) {
                    continue;
                }
                long[] type = new long[1];
                clGetDeviceInfo(id, CL_DEVICE_TYPE, Sizeof.cl_long, Pointer.to(type), null);
                String path = (type[0] & CL_DEVICE_TYPE_CPU) != 0 ? Gpu.PATH_OPENCL_CPU : Gpu.PATH_OPENCL_GPU;
                boolean doubles = Arrays.asList(deviceString(id, CL_DEVICE_EXTENSIONS).split("\\s+"))
                        .contains("cl_khr_fp64");
                long[] memory = new long[1];
                clGetDeviceInfo(id, CL_DEVICE_GLOBAL_MEM_SIZE, Sizeof.cl_ulong, Pointer.to(memory), null);
                devices.add(new Device(platform, id, deviceString(id, CL_DEVICE_NAME), path, platformName,
                        deviceString(id, CL_DEVICE_VERSION), deviceString(id, CL_DRIVER_VERSION), doubles, memory[0]));
            }
        }
        return devices;
    }

    private static String platformString(cl_platform_id platform, int param) {
        return infoString((size, value, sizeOut) -> clGetPlatformInfo(platform, param, size, value, sizeOut));
    }

    private static String deviceString(cl_device_id id, int param) {
        return infoString((size, value, sizeOut) -> clGetDeviceInfo(id, param, size, value, sizeOut));
    }

    /** One of OpenCL's {@code clGet*Info} calls with its object and parameter bound. */
    interface InfoQuery {
        int get(long size, Pointer value, long[] sizeOut);
    }

    /** Asks for the size, then for the bytes, of a string-valued info parameter. */
    static String infoString(InfoQuery query) {
        long[] size = new long[1];
        query.get(0, null, size);
        byte[] bytes = new byte[(int) size[0]];
        query.get(bytes.length, Pointer.to(bytes), null);
        return cString(bytes);
    }

    static String cString(byte[] bytes) {
        int n = 0;
        while (n < bytes.length && bytes[n] != 0) {
            n++;
        }
        return new String(bytes, 0, n, StandardCharsets.UTF_8).strip();
    }
}
