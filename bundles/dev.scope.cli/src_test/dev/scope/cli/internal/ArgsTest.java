package dev.scope.cli.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.scope.cli.internal.Args.UsageException;
import dev.scope.engine.api.PipelineInfo;
import dev.scope.engine.api.PluginRef;

import org.junit.jupiter.api.Test;

class ArgsTest {

    private static Args args(String... a) {
        return new Args(List.of(a), Set.of("--pre", "--set", "--frames"), Set.of("--json"));
    }

    @Test
    void repeatedOptionsKeepTheirOrderAndBothSpellingsWork() {
        Args a = args("--pre", "gray", "--pre=edges", "x", "--json");
        assertEquals(List.of("gray", "edges"), a.all("--pre"));
        assertEquals(List.of("x"), a.positional());
        assertTrue(a.flag("--json"));
        assertFalse(args().flag("--json"));
    }

    @Test
    void badUsageNamesTheProblem() {
        assertEquals("unknown option --bogus; options here: --frames, --json, --pre, --set",
                assertThrows(UsageException.class, () -> args("--bogus")).getMessage());
        assertEquals("--pre needs a value", assertThrows(UsageException.class, () -> args("--pre")).getMessage());
        assertEquals("--json takes no value", assertThrows(UsageException.class, () -> args("--json=1")).getMessage());
        assertEquals("--frames 0 is not valid; expected a whole number from 1 to 10",
                assertThrows(UsageException.class, () -> args("--frames", "0").positiveInt("--frames", 1, 10)).getMessage());
        assertEquals("--frames is given 2 times; give it once",
                assertThrows(UsageException.class, () -> args("--frames", "1", "--frames", "2").one("--frames", null))
                        .getMessage());
    }

    @Test
    void sizeParsesAndRejects() {
        assertArrayEquals(new int[] {640, 360}, RenderCommand.size("640x360"));
        assertArrayEquals(new int[] {64, 48}, RenderCommand.size("64X48"));
        for (String bad : List.of("640", "0x10", "12xq", "9000x100", "x")) {
            assertThrows(UsageException.class, () -> RenderCommand.size(bad), bad);
        }
    }

    private static PipelineInfo info(String id, Map<String, Object> properties) {
        Map<String, Object> schema = Map.of("config_schema", Map.of("properties", properties));
        return new PipelineInfo(id, id, List.of(), List.of("video"), "video",
                new PluginRef("p", "1.0.0", "loc", 1, true), schema, null);
    }

    @Test
    void setsGoToTheStagesThatHaveTheKeyOrToTheNamedOne() {
        PipelineInfo blur = info("blur", Map.of("radius", Map.of("type", "integer"), "amount", Map.of("type", "number")));
        PipelineInfo grade = info("grade", Map.of("amount", Map.of("type", "number"),
                "mode", Map.of("$ref", "#/$defs/Mode"), "on", Map.of("type", "boolean")));
        List<Map<String, Object>> params = ChainArgs.assignSets(
                List.of("radius=3", "amount=0.5", "grade:amount=2", "mode=soft", "on=yes"), List.of(blur, grade));
        assertEquals(Map.of("radius", 3, "amount", 0.5), params.get(0));
        assertEquals(Map.of("amount", 2.0, "mode", "soft", "on", true), params.get(1));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ChainArgs.assignSets(List.of("nope=1"), List.of(blur))).getMessage()
                .startsWith("unknown parameter 'nope' for this chain; known parameters: blur: "));
        assertEquals("blur: radius = 'three' is not an integer", assertThrows(IllegalArgumentException.class,
                () -> ChainArgs.assignSets(List.of("radius=three"), List.of(blur))).getMessage());
        assertThrows(UsageException.class, () -> ChainArgs.assignSets(List.of("radius"), List.of(blur)));
        assertThrows(UsageException.class, () -> ChainArgs.assignSets(List.of("edges:radius=1"), List.of(blur)));
        assertEquals("--set grade.mode=soft: unknown parameter 'grade.mode'; a stage's parameter is set as"
                + " ID:key=value, e.g. --set grade:mode=soft", assertThrows(UsageException.class,
                        () -> ChainArgs.assignSets(List.of("grade.mode=soft"), List.of(blur, grade))).getMessage());
    }

    @Test
    void valueTextFollowsTheSchemaType() {
        Map<String, Object> nullableList = Map.of("anyOf", List.of(
                Map.of("type", "array", "items", Map.of("type", "integer")), Map.of("type", "null")));
        assertEquals(List.of(1, 2, 3), ValueText.parse("p", "steps", "1,2,3", nullableList));
        assertEquals(List.of(4), ValueText.parse("p", "steps", "[4]", nullableList));
        assertEquals(null, ValueText.parse("p", "steps", "null", nullableList));
        assertEquals(false, ValueText.parse("p", "on", "off", Map.of("type", "boolean")));
        assertEquals(3_000_000_000L, ValueText.parse("p", "n", "3000000000", Map.of("type", "integer")));
        assertThrows(IllegalArgumentException.class, () -> ValueText.parse("p", "x", "NaN", Map.of("type", "number")));
        assertEquals("null", ValueText.parse("p", "s", "null", Map.of("type", "string")), "non-nullable keeps the text");
    }
}
