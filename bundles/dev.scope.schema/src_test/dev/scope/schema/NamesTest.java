package dev.scope.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.scope.schema.internal.Names;

/** Schema names and pydantic titles. */
class NamesTest {

    @Test
    void fieldNamesBecomeSnakeCase() {
        Map.of("colorR", "color_r", "baseSeed", "base_seed", "vaceContextScale", "vace_context_scale",
                "imageURLPath", "image_url_path", "layer2Blend", "layer2_blend", "already_snake", "already_snake",
                "x", "x").forEach((field, key) -> assertEquals(key, Names.snakeCase(field), field));
    }

    @Test
    void titlesFollowPythonsStrTitle() {
        Map.of("vace_context_scale", "Vace Context Scale", "color_r", "Color R",
                "lora_merge_strategy", "Lora Merge Strategy", "layer2blend", "Layer2Blend", "FPS", "Fps")
                .forEach((key, title) -> assertEquals(title, Names.title(key), key));
    }
}
