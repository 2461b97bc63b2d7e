package dev.scope.gpu.opencl.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Finds out, before any {@code org.jocl} class is touched, whether an OpenCL loader can be
 * loaded at all.
 *
 * <p>Why: JOCL's native code dlopen()s {@code libOpenCL.so.1}, then {@code libOpenCL.so}, while
 * {@code org.jocl.CL} initialises, and reports each failure with {@code vfprintf(stdout, ...)}
 * from C. Nothing in Java can redirect that, and it happens before {@code CL.setLogLevel} could
 * be called, so on a machine without a loader every command's JSON was followed by two lines of
 * it. The probe therefore looks for the library where dlopen would ({@code LD_LIBRARY_PATH}, the
 * paths {@code /etc/ld.so.cache} lists, the default library folders) and loads the first
 * candidate that loads with {@link System#load}. glibc's dlopen finds a library already in the
 * process by its soname ({@code libOpenCL.so.1} for every loader: ocl-icd, Khronos', NVIDIA's),
 * so JOCL then uses exactly that one and its own search cannot fail. When none loads, the
 * service never touches JOCL.
 */
final class OpenClLoader {

    /** The names JOCL asks dlopen for, in its order. */
    static final List<String> NAMES = List.of("libOpenCL.so.1", "libOpenCL.so");
    static final String INSTALL = "install the OpenCL loader and a driver (Debian: apt-get install ocl-icd-libopencl1"
            + " pocl-opencl-icd, or a GPU vendor's OpenCL driver)";

    /** {@link System#load}, from this bundle's class loader. */
    static final Loader SYSTEM_LOAD = library -> System.load(library.toString());

    private static final Pattern PATH_SEPARATORS = Pattern.compile("[:;]");
    private static final int MAX_CACHE_BYTES = 64 << 20;

    /**
     * Where dlopen looks for a name without a slash, in its order.
     *
     * @param libraryPath the folders of {@code LD_LIBRARY_PATH}
     * @param ldSoCache the dynamic linker's cache, {@code /etc/ld.so.cache}; may be missing
     * @param defaultDirs the default library folders
     */
    record Search(List<Path> libraryPath, Path ldSoCache, List<Path> defaultDirs) {

        Search {
            libraryPath = List.copyOf(libraryPath);
            Objects.requireNonNull(ldSoCache, "ldSoCache");
            defaultDirs = List.copyOf(defaultDirs);
        }

        /** This process's: {@code LD_LIBRARY_PATH}, {@code /etc/ld.so.cache}, the folders of this architecture. */
        static Search system() {
            return new Search(libraryPath(System.getenv("LD_LIBRARY_PATH")), Path.of("/etc/ld.so.cache"),
                    defaultDirs(System.getProperty("os.arch", "")));
        }

        /** Splits {@code LD_LIBRARY_PATH} as ld.so does: on ':' and ';', an empty entry is the working folder. */
        static List<Path> libraryPath(String value) {
            if (value == null || value.isEmpty()) {
                return List.of();
            }
            List<Path> dirs = new ArrayList<>();
            for (String dir : PATH_SEPARATORS.split(value, -1)) {
                dirs.add(dir.isEmpty() ? Path.of("").toAbsolutePath() : Path.of(dir));
            }
            return dirs;
        }

        /** glibc's trusted folders: Debian's multiarch ones, the lib64 ones of other distributions, then /lib, /usr/lib. */
        static List<Path> defaultDirs(String osArch) {
            String triplet = switch (osArch.toLowerCase(Locale.ROOT)) {
                case "amd64", "x86_64" -> "x86_64-linux-gnu";
                case "aarch64", "arm64" -> "aarch64-linux-gnu";
                default -> null;
            };
            List<Path> dirs = new ArrayList<>();
            if (triplet != null) {
                dirs.add(Path.of("/lib", triplet));
                dirs.add(Path.of("/usr/lib", triplet));
            }
            dirs.addAll(List.of(Path.of("/lib64"), Path.of("/usr/lib64"), Path.of("/lib"), Path.of("/usr/lib")));
            return dirs;
        }

        /** Where it looks, for a message: "LD_LIBRARY_PATH (/opt/cl), /etc/ld.so.cache, /lib, /usr/lib". */
        String describe() {
            List<String> places = new ArrayList<>();
            if (!libraryPath.isEmpty()) {
                places.add("LD_LIBRARY_PATH (" + String.join(":", libraryPath.stream().map(Path::toString).toList())
                        + ")");
            }
            places.add(ldSoCache.toString());
            defaultDirs.forEach(d -> places.add(d.toString()));
            return String.join(", ", places);
        }
    }

    /**
     * What the probe found.
     *
     * @param library the loader that loaded, or null
     * @param reason why none did (what is missing and what to install), or null
     */
    record Probe(Path library, String reason) {

        boolean found() {
            return library != null;
        }
    }

    /** Loads a native library by its absolute path: {@link #SYSTEM_LOAD}, or a stand-in in tests. */
    @FunctionalInterface
    interface Loader {
        /** @throws UnsatisfiedLinkError when it does not load */
        void load(Path library);
    }

    private OpenClLoader() {
    }

    /**
     * Loads the first candidate of {@link #candidates} that loads.
     *
     * @return the library loaded, or the reason naming what was tried (or where nothing was)
     *         and what to install
     */
    static Probe probe(Search search, Loader loader) {
        List<Path> candidates = candidates(search);
        if (candidates.isEmpty()) {
            return new Probe(null, "no OpenCL loader: no " + String.join(" or ", NAMES) + " in " + search.describe()
                    + "; " + INSTALL);
        }
        List<String> failures = new ArrayList<>();
        for (Path candidate : candidates) {
            String problem = notALibrary(candidate);
            if (problem == null) {
                try {
                    loader.load(candidate);
                    return new Probe(candidate, null);
                } catch (UnsatisfiedLinkError e) {
                    if (String.valueOf(e.getMessage()).contains("already loaded in another classloader")) {
                        return new Probe(candidate, null); // in the process since before a bundle refresh
                    }
                    problem = withoutRepeatedPath(String.valueOf(e.getMessage()));
                } catch (RuntimeException e) { // IllegalCallerException where native access is denied
                    problem = candidate + ": " + e.getMessage();
                }
            }
            failures.add(problem);
        }
        return new Probe(null, "no OpenCL loader loads (" + String.join("; ", failures) + "); " + INSTALL);
    }

    /**
     * The files dlopen would try for {@link #NAMES}, in its order: each name in the
     * {@code LD_LIBRARY_PATH} folders, then the paths the cache lists for it, then the default
     * folders; only names that exist (a file, or whatever is bound over one), each real file once
     * (under its first spelling).
     */
    static List<Path> candidates(Search search) {
        Map<Path, Path> byRealPath = new LinkedHashMap<>();
        List<String> cached = cachedPaths(search.ldSoCache());
        for (String name : NAMES) {
            List<Path> tries = new ArrayList<>();
            search.libraryPath().forEach(dir -> tries.add(dir.resolve(name)));
            for (String path : cached) {
                if (path.endsWith("/" + name)) {
                    tries.add(Path.of(path));
                }
            }
            search.defaultDirs().forEach(dir -> tries.add(dir.resolve(name)));
            for (Path path : tries) {
                if (Files.exists(path) && !Files.isDirectory(path)) {
                    try {
                        byRealPath.putIfAbsent(path.toRealPath(), path.toAbsolutePath());
                    } catch (IOException e) {
                        // vanished or unreadable between the two looks: dlopen would not get it either
                    }
                }
            }
        }
        return List.copyOf(byRealPath.values());
    }

    /**
     * The absolute paths in ld.so.cache's string table, in its order. Every entry's value is a
     * NUL-terminated absolute path there (the key is the same string's file name, or a string of
     * its own), in the old format and the new one alike; a path of another architecture is refused
     * by {@link #notALibrary} or the load, as dlopen skips it by the entry's flags. Binary header
     * and entry bytes before a NUL are no path: those runs have control bytes, paths do not.
     */
    static List<String> cachedPaths(Path cache) {
        byte[] bytes;
        try {
            if (!Files.isRegularFile(cache) || Files.size(cache) > MAX_CACHE_BYTES) {
                return List.of();
            }
            bytes = Files.readAllBytes(cache);
        } catch (IOException e) {
            return List.of();
        }
        List<String> paths = new ArrayList<>();
        int start = 0;
        boolean text = true;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == 0) {
                if (text && i - start > 1 && bytes[start] == '/') {
                    paths.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
                }
                start = i + 1;
                text = true;
            } else if ((bytes[i] & 0xff) < 0x20 || bytes[i] == 0x7f) {
                text = false;
            }
        }
        return paths;
    }

    /**
     * Why the file is no shared library this JVM can load, or null when its ELF header fits.
     * Checked before {@link System#load}, which dlopen would refuse anyway: the JVM reads the
     * headers first and prints a "might have disabled stack guard" warning for a file it cannot
     * parse (an empty one, {@code /dev/null} bound over the library).
     */
    static String notALibrary(Path file) {
        byte[] header = new byte[5];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(header, 0, header.length);
        } catch (IOException e) {
            return file + ": unreadable (" + e.getMessage() + ")";
        }
        if (read < header.length || header[0] != 0x7f || header[1] != 'E' || header[2] != 'L' || header[3] != 'F') {
            return file + ": not a shared library (" + (read == 0 ? "empty" : "no ELF header") + ")";
        }
        int wanted = "32".equals(System.getProperty("sun.arch.data.model")) ? 1 : 2; // ELFCLASS32, ELFCLASS64
        if (header[4] != wanted) {
            return file + ": a " + (header[4] == 1 ? "32" : "64") + "-bit library, this Java is "
                    + (wanted == 1 ? "32" : "64") + "-bit";
        }
        return null;
    }

    /** The JDK puts the path before dlerror's message, which starts with it too: "p: p: why" -> "p: why". */
    static String withoutRepeatedPath(String message) {
        int colon = message.indexOf(": ");
        if (colon > 0) {
            String head = message.substring(0, colon + 2);
            if (message.startsWith(head, colon + 2)) {
                return message.substring(colon + 2);
            }
        }
        return message;
    }
}
