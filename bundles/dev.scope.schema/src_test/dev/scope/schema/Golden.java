package dev.scope.schema;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the golden schema files of Scope v0.2.4 outside the repository: the system property
 * {@code scope.golden.dir}, else the first {@code shared/golden} found walking up from the
 * working directory (which also finds {@code ../shared/golden} beside the repository root).
 */
final class Golden {

    private Golden() {
    }

    static Path dir() {
        return find(System.getProperty("scope.golden.dir"), Path.of(""));
    }

    /** Fails (never skips) with the places it looked when there is no golden directory. */
    static Path find(String property, Path start) {
        List<Path> tried = new ArrayList<>();
        if (property != null && !property.isBlank()) {
            Path dir = Path.of(property).toAbsolutePath();
            if (Files.isDirectory(dir)) {
                return dir;
            }
            tried.add(dir);
        }
        for (Path d = start.toAbsolutePath(); d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve("golden");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            tried.add(candidate);
        }
        return fail("golden schema files not found; looked in " + tried
                + "; set -Dscope.golden.dir=<dir holding color-generator.json and invert.json>");
    }

    static String text(String name) {
        Path file = dir().resolve(name);
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return fail("cannot read golden file " + file + ": " + e);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> tree(String name) {
        return (Map<String, Object>) Json.read(text(name));
    }
}
