package dev.scope.gpu.opencl.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Program binaries on disk, one file per device, driver, options and source ({@code <sha256>.bin}),
 * so that a restart skips the OpenCL C compiler. Best effort: a cache that cannot be read or
 * written is logged once and ignored. Files are written to a temp file and moved into place, so
 * concurrent processes never read half a file. Thread-safe.
 */
final class BinaryCache {

    private static final System.Logger LOG = System.getLogger(BinaryCache.class.getName());

    private final Path dir;
    private volatile boolean warned;

    /** @param dir the cache folder, created on first store; null disables the cache */
    BinaryCache(Path dir) {
        this.dir = dir;
    }

    static String sha256(String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                digest.update(part.getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** @return the binary stored under {@code key}, or null */
    byte[] load(String key) {
        if (dir == null) {
            return null;
        }
        Path file = dir.resolve(key + ".bin");
        try {
            return Files.isRegularFile(file) ? Files.readAllBytes(file) : null;
        } catch (IOException e) {
            warn("cannot read " + file, e);
            return null;
        }
    }

    void store(String key, byte[] binary) {
        if (dir == null || binary.length == 0) {
            return;
        }
        try {
            Files.createDirectories(dir);
            Path temp = Files.createTempFile(dir, key, ".tmp");
            Files.write(temp, binary);
            Files.move(temp, dir.resolve(key + ".bin"), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            warn("cannot write to " + dir, e);
        }
    }

    void delete(String key) {
        if (dir != null) {
            try {
                Files.deleteIfExists(dir.resolve(key + ".bin"));
            } catch (IOException e) {
                warn("cannot delete a stale binary in " + dir, e);
            }
        }
    }

    private void warn(String what, IOException e) {
        if (!warned) {
            warned = true;
            LOG.log(Level.WARNING, "OpenCL binary cache: " + what + " (" + e + "); kernels are compiled from source");
        }
    }
}
