package dev.scope.cli.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.scope.cli.internal.Args.UsageException;
import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.PipelineInfo;
import dev.scope.engine.api.PipelineRegistry;
import dev.scope.engine.api.StageSpec;
import dev.scope.pipeline.api.Backend;

/**
 * The chain options shared by {@code render} and {@code run}: {@code --pipeline}, {@code --pre},
 * {@code --post}, {@code --set}, {@code --backend}, {@code --deadline}.
 *
 * @param spec the chain
 * @param textMode whether it runs without input
 */
record ChainArgs(ChainSpec spec, boolean textMode) {

    /**
     * @param mode the requested mode, or {@code null} for the main pipeline's default
     * @param textSize width and height given to a text-mode main pipeline unless set otherwise
     */
    static ChainArgs parse(Args args, PipelineRegistry registry, String mode, int[] textSize) {
        String main = args.one("--pipeline", null);
        if (main == null) {
            throw new UsageException("needs --pipeline ID (see 'scope pipelines')");
        }
        List<String> ids = new ArrayList<>(args.all("--pre"));
        int mainIndex = ids.size();
        ids.add(main);
        ids.addAll(args.all("--post"));
        List<PipelineInfo> infos = ids.stream().map(registry::require).toList();
        List<Map<String, Object>> params = assignSets(args.all("--set"), infos, registry::parseValue);
        boolean text = "text".equals(mode == null ? infos.get(mainIndex).defaultMode() : mode);
        if (text) {
            params.get(mainIndex).putIfAbsent("width", textSize[0]);
            params.get(mainIndex).putIfAbsent("height", textSize[1]);
        }
        List<StageSpec> stages = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            stages.add(new StageSpec(ids.get(i), params.get(i)));
        }
        return new ChainArgs(new ChainSpec(stages.subList(0, mainIndex), stages.get(mainIndex),
                stages.subList(mainIndex + 1, stages.size()), mode, backend(args.one("--backend", "auto")),
                deadline(args.one("--deadline", null))), text);
    }

    /**
     * Warns, one line each, about every pipeline of the chain whose {@code estimated_vram_gb}
     * exceeds the memory of the OpenCL device in use ({@code Engine.vramWarning}); the chain still runs.
     */
    void warnVram(CliServices services, java.io.PrintStream err) {
        spec.stages().stream().map(StageSpec::pipelineId).distinct()
                .forEach(id -> services.registry().find(id).flatMap(services.engine()::vramWarning)
                        .ifPresent(warning -> err.println("scope: warning: " + warning)));
    }

    /** The options' names, for the commands that take a chain. */
    static final java.util.Set<String> OPTIONS = java.util.Set.of("--pipeline", "--pre", "--post", "--set",
            "--backend", "--deadline");

    /** {@code auto} (the engine measures, per stage), {@code java} or {@code opencl}. */
    static Backend backend(String text) {
        String t = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("auto")) {
            return null;
        }
        for (Backend b : Backend.values()) {
            if (b.value().equals(t)) {
                return b;
            }
        }
        throw new UsageException("--backend " + text + " is not valid; expected auto, java or opencl");
    }

    /** Milliseconds, 1 to a day; {@code null}: the engine's default. */
    static long deadline(String text) {
        if (text == null) {
            return 0;
        }
        try {
            long ms = Long.parseLong(text.strip());
            if (ms >= 1 && ms <= MAX_DEADLINE_MILLIS) {
                return ms;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--deadline " + text + " is not valid; expected milliseconds from 1 to "
                + MAX_DEADLINE_MILLIS + " (a day)");
    }

    static final long MAX_DEADLINE_MILLIS = 86_400_000;

    /** Parses a value's text by a pipeline's schema ({@link PipelineRegistry#parseValue}). */
    @FunctionalInterface
    interface ValueParser {
        Object parse(String pipelineId, String key, String text);
    }

    /**
     * Sends each {@code --set [ID:]key=value} to the stages it names, or to every stage whose
     * schema has the key, parsed by that stage's schema.
     */
    static List<Map<String, Object>> assignSets(List<String> sets, List<PipelineInfo> stages, ValueParser parser) {
        List<Map<String, Object>> params = new ArrayList<>();
        stages.forEach(s -> params.add(new LinkedHashMap<>()));
        for (String set : sets) {
            int eq = set.indexOf('=');
            if (eq <= 0) {
                throw new UsageException("--set " + set + " is not valid; expected key=value or ID:key=value");
            }
            String key = set.substring(0, eq).strip();
            String value = set.substring(eq + 1);
            String target = null;
            int colon = key.indexOf(':');
            if (colon > 0) {
                target = key.substring(0, colon);
                key = key.substring(colon + 1);
            }
            boolean matched = false;
            for (int i = 0; i < stages.size(); i++) {
                PipelineInfo info = stages.get(i);
                if (target != null && !target.equals(info.id())) {
                    continue;
                }
                if (property(info, key) != null) {
                    params.get(i).put(key, parser.parse(info.id(), key, value));
                    matched = true;
                } else if (target != null) {
                    throw new UsageException(info.id() + ": unknown parameter '" + key + "'; known parameters: "
                            + String.join(", ", propertyNames(info)));
                }
            }
            if (!matched) {
                if (target != null) {
                    throw new UsageException("--set " + set + ": '" + target + "' is not a stage of this chain");
                }
                int dot = key.indexOf('.');
                if (dot > 0) {
                    String stage = key.substring(0, dot);
                    String rest = key.substring(dot + 1);
                    if (stages.stream().anyMatch(s -> s.id().equals(stage) && property(s, rest) != null)) {
                        throw new UsageException("--set " + set + ": unknown parameter '" + key + "'; a stage's"
                                + " parameter is set as ID:key=value, e.g. --set " + stage + ":" + rest + "=" + value);
                    }
                }
                List<String> known = new ArrayList<>();
                stages.forEach(s -> known.add(s.id() + ": " + String.join(", ", propertyNames(s))));
                throw new UsageException("unknown parameter '" + key + "' for this chain; known parameters: "
                        + String.join("; ", known));
            }
        }
        return params;
    }

    private static Map<?, ?> property(PipelineInfo info, String key) {
        if (info.schema().get("config_schema") instanceof Map<?, ?> schema
                && schema.get("properties") instanceof Map<?, ?> props && props.get(key) instanceof Map<?, ?> p) {
            return p;
        }
        return null;
    }

    /** Property names, the ones shown in the UI first. */
    private static List<String> propertyNames(PipelineInfo info) {
        List<String> shown = new ArrayList<>();
        List<String> hidden = new ArrayList<>();
        if (info.schema().get("config_schema") instanceof Map<?, ?> schema
                && schema.get("properties") instanceof Map<?, ?> props) {
            props.forEach((k, v) -> (v instanceof Map<?, ?> m && m.containsKey("ui") ? shown : hidden).add(k.toString()));
        }
        shown.addAll(hidden);
        return shown;
    }
}
