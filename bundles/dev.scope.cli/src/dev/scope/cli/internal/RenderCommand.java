package dev.scope.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.scope.cli.internal.Args.UsageException;
import dev.scope.engine.api.Chain;
import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.PipelineInfo;
import dev.scope.engine.api.StageSpec;
import dev.scope.engine.api.StageStatus;
import dev.scope.media.Png;
import dev.scope.media.TestPattern;
import dev.scope.pipeline.api.Frame;

/** {@code scope render}: a chain over the test pattern, written as PNG frames. */
final class RenderCommand {

    private static final int MAX_FRAMES = 100_000;

    private final CliServices services;
    private final PrintStream out;
    private final PrintStream err;

    RenderCommand(CliServices services, PrintStream out, PrintStream err) {
        this.services = services;
        this.out = out;
        this.err = err;
    }

    int run(Args args) throws IOException {
        if (!args.positional().isEmpty()) {
            throw new UsageException("render takes no argument '" + args.positional().get(0) + "'");
        }
        String main = args.one("--pipeline", null);
        if (main == null) {
            throw new UsageException("render needs --pipeline ID (see 'scope pipelines')");
        }
        String outDir = args.one("--out", null);
        if (outDir == null) {
            throw new UsageException("render needs --out DIR for the PNG frames");
        }
        int frames = args.positiveInt("--frames", 8, MAX_FRAMES);
        int[] size = size(args.one("--size", "512x512"));
        String mode = args.one("--mode", null);
        if (mode != null && !mode.equals("text") && !mode.equals("video")) {
            throw new UsageException("--mode " + mode + " is not valid; expected text or video");
        }
        List<String> ids = new ArrayList<>(args.all("--pre"));
        int mainIndex = ids.size();
        ids.add(main);
        ids.addAll(args.all("--post"));
        List<PipelineInfo> infos = ids.stream().map(services.registry()::require).toList();
        List<Map<String, Object>> params = assignSets(args.all("--set"), infos);
        PipelineInfo mainInfo = infos.get(mainIndex);
        boolean text = "text".equals(mode == null ? mainInfo.defaultMode() : mode);
        if (text) {
            params.get(mainIndex).putIfAbsent("width", size[0]);
            params.get(mainIndex).putIfAbsent("height", size[1]);
        }
        List<StageSpec> stages = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            stages.add(new StageSpec(ids.get(i), params.get(i)));
        }
        ChainSpec spec = new ChainSpec(stages.subList(0, mainIndex), stages.get(mainIndex),
                stages.subList(mainIndex + 1, stages.size()), mode);
        Path dir = Cli.outputDir(outDir);
        TestPattern pattern = new TestPattern(size[0], size[1]);
        int written = 0;
        long inputs = 0;
        try (Chain chain = services.engine().open(spec)) {
            while (written < frames) {
                List<Frame> produced = chain.needsInput() ? chain.push(pattern.frame(inputs)) : chain.tick();
                inputs++;
                for (Frame f : produced) {
                    if (written < frames) {
                        Png.write(f, dir.resolve(String.format("frame_%05d.png", written++)));
                    }
                }
                if (written == 0 && inputs > 64L + 8L * frames) {
                    err.println("scope: the chain produced no frame from " + inputs + " inputs");
                    return Cli.FAILED;
                }
            }
            out.println("wrote " + written + (written == 1 ? " frame" : " frames") + " to " + dir);
            boolean failed = false;
            for (StageStatus s : chain.stages()) {
                if (s.state() == StageStatus.State.FAILED) {
                    err.println("scope: stage " + s.index() + " (" + s.pipelineId() + ") failed and was bypassed: "
                            + s.reason());
                    failed = true;
                }
            }
            return failed ? Cli.FAILED : Cli.OK;
        }
    }

    static int[] size(String text) {
        String[] parts = text.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                int w = Integer.parseInt(parts[0].strip());
                int h = Integer.parseInt(parts[1].strip());
                if (w >= 16 && h >= 16 && w <= 8192 && h <= 8192) {
                    return new int[] {w, h};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException("--size " + text + " is not valid; expected WIDTHxHEIGHT, each 16 to 8192, e.g. 640x360");
    }

    /**
     * Sends each {@code --set [ID:]key=value} to the stages it names, or to every stage whose
     * schema has the key.
     */
    static List<Map<String, Object>> assignSets(List<String> sets, List<PipelineInfo> stages) {
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
                Map<?, ?> property = property(info, key);
                if (property != null) {
                    params.get(i).put(key, ValueText.parse(info.id(), key, value, property));
                    matched = true;
                } else if (target != null) {
                    throw new IllegalArgumentException(info.id() + ": unknown parameter '" + key + "'; known parameters: "
                            + String.join(", ", propertyNames(info)));
                }
            }
            if (!matched) {
                if (target != null) {
                    throw new UsageException("--set " + set + ": '" + target + "' is not a stage of this chain");
                }
                List<String> known = new ArrayList<>();
                stages.forEach(s -> known.add(s.id() + ": " + String.join(", ", propertyNames(s))));
                throw new IllegalArgumentException("unknown parameter '" + key + "' for this chain; known parameters: "
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
