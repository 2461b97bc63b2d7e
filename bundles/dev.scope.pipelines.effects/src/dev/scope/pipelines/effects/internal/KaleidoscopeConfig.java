package dev.scope.pipelines.effects.internal;

import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.pipeline.api.ModeDefaults;
import dev.scope.pipeline.api.Param;
import dev.scope.pipeline.api.PipelineConfig;
import dev.scope.pipeline.api.Ui;

/** A kaleidoscope: the picture folded into mirrored wedges around the centre. */
@PipelineConfig(id = "kaleidoscope", name = "Kaleidoscope",
        description = "Folds the picture into rotating mirrored wedges around its centre",
        supportsPrompts = false,
        modes = @ModeDefaults(value = ModeDefaults.VIDEO, isDefault = true))
public class KaleidoscopeConfig extends BasePipelineConfig {

    /** How samples outside the picture are taken. */
    public enum Edge {
        /** Tile the picture. */
        WRAP,
        /** Reflect at the borders. */
        MIRROR,
        /** Repeat the border pixels. */
        CLAMP
    }

    @Param(description = "Number of wedges around the centre", min = 2, max = 24)
    @Ui(order = 1, label = "Segments")
    public int segments = 6;

    @Param(description = "Rotation of the pattern in degrees", min = 0, max = 360)
    @Ui(order = 2, label = "Rotation")
    public double rotation = 0.0;

    @Param(description = "Degrees the pattern turns each frame", min = -10, max = 10)
    @Ui(order = 3, label = "Spin")
    public double spin = 0.5;

    @Param(description = "Magnification of the source (above 1 zooms in)", min = 0.25, max = 4)
    @Ui(order = 4, label = "Zoom")
    public double zoom = 1.0;

    @Param(description = "Mirror every other wedge so edges meet seamlessly")
    @Ui(order = 5, label = "Mirror wedges")
    public boolean mirror = true;

    @Param(description = "How samples outside the picture are taken")
    @Ui(order = 6, label = "Edges")
    public Edge edge = Edge.MIRROR;
}
