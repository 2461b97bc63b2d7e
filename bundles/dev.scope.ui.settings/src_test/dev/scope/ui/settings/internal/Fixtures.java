package dev.scope.ui.settings.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.scope.schema.Json;

/**
 * The fixture schema entries beside this class ({@code fixtures/}): the golden {@code invert} and
 * {@code color-generator} of Scope v0.2.4 (copied from the team's {@code shared/golden}),
 * {@code kitchen-sink} (every shape the form knows and two it does not, prompts supported) and
 * {@code preprocessor} (a preprocessor that claims prompts).
 */
final class Fixtures {

    private Fixtures() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> schema(String name) {
        try (InputStream in = Fixtures.class.getResourceAsStream("fixtures/" + name + ".json")) {
            if (in == null) {
                return fail("fixture fixtures/" + name + ".json is not on the test class path");
            }
            return (Map<String, Object>) Json.read(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return fail("cannot read fixture " + name + ": " + e.getMessage());
        }
    }
}
