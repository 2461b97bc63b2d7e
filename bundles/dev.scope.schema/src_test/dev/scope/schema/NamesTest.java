package dev.scope.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.scope.schema.internal.Names;

/** Schema names and pydantic titles. */
class NamesTest {

    @ParameterizedTest
    @CsvSource({"colorR, color_r", "baseSeed, base_seed", "vaceContextScale, vace_context_scale",
        "imageURLPath, image_url_path", "layer2Blend, layer2_blend", "already_snake, already_snake", "x, x"})
    void fieldNamesBecomeSnakeCase(String field, String key) {
        assertEquals(key, Names.snakeCase(field));
    }

    @ParameterizedTest
    @CsvSource({"vace_context_scale, Vace Context Scale", "color_r, Color R",
        "lora_merge_strategy, Lora Merge Strategy", "layer2blend, Layer2Blend", "FPS, Fps"})
    void titlesFollowPythonsStrTitle(String key, String title) {
        assertEquals(title, Names.title(key));
    }
}
