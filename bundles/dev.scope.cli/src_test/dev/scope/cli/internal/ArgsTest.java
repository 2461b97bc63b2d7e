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

    /** Stands in for the registry's schema parsing: integers and numbers by the key's name. */
    private static Object parse(String pipelineId, String key, String text) {
        try {
            return key.equals("radius") ? (Object) Integer.valueOf(text) : (Object) Double.valueOf(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(pipelineId + ": " + key + " = \"" + text + "\" is not a number");
        }
    }

    @Test
    void setsGoToTheStagesThatHaveTheKeyOrToTheNamedOne() {
        PipelineInfo blur = info("blur", Map.of("radius", Map.of("type", "integer"), "amount", Map.of("type", "number")));
        PipelineInfo grade = info("grade", Map.of("amount", Map.of("type", "number"), "mode", Map.of("type", "number")));
        List<Map<String, Object>> params = ChainArgs.assignSets(
                List.of("radius=3", "amount=0.5", "grade:amount=2", "mode=4"), List.of(blur, grade), ArgsTest::parse);
        assertEquals(Map.of("radius", 3, "amount", 0.5), params.get(0));
        assertEquals(Map.of("amount", 2.0, "mode", 4.0), params.get(1));
        assertTrue(assertThrows(UsageException.class,
                () -> ChainArgs.assignSets(List.of("nope=1"), List.of(blur), ArgsTest::parse)).getMessage()
                .startsWith("unknown parameter 'nope' for this chain; known parameters: blur: "));
        assertEquals("blur: radius = \"three\" is not a number", assertThrows(IllegalArgumentException.class,
                () -> ChainArgs.assignSets(List.of("radius=three"), List.of(blur), ArgsTest::parse)).getMessage(),
                "the schema's parser speaks for the value");
        assertThrows(UsageException.class, () -> ChainArgs.assignSets(List.of("radius"), List.of(blur), ArgsTest::parse));
        assertThrows(UsageException.class,
                () -> ChainArgs.assignSets(List.of("edges:radius=1"), List.of(blur), ArgsTest::parse));
        assertEquals("--set grade.mode=soft: unknown parameter 'grade.mode'; a stage's parameter is set as"
                + " ID:key=value, e.g. --set grade:mode=soft", assertThrows(UsageException.class,
                        () -> ChainArgs.assignSets(List.of("grade.mode=soft"), List.of(blur, grade), ArgsTest::parse))
                        .getMessage());
    }
}
