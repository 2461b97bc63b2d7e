package dev.scope.gpu.opencl.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The search for the OpenCL loader over fake folder layouts and a fake ld.so.cache. */
class OpenClLoaderTest {

    private static final byte[] ELF64 = {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0};
    private static final byte[] ELF32 = {0x7f, 'E', 'L', 'F', 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0};

    @TempDir
    Path dir;

    private Path library(String folder, String name, byte[] bytes) throws IOException {
        Path file = Files.createDirectories(dir.resolve(folder)).resolve(name);
        return Files.write(file, bytes);
    }

    /** A cache file as ldconfig writes it, as far as the probe reads it: a header, then NUL-terminated strings. */
    private Path cache(String... strings) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes("glibc-ld.so.cache1.1".getBytes(StandardCharsets.US_ASCII));
        bytes.writeBytes(new byte[] {3, 3, 0, 0, (byte) 0xd6, 0x53, 0, 0, '/', 0x7f});
        for (String s : strings) {
            bytes.writeBytes(s.getBytes(StandardCharsets.UTF_8));
            bytes.write(0);
        }
        return Files.write(dir.resolve("ld.so.cache"), bytes.toByteArray());
    }

    @Test
    void candidatesComeInDlopensOrderEachRealFileOnce() throws IOException {
        Path fromLibraryPath = library("ld2", "libOpenCL.so.1", ELF64);
        Path fromCache = library("cached", "libOpenCL.so.1", ELF64);
        Path fromDefault = library("lib", "libOpenCL.so.1", ELF64);
        Files.createDirectories(dir.resolve("usr"));
        Files.createSymbolicLink(dir.resolve("usr/libOpenCL.so"), fromDefault); // the same file: once
        Path devLink = library("lib64", "libOpenCL.so", ELF64);
        library("lib64", "libOpenCL.so.1.0.0", ELF64); // no name dlopen asks for
        Path cache = cache("/nowhere/libOpenCL.so.1", "libOpenCL.so.1", fromCache.toString(),
                dir.resolve("cached/libfoo.so.1").toString(), fromCache + ".0.0");

        OpenClLoader.Search search = new OpenClLoader.Search(List.of(dir.resolve("ld1"), dir.resolve("ld2")), cache,
                List.of(dir.resolve("lib"), dir.resolve("usr"), dir.resolve("lib64")));

        assertEquals(List.of(fromLibraryPath, fromCache, fromDefault, devLink), OpenClLoader.candidates(search));
    }

    @Test
    void theCacheYieldsItsAbsolutePathsOnly() throws IOException {
        Path cache = cache("libOpenCL.so.1", "/lib/x86_64-linux-gnu/libOpenCL.so.1", "", "/usr/lib/libz.so.1");
        assertEquals(List.of("/lib/x86_64-linux-gnu/libOpenCL.so.1", "/usr/lib/libz.so.1"),
                OpenClLoader.cachedPaths(cache));
        assertEquals(List.of(), OpenClLoader.cachedPaths(dir.resolve("missing")));
    }

    @Test
    void ldLibraryPathSplitsAsLdSoDoes() {
        assertEquals(List.of(Path.of("/a"), Path.of("/b"), Path.of("/c")),
                OpenClLoader.Search.libraryPath("/a:/b;/c"));
        assertEquals(List.of(Path.of("/a"), Path.of("").toAbsolutePath(), Path.of("/b")),
                OpenClLoader.Search.libraryPath("/a::/b"));
        assertEquals(List.of(), OpenClLoader.Search.libraryPath(null));
        assertEquals(List.of(), OpenClLoader.Search.libraryPath(""));
        assertEquals(Path.of("/usr/lib/x86_64-linux-gnu"), OpenClLoader.Search.defaultDirs("amd64").get(1));
        assertEquals(Path.of("/usr/lib"), OpenClLoader.Search.defaultDirs("riscv64").getLast());
    }

    @Test
    void theFirstCandidateThatLoadsWins() throws IOException {
        Path broken = library("ld", "libOpenCL.so.1", ELF64);
        Path good = library("lib", "libOpenCL.so.1", ELF64);
        List<Path> tried = new ArrayList<>();
        OpenClLoader.Probe probe = OpenClLoader.probe(search(), library -> {
            tried.add(library);
            if (library.equals(broken)) {
                throw new UnsatisfiedLinkError(broken + ": " + broken + ": undefined symbol: clFoo");
            }
        });
        assertEquals(List.of(broken, good), tried);
        assertTrue(probe.found());
        assertEquals(good, probe.library());
        assertNull(probe.reason());
    }

    @Test
    void aLoaderAlreadyLoadedInAnotherClassLoaderIsLoadable() throws IOException {
        Path lib = library("lib", "libOpenCL.so.1", ELF64);
        OpenClLoader.Probe probe = OpenClLoader.probe(search(), library -> {
            throw new UnsatisfiedLinkError("Native Library " + library + " already loaded in another classloader");
        });
        assertTrue(probe.found(), probe.reason());
        assertEquals(lib, probe.library());
    }

    @Test
    void withNothingFoundTheReasonSaysWhereItLookedAndWhatToInstall() {
        OpenClLoader.Probe probe = OpenClLoader.probe(search(), library -> {
            throw new AssertionError("nothing to load, yet it loaded " + library);
        });
        assertFalse(probe.found());
        assertNull(probe.library());
        String reason = probe.reason();
        assertTrue(reason.startsWith("no OpenCL loader: no libOpenCL.so.1 or libOpenCL.so in LD_LIBRARY_PATH ("
                + dir.resolve("ld") + "), " + dir.resolve("ld.so.cache") + ", " + dir.resolve("lib") + "; "), reason);
        assertTrue(reason.contains("apt-get install ocl-icd-libopencl1 pocl-opencl-icd"), reason);
    }

    @Test
    void filesThatAreNoLibraryForThisJavaNeverReachTheLoader() throws IOException {
        Path empty = library("ld", "libOpenCL.so.1", new byte[0]);
        Path text = library("lib", "libOpenCL.so.1", "INPUT(-lOpenCL)\n".getBytes(StandardCharsets.US_ASCII));
        Path bits32 = library("ld", "libOpenCL.so", ELF32);
        Path failing = library("lib", "libOpenCL.so", ELF64);
        List<Path> tried = new ArrayList<>();
        OpenClLoader.Probe probe = OpenClLoader.probe(search(), library -> {
            tried.add(library);
            throw new UnsatisfiedLinkError(library + ": " + library + ": file too short");
        });
        assertEquals(List.of(failing), tried);
        assertFalse(probe.found());
        assertEquals("no OpenCL loader loads (" + empty + ": not a shared library (empty); " + text
                + ": not a shared library (no ELF header); " + bits32 + ": a 32-bit library, this Java is 64-bit; "
                + failing + ": file too short); " + OpenClLoader.INSTALL, probe.reason());
    }

    @Test
    void theJdksRepeatedPathIsDropped() {
        assertEquals("/l/x.so: file too short", OpenClLoader.withoutRepeatedPath("/l/x.so: /l/x.so: file too short"));
        assertEquals("Can't load library: /l/x.so", OpenClLoader.withoutRepeatedPath("Can't load library: /l/x.so"));
    }

    /** On a machine with OpenCL (releng/test installs PoCL), the real search finds its loader. */
    @Test
    @ExtendWith(TestGpus.class)
    void theSystemSearchFindsThisMachinesLoader() {
        OpenClLoader.Probe probe = OpenClLoader.probe(OpenClLoader.Search.system(), OpenClLoader.SYSTEM_LOAD);
        assertTrue(probe.found(), probe.reason());
        assertTrue(probe.library().getFileName().toString().startsWith("libOpenCL.so"), probe.library().toString());
    }

    private OpenClLoader.Search search() {
        return new OpenClLoader.Search(List.of(dir.resolve("ld")), dir.resolve("ld.so.cache"), List.of(dir.resolve("lib")));
    }
}
