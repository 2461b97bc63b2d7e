package dev.scope.harness;

import java.util.List;

import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.pipeline.api.ModeDefaults;
import dev.scope.pipeline.api.Param;
import dev.scope.pipeline.api.PipelineConfig;
import dev.scope.pipeline.api.Ui;
import dev.scope.pipeline.api.Usage;

/** Every kind of parameter, as plugins-sdk/README.md shows them. */
@PipelineConfig(id = "posterize", name = "Posterize",
        description = "Reduces every channel to a few levels",
        supportsPrompts = false,
        usage = Usage.POSTPROCESSOR,
        modes = @ModeDefaults(value = ModeDefaults.VIDEO, isDefault = true))
public class PosterizeConfig extends BasePipelineConfig {

    /** An enum: a dropdown of its constants in lower case. */
    public enum Dither { NONE, ORDERED, NOISE }

    @Param(description = "Levels per channel", min = 2, max = 16)
    @Ui(order = 1, label = "Levels")
    public int levels = 4;                  // int or double with min and max: a slider

    @Param(description = "How to hide the steps between levels")
    @Ui(order = 2)
    public Dither dither = Dither.NONE;     // enum: a dropdown

    @Param(description = "Gamma applied before quantizing", min = 0.1)
    @Ui(order = 3)
    public double gamma = 1.0;              // a number without both bounds: a stepper

    @Param(description = "Palette", choices = {"rgb", "warm", "cool"})
    @Ui(order = 4)
    public String palette = "rgb";          // a string with choices: a dropdown

    @Param(description = "Keep the original brightness")
    @Ui(order = 1, category = Ui.INPUT)
    public boolean keepLuma = false;        // boolean: a toggle, in the Input & Controls panel

    @Param(description = "A caption for the corner")
    @Ui(order = 2, category = Ui.INPUT)
    public String caption = "";             // a string: a text box

    @Param(description = "Seed of the noise dither; none for a new one each frame")
    @Ui(order = 5)
    public Integer seed = null;             // null default: nullable (also @Param(nullable = true))

    @Param(description = "Levels to use instead of evenly spaced ones")
    public List<Integer> customLevels = null; // a list; without @Ui it is not shown

    @Param(description = "Bits of the lookup table", min = 8, max = 16)
    @Ui(order = 6, loadParam = true)
    public int tableBits = 8;               // a load parameter: given to create(), fixed while streaming
}
