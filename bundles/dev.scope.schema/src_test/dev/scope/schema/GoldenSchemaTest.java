package dev.scope.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.scope.pipeline.api.BasePipelineConfig;

/**
 * The seed's two example configs against the schema entries Scope v0.2.4 produces for them,
 * compared as the golden README's "How a test should compare" says.
 */
class GoldenSchemaTest {

    private static final List<String> BASE = List.of("height", "width", "manage_cache", "base_seed",
            "denoising_steps", "lora_merge_strategy", "noise_scale", "noise_controller", "input_size", "ref_images",
            "vace_context_scale");

    @Test
    void colorGeneratorMatchesScope() {
        compare(ColorGeneratorConfig.class, "color-generator.json", List.of("color_r", "color_g", "color_b"));
    }

    @Test
    void invertMatchesScope() {
        compare(InvertConfig.class, "invert.json", List.of("intensity"));
    }

    @Test
    void theRepositorysCopyIsTheTeamsGoldenFile() throws Exception {
        // the team's shared/golden sits beside the checkout on our machines; a clone alone has none
        Path shared = null;
        for (Path d = Path.of("").toAbsolutePath(); d != null && shared == null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve("golden");
            shared = Files.isDirectory(candidate) ? candidate : null;
        }
        Assumptions.assumeTrue(shared != null, "no shared/golden beside this checkout");
        for (String name : List.of("color-generator.json", "invert.json")) {
            assertEquals(Files.readString(shared.resolve(name)), Golden.text(name), name);
        }
    }

    @SuppressWarnings("unchecked")
    private static void compare(Class<? extends BasePipelineConfig> type, String file, List<String> own) {
        Map<String, Object> golden = Golden.tree(file);
        Map<String, Object> actual = ConfigModel.of(type).schemaEntry("my-scope-node");

        // 1. metadata: same keys (in Scope's order) and exactly equal values; no mode_defaults
        assertEquals(new ArrayList<>(golden.keySet()), new ArrayList<>(actual.keySet()), "top-level keys");
        assertEquals(metadata(golden), metadata(actual), "metadata");
        assertFalse(actual.containsKey("mode_defaults"), "mode_defaults must be absent");

        // 2. config_schema
        Map<String, Object> gSchema = (Map<String, Object>) golden.get("config_schema");
        Map<String, Object> aSchema = (Map<String, Object>) actual.get("config_schema");
        assertEquals("object", aSchema.get("type"));
        assertEquals(Boolean.FALSE, aSchema.get("additionalProperties"));
        assertEquals(gSchema.get("description"), aSchema.get("description"), "config_schema.description");
        assertFalse(aSchema.containsKey("$defs"), "no $defs");
        if (aSchema.containsKey("title")) {
            assertEquals(gSchema.get("title"), aSchema.get("title"), "config_schema.title");
        }

        // 3. properties: names in order, then each property's meaning
        Map<String, Object> gProps = (Map<String, Object>) gSchema.get("properties");
        Map<String, Object> aProps = (Map<String, Object>) aSchema.get("properties");
        List<String> names = new ArrayList<>(BASE);
        names.addAll(own);
        assertEquals(names, new ArrayList<>(gProps.keySet()), "the golden file's own order");
        assertEquals(names, new ArrayList<>(aProps.keySet()), "property order");
        for (String name : names) {
            compareProperty(name, (Map<String, Object>) gProps.get(name), (Map<String, Object>) aProps.get(name));
        }
    }

    private static Map<String, Object> metadata(Map<String, Object> entry) {
        Map<String, Object> copy = new LinkedHashMap<>(entry);
        copy.remove("config_schema");
        return copy;
    }

    private static void compareProperty(String name, Map<String, Object> golden, Map<String, Object> actual) {
        Map<String, Object> g = nonNull(golden);
        Map<String, Object> a = nonNull(actual);
        assertEquals(g.get("type"), a.get("type"), name + ".type");
        assertEquals(g.get("enum"), a.get("enum"), name + ".enum");
        assertEquals(g.get("items"), a.get("items"), name + ".items");
        assertEquals(golden.containsKey("anyOf"), actual.containsKey("anyOf"), name + " nullable");
        assertNumeric(golden.get("default"), actual.get("default"), name + ".default");
        assertNumeric(g.get("minimum"), a.get("minimum"), name + ".minimum");
        assertNumeric(g.get("maximum"), a.get("maximum"), name + ".maximum");
        assertEquals(golden.containsKey("description"), actual.containsKey("description"),
                name + ".description present");
        assertEquals(golden.get("description"), actual.get("description"), name + ".description");
        assertEquals(golden.containsKey("ui"), actual.containsKey("ui"), name + ".ui present");
        assertEquals(golden.get("ui"), actual.get("ui"), name + ".ui");
        if (actual.containsKey("title")) {
            assertEquals(golden.get("title"), actual.get("title"), name + ".title");
        }
    }

    /** The non-null branch of a nullable property, else the property itself. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> nonNull(Map<String, Object> property) {
        Object anyOf = property.get("anyOf");
        if (anyOf == null) {
            return property;
        }
        List<Map<String, Object>> branches = (List<Map<String, Object>>) anyOf;
        assertEquals(2, branches.size());
        assertEquals(Map.of("type", "null"), branches.get(1));
        return branches.get(0);
    }

    private static void assertNumeric(Object golden, Object actual, String what) {
        if (golden instanceof Number g) {
            Number a = assertInstanceOf(Number.class, actual, what);
            assertEquals(g.doubleValue(), a.doubleValue(), what);
        } else if (golden == null) {
            assertNull(actual, what);
        } else {
            assertEquals(golden, actual, what);
        }
    }
}
