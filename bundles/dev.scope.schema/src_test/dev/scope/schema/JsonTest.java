package dev.scope.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Json}: value types, key order, Python's formatting, atomic files. */
class JsonTest {

    @Test
    void readGivesPlainOrderedValues() {
        Object tree = Json.read("{\"z\": 1, \"a\": [3000000000, 2.5, 1.0, true, null, \"s\"], \"m\": {}}");
        Map<?, ?> map = assertInstanceOf(LinkedHashMap.class, tree);
        assertEquals(List.of("z", "a", "m"), new ArrayList<>(map.keySet()));
        assertEquals(Integer.valueOf(1), assertInstanceOf(Integer.class, map.get("z")));
        List<?> list = assertInstanceOf(List.class, map.get("a"));
        assertEquals(Long.valueOf(3_000_000_000L), assertInstanceOf(Long.class, list.get(0)));
        assertEquals(Double.valueOf(2.5), assertInstanceOf(Double.class, list.get(1)));
        assertEquals(Double.valueOf(1.0), assertInstanceOf(Double.class, list.get(2)));
        assertEquals(Boolean.TRUE, list.get(3));
        assertEquals(null, list.get(4));
        assertEquals("s", list.get(5));
        assertEquals(Map.of(), map.get("m"));
    }

    @Test
    void compactRoundTripKeepsOrderAndFloatSpelling() {
        String text = "{\"b\":1,\"a\":{\"y\":[1.0,0.0,2.5,-3],\"x\":null},\"c\":\"\\u00e9\\\"\"}";
        assertEquals("{\"b\":1,\"a\":{\"y\":[1.0,0.0,2.5,-3],\"x\":null},\"c\":\"\u00e9\\\"\"}",
                Json.write(Json.read(text)));
        assertEquals("1.0", Json.write(1.0));
        assertEquals("[0.0,512,null]", Json.write(java.util.Arrays.asList(0.0, 512L, null)));
    }

    @Test
    void writePrettyIsPythonsIndentTwo() {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("id", "x");
        tree.put("modes", List.of("text", "video"));
        tree.put("usage", List.of());
        tree.put("meta", Map.of());
        tree.put("nested", Map.of("scale", 1.0));
        String expected = """
                {
                  "id": "x",
                  "modes": [
                    "text",
                    "video"
                  ],
                  "usage": [],
                  "meta": {},
                  "nested": {
                    "scale": 1.0
                  }
                }""";
        assertEquals(expected, Json.writePretty(tree));
    }

    @Test
    void writePrettyReproducesPythonsOwnFile() {
        for (String name : List.of("color-generator.json", "invert.json")) {
            String text = Golden.text(name);
            assertEquals(text, Json.writePretty(Json.read(text)) + "\n", name);
        }
    }

    @Test
    void badJsonNamesLineAndColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Json.read("{\n  \"a\": 1,\n  \"b\": ]\n}"));
        assertTrue(e.getMessage().startsWith("invalid JSON at line 3, column 8: "), e.getMessage());
        IllegalArgumentException trailing = assertThrows(IllegalArgumentException.class, () -> Json.read("{} x"));
        assertTrue(trailing.getMessage().startsWith("invalid JSON at line 1, column "), trailing.getMessage());
    }

    @Test
    void writeAtomicallyReplacesTheFileAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("state").resolve("plugins.json");
        Json.writeAtomically(file, Map.of("plugins", List.of("a")));
        assertEquals("{\n  \"plugins\": [\n    \"a\"\n  ]\n}\n", Files.readString(file));

        Map<String, Object> second = new LinkedHashMap<>();
        second.put("plugins", List.of());
        second.put("version", 2);
        Json.writeAtomically(file, second);
        assertEquals("{\n  \"plugins\": [],\n  \"version\": 2\n}\n", Files.readString(file));
        assertEquals(second, Json.read(Files.readString(file)));
        assertEquals(List.of(file), list(file.getParent()));
    }

    @Test
    void writeAtomicallyLeavesTheOldContentWhenTheTreeCannotBeWritten(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("state.json");
        Json.writeAtomically(file, Map.of("ok", true));
        assertThrows(IllegalArgumentException.class, () -> Json.writeAtomically(file, Map.of("bad", new Object())));
        assertEquals("{\n  \"ok\": true\n}\n", Files.readString(file));
        assertEquals(List.of(file), list(dir));
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.toList();
        }
    }
}
