package dev.scope.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

import dev.scope.cli.internal.Args.UsageException;
import dev.scope.engine.api.FrameSource;
import dev.scope.engine.api.TimedFrame;
import dev.scope.media.MediaService;
import dev.scope.schema.Json;

/**
 * {@code scope probe FILE [--json] [--accept-damaged]}: what a video holds, read frame by frame. A
 * damaged file (fewer frames than its container promises, or decode errors) exits 2 unless
 * {@code --accept-damaged}; then it is reported with a warning on stderr and in {@code damage}.
 */
final class ProbeCommand {

    private final CliServices services;
    private final PrintStream out;
    private final PrintStream err;

    ProbeCommand(CliServices services, PrintStream out, PrintStream err) {
        this.services = services;
        this.out = out;
        this.err = err;
    }

    int run(Args args) throws IOException {
        if (args.positional().size() != 1) {
            throw new UsageException("probe needs exactly one argument: a video or image FILE");
        }
        String file = args.positional().get(0);
        Map<String, Object> info = new LinkedHashMap<>();
        MediaService media = services.media().get();
        try (FrameSource source = media.openSource(file, false)) {
            info.put("file", file);
            info.put("description", source.description());
            info.put("width", source.width());
            info.put("height", source.height());
            info.put("frame_rate", Math.round(source.frameRate() * 1000) / 1000.0);
            long frames = 0;
            long lastPts = 0;
            info.put("endless", source.endless());
            if (!source.endless()) {
                for (TimedFrame f = source.next(); f != null; f = source.next()) {
                    frames++;
                    lastPts = f.ptsMicros();
                    f.frame().release();
                }
                info.put("frames", frames);
                info.put("duration_seconds", Math.round((lastPts / 1e6 + (frames > 0 ? 1 / source.frameRate() : 0))
                        * 1000) / 1000.0);
                if (DamageCheck.refuse(source, args, err)) {
                    return Cli.USAGE;
                }
            }
            OptionalLong promised = media.framesPromised(source);
            info.put("frames_promised", promised.isPresent() ? promised.getAsLong() : null);
            info.put("damage", source.damage().orElse(null));
        }
        if (args.flag("--json")) {
            out.println(Json.writePretty(info));
        } else {
            info.forEach((k, v) -> {
                if (v != null) {
                    out.println(k + ": " + v);
                }
            });
        }
        return Cli.OK;
    }
}
