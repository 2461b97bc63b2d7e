package dev.scope.ui.stream.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.StageSpec;
import dev.scope.schema.Json;
import dev.scope.ui.stream.SourceSpec;

/**
 * What the workbench remembers of its stream between starts, and its file
 * ({@code $SCOPE_HOME/workbench/session.json}): the source, the chain with its values, the
 * per-stage bypass and whether it was streaming.
 */
record SavedSession(SourceSpec source, ChainSpec chain, List<Boolean> bypass, boolean streaming) {

    static final int FORMAT = 1;

    /** What a new user sees: the moving test pattern through a built-in effect, streaming. */
    static SavedSession firstStart() {
        StageSpec kaleidoscope = new StageSpec("kaleidoscope", Map.of("spin", 0.5));
        return new SavedSession(SourceSpec.testPattern(1280, 720, 30), ChainSpec.of(List.of(), kaleidoscope, List.of(),
                null), List.of(false), true);
    }

    SavedSession {
        bypass = List.copyOf(bypass);
    }

    SavedSession withChain(ChainSpec newChain, List<Boolean> newBypass) {
        return new SavedSession(source, newChain, newBypass, streaming);
    }

    SavedSession withSource(SourceSpec newSource) {
        return new SavedSession(newSource, chain, bypass, streaming);
    }

    SavedSession withStreaming(boolean now) {
        return new SavedSession(source, chain, bypass, now);
    }

    /** The file could not be read; it was moved aside, and the message says where. */
    static final class Unreadable extends IOException {
        private static final long serialVersionUID = 1L;

        Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * @return the remembered session, or the first start's when there is no file
     * @throws Unreadable when the file is not a session file: it is moved aside (never deleted)
     * @throws IOException when the file cannot be read at all
     */
    static SavedSession read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return firstStart();
        }
        String text = Files.readString(file);
        try {
            return fromJson(Json.read(text));
        } catch (IllegalArgumentException | ClassCastException e) {
            Path aside = file.resolveSibling(file.getFileName() + ".unreadable-" + Instant.now().toEpochMilli());
            Files.move(file, aside);
            throw new Unreadable(file + " was unreadable (" + e.getMessage() + "); it was moved to " + aside
                    + " and the workbench starts with the test pattern", e);
        }
    }

    /** Writes the file atomically (a temporary file moved over it). */
    void write(Path file) {
        Json.writeAtomically(file, toJson());
    }

    Map<String, Object> toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("streaming", streaming);
        root.put("source", sourceJson(source));
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("mode", chain.mode());
        c.put("pre", chain.pre().stream().map(SavedSession::stageJson).toList());
        c.put("main", stageJson(chain.main()));
        c.put("post", chain.post().stream().map(SavedSession::stageJson).toList());
        root.put("chain", c);
        root.put("bypass", bypass);
        return root;
    }

    private static Map<String, Object> sourceJson(SourceSpec s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", s.kind().name().toLowerCase(Locale.ROOT));
        switch (s.kind()) {
            case TEST_PATTERN -> {
                m.put("width", s.width());
                m.put("height", s.height());
                m.put("fps", s.fps());
            }
            case VIDEO_FILE -> {
                m.put("path", s.path());
                m.put("loop", s.loop());
            }
            case IMAGE -> m.put("path", s.path());
            case WEBCAM -> m.put("device", s.path());
        }
        return m;
    }

    private static Map<String, Object> stageJson(StageSpec s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pipeline", s.pipelineId());
        m.put("params", new LinkedHashMap<>(s.params()));
        return m;
    }

    static SavedSession fromJson(Object tree) {
        Map<?, ?> root = object(tree, "the file");
        if (!Integer.valueOf(FORMAT).equals(root.get("format"))) {
            throw new IllegalArgumentException("expected \"format\": " + FORMAT + ", found " + root.get("format"));
        }
        Map<?, ?> c = object(root.get("chain"), "\"chain\"");
        Object mode = c.get("mode");
        if (mode != null && !(mode instanceof String)) {
            throw new IllegalArgumentException("\"chain\".\"mode\" must be a string or null");
        }
        ChainSpec chain = ChainSpec.of(stages(c.get("pre"), "pre"), stage(c.get("main"), "main"),
                stages(c.get("post"), "post"), (String) mode);
        List<Boolean> bypass = new ArrayList<>();
        for (Object b : list(root.get("bypass"), "\"bypass\"")) {
            bypass.add(bool(b, "an entry of \"bypass\""));
        }
        if (bypass.size() != chain.stages().size()) {
            throw new IllegalArgumentException("\"bypass\" has " + bypass.size() + " entries for "
                    + chain.stages().size() + " stages");
        }
        return new SavedSession(source(object(root.get("source"), "\"source\"")), chain, bypass,
                bool(root.get("streaming"), "\"streaming\""));
    }

    private static SourceSpec source(Map<?, ?> m) {
        String kind = String.valueOf(m.get("kind"));
        return switch (kind) {
            case "test_pattern" -> SourceSpec.testPattern(number(m.get("width"), "width").intValue(),
                    number(m.get("height"), "height").intValue(), number(m.get("fps"), "fps").doubleValue());
            case "video_file" -> new SourceSpec(SourceSpec.Kind.VIDEO_FILE, (String) m.get("path"), 0, 0, 0,
                    bool(m.get("loop"), "\"loop\""));
            case "image" -> new SourceSpec(SourceSpec.Kind.IMAGE, (String) m.get("path"), 0, 0, 0, false);
            case "webcam" -> SourceSpec.webcam((String) m.get("device"));
            default -> throw new IllegalArgumentException("unknown source kind \"" + kind
                    + "\"; expected test_pattern, video_file, image or webcam");
        };
    }

    private static List<StageSpec> stages(Object o, String name) {
        return list(o, "\"" + name + "\"").stream().map(s -> stage(s, name)).toList();
    }

    private static StageSpec stage(Object o, String name) {
        Map<?, ?> m = object(o, "a stage of \"" + name + "\"");
        if (!(m.get("pipeline") instanceof String id)) {
            throw new IllegalArgumentException("a stage of \"" + name + "\" has no \"pipeline\" id");
        }
        Map<String, Object> params = new LinkedHashMap<>();
        object(m.get("params"), "\"params\" of " + id).forEach((k, v) -> params.put((String) k, v));
        return new StageSpec(id, params);
    }

    private static boolean bool(Object o, String what) {
        if (o instanceof Boolean b) {
            return b;
        }
        throw new IllegalArgumentException(what + " is not true or false");
    }

    private static Number number(Object o, String what) {
        if (o instanceof Number n) {
            return n;
        }
        throw new IllegalArgumentException("the source's \"" + what + "\" is not a number");
    }

    private static Map<?, ?> object(Object o, String what) {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw new IllegalArgumentException(what + " is not a JSON object");
    }

    private static List<?> list(Object o, String what) {
        if (o instanceof List<?> l) {
            return l;
        }
        throw new IllegalArgumentException(what + " is not a JSON array");
    }
}
