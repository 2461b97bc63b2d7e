package dev.scope.media.internal;

import dev.scope.engine.api.FrameSource;

/** What every source here knows from its opening on: its description, size and nominal rate. */
abstract class FixedFormatSource implements FrameSource {

    private final String description;
    private final int width;
    private final int height;
    private final double frameRate;

    FixedFormatSource(String description, int width, int height, double frameRate) {
        this.description = description;
        this.width = width;
        this.height = height;
        this.frameRate = frameRate;
    }

    @Override
    public final String description() {
        return description;
    }

    @Override
    public final double frameRate() {
        return frameRate;
    }

    @Override
    public final int width() {
        return width;
    }

    @Override
    public final int height() {
        return height;
    }
}
