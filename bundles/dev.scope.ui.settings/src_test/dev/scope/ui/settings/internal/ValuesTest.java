package dev.scope.ui.settings.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** Typed text and values checked against a field's schema, with one-line reasons. */
class ValuesTest {

    private static final Values INTENSITY = new Values(Map.of("type", "number", "minimum", 0.0, "maximum", 1.0), false);
    private static final Values SEGMENTS = new Values(Map.of("type", "integer", "minimum", 2, "maximum", 24), false);

    @Test
    void numbersInRangeAreNormalised() {
        assertEquals(0.25, INTENSITY.parse(" 0.25 "));
        assertEquals(1.0, INTENSITY.parse("1"));
        assertEquals(12, SEGMENTS.parse("12"), "integers come back as Integer");
        assertEquals(12, SEGMENTS.parse("12.0"));
        assertEquals(Integer.class, SEGMENTS.normalize(12L).getClass());
    }

    @Test
    void outOfRangeTextSaysWhatIsAllowed() {
        Values.Invalid above = assertThrows(Values.Invalid.class, () -> INTENSITY.parse("5"));
        assertEquals("5 is above the maximum 1; expected a number from 0 to 1", above.getMessage());
        assertEquals("1 is below the minimum 2; expected a whole number from 2 to 24",
                assertThrows(Values.Invalid.class, () -> SEGMENTS.parse("1")).getMessage());
        assertEquals("2.5 is not a whole number; expected a whole number from 2 to 24",
                assertThrows(Values.Invalid.class, () -> SEGMENTS.parse("2.5")).getMessage());
        assertEquals("'abc' is not a number; expected a number from 0 to 1",
                assertThrows(Values.Invalid.class, () -> INTENSITY.parse("abc")).getMessage());
        assertEquals("'NaN' is not a number; expected a number from 0 to 1",
                assertThrows(Values.Invalid.class, () -> INTENSITY.parse("NaN")).getMessage());
    }

    @Test
    void valuesAreCheckedByTypeAndBounds() {
        assertEquals(Optional.empty(), INTENSITY.problem(0.5));
        assertTrue(INTENSITY.problem(1.5).isPresent());
        assertTrue(INTENSITY.problem("0.5").isPresent(), "a string is not a number");
        assertTrue(INTENSITY.problem(null).isPresent(), "null only where nullable");
        Values exclusive = new Values(Map.of("type", "number", "exclusiveMinimum", 0), false);
        assertEquals(Optional.of("0 is not above 0; expected a number"), exclusive.problem(0));
    }

    @Test
    void enumsAndNullables() {
        Values mode = new Values(Map.of("type", "string", "enum", List.of("sobel", "lineart")), false);
        assertEquals("lineart", mode.parse("LineArt"), "the schema's spelling comes back");
        assertEquals("'x' is not a choice; expected one of sobel, lineart",
                assertThrows(Values.Invalid.class, () -> mode.parse("x")).getMessage());
        Values noise = new Values(Map.of("type", "number", "minimum", 0, "maximum", 1), true);
        assertNull(noise.parse(""), "empty is none for a nullable number");
        assertEquals("a number from 0 to 1, or empty for none", noise.expected());
        Values flag = new Values(Map.of("type", "boolean"), false);
        assertEquals(Boolean.TRUE, flag.parse("true"));
        assertThrows(Values.Invalid.class, () -> flag.parse("yes"));
    }

    @Test
    void stringsKeepTheirLengthLimits() {
        Values name = new Values(Map.of("type", "string", "maxLength", 3), false);
        assertEquals("abc", name.parse("abc"));
        assertEquals("the text is longer than 3 characters",
                assertThrows(Values.Invalid.class, () -> name.parse("abcd")).getMessage());
    }

    @Test
    void numbersAreShownWithoutATrailingZero() {
        assertEquals("1", Values.format(1.0));
        assertEquals("0.25", Values.format(0.25));
        assertEquals("42", Values.format(42));
    }
}
