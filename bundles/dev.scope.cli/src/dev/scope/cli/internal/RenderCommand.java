package dev.scope.cli.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;

import dev.scope.cli.internal.Args.UsageException;
import dev.scope.engine.api.Chain;
import dev.scope.engine.api.FrameSink;
import dev.scope.engine.api.TimedFrame;
import dev.scope.engine.api.ChainSpec;
import dev.scope.engine.api.StageStatus;
import dev.scope.media.TestPattern;
import dev.scope.pipeline.api.Frame;

/** {@code scope render}: a chain over the test pattern, written as PNG frames. */
final class RenderCommand {

    private static final int MAX_FRAMES = 100_000;
    /** The nominal rate of rendered frames: 30 a second, as the test pattern moves. */
    private static final double RATE = 30;

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
        ChainArgs parsed = ChainArgs.parse(args, services.registry(), mode, size);
        parsed.warnVram(services, err);
        ChainSpec spec = parsed.spec();
        TestPattern pattern = new TestPattern(size[0], size[1]);
        int written = 0;
        long inputs = 0;
        try (Chain chain = services.engine().open(spec); FrameSink pngs = services.media().get().openSink(outDir)) {
            while (written < frames) {
                List<Frame> produced;
                if (chain.needsInput()) {
                    Frame in = pattern.frame(inputs, services.engine().frames());
                    try {
                        produced = chain.push(in);
                    } finally {
                        in.release(); // the chain took its own references
                    }
                } else {
                    produced = chain.tick();
                }
                inputs++;
                for (Frame f : produced) {
                    if (written < frames) {
                        pngs.accept(new TimedFrame(f, Math.round(written++ * 1e6 / RATE)), RATE);
                    }
                    f.release(); // the chain's outputs are ours
                }
                if (written == 0 && inputs > 64L + 8L * frames) {
                    err.println("scope: the chain produced no frame from " + inputs + " inputs");
                    return Cli.FAILED;
                }
            }
            out.println("wrote " + written + (written == 1 ? " frame" : " frames") + " to " + outDir);
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
}
