package dev.scope.schema;

import java.util.List;

import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.pipeline.api.Flag;
import dev.scope.pipeline.api.ModeDefaults;
import dev.scope.pipeline.api.Param;
import dev.scope.pipeline.api.PipelineConfig;
import dev.scope.pipeline.api.Ui;
import dev.scope.pipeline.api.Usage;

/** A fixture with every kind of parameter, mode overrides and both usages. */
@PipelineConfig(id = "effects", name = "Effects", description = "Every parameter kind",
        version = "2.1.0", docsUrl = "https://example.org/effects",
        configDescription = "Effects settings.", estimatedVramGb = 2.5, supportsLora = true,
        usage = {Usage.PREPROCESSOR, Usage.POSTPROCESSOR},
        modes = {
            @ModeDefaults(value = ModeDefaults.TEXT),
            @ModeDefaults(value = ModeDefaults.VIDEO, isDefault = true, height = 320, width = 576,
                    denoisingSteps = {1000, 750}, noiseScale = 0.7, noiseController = Flag.TRUE)
        })
public class EffectsConfig extends BasePipelineConfig {

    /** How layers are combined. */
    public enum BlendMode {
        /** Plain copy. */
        NORMAL,
        /** Brightens. */
        SCREEN,
        /** Darkens. */
        MULTIPLY
    }

    /** Re-declared to show the base field as a load parameter. */
    @Param(description = "Output height in pixels", min = 1)
    @Ui(component = "resolution", loadParam = true, order = 0)
    public int height = 512;

    /** A dropdown through $defs. */
    @Param(description = "How layers are blended")
    @Ui(order = 2, label = "Blend")
    public BlendMode blendMode = BlendMode.SCREEN;

    /** A toggle shown only in video mode, in the input panel. */
    @Param(description = "Mirror the image")
    @Ui(order = 3, category = Ui.INPUT, modes = ModeDefaults.VIDEO)
    public boolean mirror = false;

    /** An inline enum. */
    @Param(choices = {"warm", "cool", "mono"}, description = "Palette name")
    @Ui(order = 4)
    public String palette = "warm";

    /** Nullable because its default is null. */
    @Param(min = 0.1, max = 4.0, description = "Optional gamma")
    @Ui(modulatable = Flag.TRUE, modulatableMin = 0.5, modulatableMax = 2.0)
    public Double gamma = null;

    /** A list of integers. */
    @Param
    public List<Integer> taps = List.of(1, 2, 1);

    /** A long with a custom name and title. */
    @Param(name = "seed_offset", title = "Seed Offset Value", min = 0)
    public long seedShift = 7L;

    /** A float, normalized to a double. */
    @Param(min = 0, max = 1)
    public float strength = 0.1f;

    /** A nullable enum with a default. */
    @Param(nullable = true)
    public BlendMode fallbackMode = BlendMode.NORMAL;
}
