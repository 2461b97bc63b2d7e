package dev.scope.schema;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The golden schema files of Scope v0.2.4, kept in the repository beside this class
 * ({@code golden/}, copied from the team's {@code shared/golden}; its README says how they were
 * made and how to compare), so the tests pass from a clone of the project alone.
 */
final class Golden {

    private Golden() {
    }

    static String text(String name) {
        try (InputStream in = Golden.class.getResourceAsStream("golden/" + name)) {
            if (in == null) {
                return fail("golden file golden/" + name + " is not on the test class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return fail("cannot read golden file " + name + ": " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> tree(String name) {
        return (Map<String, Object>) Json.read(text(name));
    }
}
