package dev.scope.plugins.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.scope.schema.Json;

/**
 * The installed set on disk: {@code plugins.json} (written atomically, under a file lock shared
 * by every process using the same state directory) and the JAR cache {@code bundles/}.
 */
final class PluginStore {

    static final String LOCATION_PREFIX = "scope:plugin:";
    private static final int FORMAT = 1;

    private final Path home;
    private final Path stateFile;
    private final Path cacheDir;

    PluginStore(Path home) {
        this.home = home;
        this.stateFile = home.resolve("plugins.json");
        this.cacheDir = home.resolve("bundles");
    }

    Path home() {
        return home;
    }

    Path resolve(PluginRecord record) {
        return home.resolve(record.file());
    }

    /** Runs {@code action} holding the state lock, so concurrent CLI processes do not lose updates. */
    @SuppressWarnings("try")
    <T> T locked(IoAction<T> action) {
        try {
            Files.createDirectories(home);
            try (FileChannel channel = FileChannel.open(home.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                return action.run();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot use the state directory " + home + ": " + e.getMessage(), e);
        }
    }

    interface IoAction<T> {
        T run() throws IOException;
    }

    /**
     * @return the remembered plugins; a state file that cannot be read is moved aside (never
     *         deleted) and reported through the exception
     */
    List<PluginRecord> read() throws IOException {
        if (!Files.exists(stateFile)) {
            return List.of();
        }
        String text = Files.readString(stateFile);
        try {
            Object tree = Json.read(text);
            if (!(tree instanceof Map<?, ?> root) || !(root.get("plugins") instanceof List<?> list)) {
                throw new IllegalArgumentException("expected an object with a \"plugins\" list");
            }
            List<PluginRecord> records = new ArrayList<>();
            for (Object o : list) {
                if (!(o instanceof Map<?, ?> m)) {
                    throw new IllegalArgumentException("a plugin entry is not an object: " + o);
                }
                records.add(PluginRecord.fromJson(m));
            }
            return records;
        } catch (IllegalArgumentException e) {
            Path aside = stateFile.resolveSibling("plugins.json.unreadable-" + Instant.now().toEpochMilli());
            Files.move(stateFile, aside);
            throw new IOException(stateFile + " was unreadable (" + e.getMessage() + "); it was moved to " + aside
                    + " and the installed set starts empty", e);
        }
    }

    void write(List<PluginRecord> records) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("plugins", records.stream().map(PluginRecord::toJson).toList());
        Json.writeAtomically(stateFile, root);
    }

    /** Copies a JAR into the cache (atomically) and returns its record. */
    PluginRecord cache(Path jar, String name, String version) throws IOException {
        Files.createDirectories(cacheDir);
        Path tmp = Files.createTempFile(cacheDir, ".incoming-", ".jar");
        try {
            MessageDigest sha = sha256();
            try (InputStream in = new DigestInputStream(Files.newInputStream(jar), sha)) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            }
            String hex = HexFormat.of().formatHex(sha.digest());
            String fileName = name + "-" + version + "-" + hex.substring(0, 12) + ".jar";
            Files.move(tmp, cacheDir.resolve(fileName), StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
            return new PluginRecord(name, version, hex, "bundles/" + fileName, jar.toAbsolutePath().toString(),
                    Instant.now().toString());
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the Java runtime lacks SHA-256", e);
        }
    }
}
