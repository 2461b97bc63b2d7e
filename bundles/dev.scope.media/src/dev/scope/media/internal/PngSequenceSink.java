package dev.scope.media.internal;

import java.io.IOException;
import java.nio.file.Path;

import dev.scope.engine.api.FrameSink;
import dev.scope.engine.api.TimedFrame;
import dev.scope.media.Png;

/** Writes every frame as {@code frame_00000.png}, {@code frame_00001.png} ... into a directory. */
final class PngSequenceSink implements FrameSink {

    private final Path directory;
    private int next;

    /** @param directory an existing directory */
    PngSequenceSink(Path directory) {
        this.directory = directory;
    }

    static String fileName(int n) {
        return String.format("frame_%05d.png", n);
    }

    @Override
    public String description() {
        return directory + " (PNG sequence " + fileName(0) + " ...)";
    }

    @Override
    public void accept(TimedFrame frame, double frameRate) throws IOException {
        Png.write(frame.frame(), directory.resolve(fileName(next)));
        next++;
    }

    @Override
    public void close() {
        // every file is complete when accept returns
    }
}
