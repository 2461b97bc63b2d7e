package dev.scope.plugins.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.scope.engine.api.PluginException;
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

    /**
     * Runs {@code action} holding the state lock, so concurrent processes do not lose updates.
     * Every change to the state, an install's copy into the cache included, runs under it; so
     * whoever holds it knows that no install is under way.
     *
     * @throws PluginException (failed) when the state directory cannot be used
     */
    @SuppressWarnings("try")
    <T> T locked(IoAction<T> action) {
        try {
            Files.createDirectories(home);
            try (FileChannel channel = FileChannel.open(home.resolve(".lock"), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
                return action.run();
            }
        } catch (UnreadableState e) {
            throw new PluginException(PluginException.Kind.FAILED, e.getMessage(), e);
        } catch (IOException e) {
            throw new PluginException(PluginException.Kind.FAILED, "cannot use the state directory " + home + ": "
                    + plain(e), e);
        }
    }

    /** An I/O failure in plain words: the system's reason, never the exception's class name. */
    static String plain(IOException e) {
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return switch (e) {
            case NoSuchFileException n -> "no such file or directory: " + n.getFile();
            case AccessDeniedException a -> "permission denied: " + a.getFile();
            case FileAlreadyExistsException x -> "already exists: " + x.getFile();
            case NotDirectoryException d -> "not a directory: " + d.getFile();
            default -> e.getMessage() == null ? "input/output error" : e.getMessage();
        };
    }

    /**
     * Removes what an interrupted install (a process killed while copying or downloading) left: a
     * temporary {@code .incoming-*} file in the cache, a JAR no record names, and a download in
     * {@code downloads/} whose process (the id in its name) has ended. Call holding the state lock.
     *
     * @param records the remembered plugins (their dependencies' JARs are kept too)
     * @param kept more cached JARs to keep (relative to the state directory): those the history names
     * @return what was removed, for the log, or empty when nothing was
     */
    Optional<String> removeLeftovers(List<PluginRecord> records, Set<String> kept) throws IOException {
        Set<Path> named = new HashSet<>();
        records.forEach(r -> named.add(resolve(r).normalize()));
        records.forEach(r -> r.dependencies().forEach(d -> named.add(home.resolve(d.file()).normalize())));
        kept.forEach(f -> named.add(home.resolve(f).normalize()));
        List<String> removed = new ArrayList<>();
        long bytes = 0;
        if (Files.isDirectory(cacheDir)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(cacheDir)) {
                for (Path file : files) {
                    String name = file.getFileName().toString();
                    boolean leftover = name.startsWith(".incoming-")
                            || name.endsWith(".jar") && !named.contains(file.normalize());
                    if (leftover && Files.isRegularFile(file)) {
                        bytes += Files.size(file);
                        Files.delete(file);
                        removed.add(name);
                    }
                }
            }
        }
        Path downloads = home.resolve(Transport.DOWNLOADS);
        if (Files.isDirectory(downloads)) {
            try (DirectoryStream<Path> files = Files.newDirectoryStream(downloads)) {
                for (Path file : files) {
                    if (abandoned(file.getFileName().toString()) && Files.isRegularFile(file)) {
                        bytes += Files.size(file);
                        Files.delete(file);
                        removed.add(Transport.DOWNLOADS + "/" + file.getFileName());
                    }
                }
            }
        }
        return removed.isEmpty() ? Optional.empty() : Optional.of("removed what an interrupted install left in "
                + home + ": " + String.join(", ", removed) + " (" + bytes / 1024 + " KiB)");
    }

    /** @return whether a download's file belongs to a process that has ended */
    private static boolean abandoned(String name) {
        if (!name.startsWith(Transport.INCOMING)) {
            return false;
        }
        String rest = name.substring(Transport.INCOMING.length());
        int dash = rest.indexOf('-');
        try {
            long pid = Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
            return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return true; // not a name a download of ours has
        }
    }

    /**
     * Checks a remembered plugin's cached JAR against the SHA-256 recorded at install.
     *
     * @return what is wrong and what to do, or empty when the JAR is whole
     */
    Optional<String> verify(PluginRecord record) throws IOException {
        return verify(resolve(record), record.sha256(), "its cached JAR ", record);
    }

    /**
     * Checks the cached JAR of one of a plugin's dependencies.
     *
     * @return what is wrong and what to do, or empty when the JAR is whole
     */
    Optional<String> verify(PluginRecord.Dependency dependency, PluginRecord of) throws IOException {
        return verify(home.resolve(dependency.file()), dependency.sha256(), "the cached JAR of its dependency "
                + dependency.name() + " " + dependency.version() + ", ", of);
    }

    private Optional<String> verify(Path jar, String sha256, String what, PluginRecord record) throws IOException {
        if (!Files.exists(jar)) {
            return Optional.of(what + jar + " is missing; " + reinstallHint(record));
        }
        if (!sha256(jar).equals(sha256)) {
            return Optional.of(what + jar + " is damaged (its content is not what was installed); "
                    + reinstallHint(record));
        }
        return Optional.empty();
    }

    /** @return that the plugin's cached JAR is gone, and what to do */
    String missingMessage(PluginRecord record) {
        return "its cached JAR " + resolve(record) + " is missing; " + reinstallHint(record);
    }

    private static String reinstallHint(PluginRecord record) {
        return "install it again: scope plugins install " + record.source();
    }

    interface IoAction<T> {
        T run() throws IOException;
    }

    /** The state file could not be read; it was moved aside, and the message says where. */
    static final class UnreadableState extends IOException {
        private static final long serialVersionUID = 1L;

        UnreadableState(String message, Throwable cause) {
            super(message, cause);
        }
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
            throw new UnreadableState(stateFile + " was unreadable (" + e.getMessage() + "); it was moved to " + aside
                    + " and the installed set starts empty", e);
        }
    }

    void write(List<PluginRecord> records) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("plugins", records.stream().map(PluginRecord::toJson).toList());
        Json.writeAtomically(stateFile, root);
    }

    /**
     * Copies a JAR into the cache (atomically) and returns its record.
     *
     * @param source what the record names as its source ({@link Source#recorded()})
     */
    PluginRecord cache(Path jar, String source, String name, String version) throws IOException {
        String[] file = copyIn(jar, name, version);
        return new PluginRecord(name, version, file[1], file[0], source, Instant.now().toString());
    }

    /** Copies a dependency's JAR into the cache (atomically) and returns its record. */
    PluginRecord.Dependency cacheDependency(Path jar, String source, String name, String version) throws IOException {
        String[] file = copyIn(jar, name, version);
        return new PluginRecord.Dependency(name, version, file[1], file[0], source);
    }

    /** @return the cached file (relative to the state directory) and the SHA-256 of its content */
    private String[] copyIn(Path jar, String name, String version) throws IOException {
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
            return new String[] {"bundles/" + fileName, hex};
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** @return the SHA-256 of a file, hex */
    static String sha256(Path file) throws IOException {
        return Transport.digest(file, "SHA-256");
    }

    /**
     * @return a fingerprint of the state file's content (its SHA-256), or {@code ""} when there is
     *         none: what the watch compares to notice another process's change
     */
    String stateStamp() {
        try {
            return Files.exists(stateFile) ? sha256(stateFile) : "";
        } catch (IOException e) {
            return "unreadable";
        }
    }

    /** Puts a cached JAR that went missing back from a copy with the same content; call holding the lock. */
    void restore(Path copy, PluginRecord record) throws IOException {
        restore(copy, record.file());
    }

    /** Puts a cached JAR ({@code file}, relative to the state directory) back from a copy; call holding the lock. */
    void restore(Path copy, String file) throws IOException {
        Files.createDirectories(cacheDir);
        Path tmp = Files.createTempFile(cacheDir, ".incoming-", ".jar");
        try {
            Files.copy(copy, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, home.resolve(file), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
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
