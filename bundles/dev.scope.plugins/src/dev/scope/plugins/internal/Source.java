package dev.scope.plugins.internal;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

import dev.scope.engine.api.PluginException;

/**
 * Where a plugin comes from: what {@code plugins install SPEC} was given, and what the state
 * file records as the plugin's source.
 */
sealed interface Source {

    /** The kinds as {@code plugins list} shows them. */
    String JAR = "jar";
    String FOLDER = "folder";
    String URL = "url";
    String MAVEN = "maven";

    /** A bundle JAR or plugin project folder on this machine. */
    record Local(Path path) implements Source {
        @Override
        public String kind() {
            return Files.isDirectory(path) || !path.getFileName().toString().endsWith(".jar") && !Files.exists(path)
                    ? FOLDER : JAR;
        }

        @Override
        public String recorded() {
            return path.toAbsolutePath().toString();
        }
    }

    /** A JAR behind a {@code file:}, {@code http:} or {@code https:} URL. */
    record Url(URI uri) implements Source {
        @Override
        public String kind() {
            return URL;
        }

        @Override
        public String recorded() {
            return uri.toString();
        }
    }

    /** A JAR in a Maven repository. */
    record Maven(Coordinate coordinate) implements Source {
        @Override
        public String kind() {
            return MAVEN;
        }

        @Override
        public String recorded() {
            return coordinate.toString();
        }
    }

    /** @return {@link #JAR}, {@link #FOLDER}, {@link #URL} or {@link #MAVEN} */
    String kind();

    /** @return the source as the state file records it */
    String recorded();

    /** A scheme, then a colon: what tells a URL from a path or a coordinate. */
    Pattern SCHEME = Pattern.compile("^([A-Za-z][A-Za-z0-9+.\\-]*)://.*|^(?i)(file|https?):.*");
    String EXPECTED = "expected a plugin bundle JAR, a plugin project folder, a file:, http: or https: URL,"
            + " or a Maven coordinate group:artifact[:version]";

    /**
     * Reads what a user gave {@code plugins install}: a file or folder that exists is a path (also
     * when its name has colons); else a URL when it starts with a scheme; else a Maven coordinate
     * when it has a colon and no slash; else a path (which then is reported missing).
     *
     * @throws PluginException (invalid) for an empty spec, a malformed or unsupported URL, a
     *         malformed coordinate
     */
    static Source parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw invalid("an empty install spec; " + EXPECTED);
        }
        Path path = null;
        try {
            path = Path.of(spec);
            if (Files.exists(path)) {
                return new Local(path);
            }
        } catch (InvalidPathException e) {
            path = null; // not a path: a URL or a coordinate, or refused below
        }
        if (SCHEME.matcher(spec).matches()) {
            return new Url(url(spec));
        }
        if (Coordinate.looksLike(spec)) {
            return new Maven(Coordinate.parse(spec));
        }
        if (path == null) {
            throw invalid("'" + spec + "' is not a file name, a URL or a Maven coordinate; " + EXPECTED);
        }
        return new Local(path);
    }

    /** Reads a recorded source; one recorded before URLs and coordinates existed is a path. */
    static Source parseRecorded(String recorded) {
        if (!recorded.startsWith("/")) {
            try {
                if (SCHEME.matcher(recorded).matches()) {
                    return new Url(url(recorded));
                }
                if (Coordinate.looksLike(recorded)) {
                    return new Maven(Coordinate.parse(recorded));
                }
            } catch (PluginException e) {
                // not one of ours: taken as a path, which an update then reports gone
            }
        }
        return new Local(Path.of(recorded));
    }

    /**
     * @return the URL, absolute, with a host when it is http or https
     * @throws PluginException (invalid) naming what is wrong with it
     */
    static URI url(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw invalid("'" + text + "' is not a valid URL: " + e.getReason() + " at index " + e.getIndex()
                    + "; expected e.g. https://example.org/plugins/my-plugin-1.0.0.jar");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "http", "https" -> {
                if (uri.getHost() == null || uri.getHost().isEmpty()) {
                    throw invalid("'" + text + "' names no host; expected " + scheme + "://HOST[:PORT]/PATH");
                }
            }
            case "file" -> {
                if (uri.getPath() == null || !uri.getPath().startsWith("/")) {
                    throw invalid("'" + text + "' is not an absolute file URL; expected file:///PATH/TO/plugin.jar");
                }
            }
            default -> throw invalid("unsupported URL scheme '" + scheme + "' in " + text
                    + "; expected a file:, http: or https: URL");
        }
        return uri;
    }

    private static PluginException invalid(String message) {
        return new PluginException(PluginException.Kind.INVALID, message);
    }
}
