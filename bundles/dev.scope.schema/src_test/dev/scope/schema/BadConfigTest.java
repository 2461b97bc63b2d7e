package dev.scope.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.scope.pipeline.api.BasePipelineConfig;
import dev.scope.pipeline.api.ModeDefaults;
import dev.scope.pipeline.api.Param;
import dev.scope.pipeline.api.PipelineConfig;
import dev.scope.pipeline.api.Ui;

/** Config classes that cannot become a schema, and the messages that say why. */
class BadConfigTest {

    /** No metadata at all. */
    public static class NoAnnotation extends BasePipelineConfig {
    }

    /** An id of blanks. */
    @PipelineConfig(id = "  ")
    public static class BlankId extends BasePipelineConfig {
    }

    /** Only a constructor with arguments. */
    @PipelineConfig(id = "no-ctor")
    public static class NoDefaultConstructor extends BasePipelineConfig {
        /** @param level ignored */
        public NoDefaultConstructor(int level) {
        }
    }

    /** A constructor that fails. */
    @PipelineConfig(id = "throws")
    public static class ThrowingConstructor extends BasePipelineConfig {
        /** Always fails. */
        public ThrowingConstructor() {
            throw new IllegalStateException("boom");
        }
    }

    /** A map is not a parameter type. */
    @PipelineConfig(id = "map")
    public static class UnsupportedType extends BasePipelineConfig {
        /** Not supported. */
        @Param
        public Map<String, String> table = Map.of();
    }

    /** Float lists are not supported either. */
    @PipelineConfig(id = "floats")
    public static class UnsupportedItems extends BasePipelineConfig {
        /** Not supported. */
        @Param
        public List<Float> weights = List.of();
    }

    /** Default above max. */
    @PipelineConfig(id = "range")
    public static class DefaultOutOfRange extends BasePipelineConfig {
        /** Too high. */
        @Param(min = 0, max = 10)
        public int level = 11;
    }

    /** Default not a choice. */
    @PipelineConfig(id = "choice")
    public static class DefaultNotAChoice extends BasePipelineConfig {
        /** Not among a, b. */
        @Param(choices = {"a", "b"})
        public String pick = "c";
    }

    /** Two fields, one schema name. */
    @PipelineConfig(id = "dup")
    public static class DuplicateNames extends BasePipelineConfig {
        /** color_r. */
        @Param
        public int colorR = 1;
        /** Also color_r. */
        @Param(name = "color_r")
        public int red = 2;
    }

    /** A base field re-declared with another type is a clash, not an override. */
    @PipelineConfig(id = "retyped")
    public static class RetypedBaseField extends BasePipelineConfig {
        /** long instead of int. */
        @Param
        public long height = 512;
    }

    /** No modes. */
    @PipelineConfig(id = "modeless", modes = {})
    public static class NoModes extends BasePipelineConfig {
    }

    /** A mode Scope does not know. */
    @PipelineConfig(id = "audio-mode", modes = @ModeDefaults("audio"))
    public static class UnknownMode extends BasePipelineConfig {
    }

    /** Two default modes. */
    @PipelineConfig(id = "two-defaults", modes = {@ModeDefaults(value = ModeDefaults.TEXT, isDefault = true),
        @ModeDefaults(value = ModeDefaults.VIDEO, isDefault = true)})
    public static class TwoDefaultModes extends BasePipelineConfig {
    }

    /** Ui without Param. */
    @PipelineConfig(id = "ui-only")
    public static class UiWithoutParam extends BasePipelineConfig {
        /** Shown but not a parameter. */
        @Ui
        public int shown = 1;
    }

    /** A nullable primitive. */
    @PipelineConfig(id = "nullable-int")
    public static class NullablePrimitive extends BasePipelineConfig {
        /** int cannot hold null. */
        @Param(nullable = true)
        public int count = 1;
    }

    /** Bounds on a string. */
    @PipelineConfig(id = "string-min")
    public static class BoundedString extends BasePipelineConfig {
        /** min makes no sense here. */
        @Param(min = 1)
        public String text = "x";
    }

    /** A final parameter cannot take overrides. */
    @PipelineConfig(id = "final")
    public static class FinalField extends BasePipelineConfig {
        /** Fixed. */
        @Param
        public final int fixed = 1;
    }

    private static void assertSchemaError(String message, Class<? extends BasePipelineConfig> type) {
        assertEquals(message, assertThrows(SchemaException.class, () -> ConfigModel.of(type)).getMessage());
    }

    @Test
    void missingOrBlankMetadata() {
        assertSchemaError(NoAnnotation.class.getName() + ": no @PipelineConfig annotation", NoAnnotation.class);
        assertSchemaError(BlankId.class.getName() + ": @PipelineConfig id is blank", BlankId.class);
    }

    @Test
    void constructors() {
        assertSchemaError(NoDefaultConstructor.class.getName() + ": has no public no-argument constructor",
                NoDefaultConstructor.class);
        SchemaException e = assertThrows(SchemaException.class, () -> ConfigModel.of(ThrowingConstructor.class));
        assertEquals(ThrowingConstructor.class.getName() + ": constructor threw java.lang.IllegalStateException: boom",
                e.getMessage());
        assertEquals("boom", assertInstanceOf(IllegalStateException.class, e.getCause()).getMessage());
    }

    @Test
    void unsupportedTypes() {
        String supported = "; use int, long, float, double (or boxed), boolean, Boolean, String, an enum, "
                + "or List<Integer|Long|Double|String|Boolean>";
        assertSchemaError(UnsupportedType.class.getName() + ", field table: unsupported type "
                + "java.util.Map<java.lang.String, java.lang.String>" + supported, UnsupportedType.class);
        assertSchemaError(UnsupportedItems.class.getName() + ", field weights: unsupported type "
                + "java.util.List<java.lang.Float>" + supported, UnsupportedItems.class);
    }

    @Test
    void invalidDefaults() {
        assertSchemaError(DefaultOutOfRange.class.getName()
                + ", field level: invalid default: level = 11 is out of range; allowed: 0 to 10",
                DefaultOutOfRange.class);
        assertSchemaError(DefaultNotAChoice.class.getName()
                + ", field pick: invalid default: pick = \"c\" is not one of the choices; allowed: one of a, b",
                DefaultNotAChoice.class);
    }

    @Test
    void duplicateNames() {
        assertSchemaError(DuplicateNames.class.getName()
                + ": duplicate parameter name 'color_r' (fields DuplicateNames.colorR and DuplicateNames.red)",
                DuplicateNames.class);
        assertSchemaError(RetypedBaseField.class.getName()
                + ": duplicate parameter name 'height' (fields BasePipelineConfig.height and RetypedBaseField.height)",
                RetypedBaseField.class);
    }

    @Test
    void modes() {
        assertSchemaError(NoModes.class.getName() + ": @PipelineConfig modes is empty; declare at least one mode",
                NoModes.class);
        assertSchemaError(UnknownMode.class.getName() + ": mode 'audio' is unknown; use text or video",
                UnknownMode.class);
        assertSchemaError(TwoDefaultModes.class.getName() + ": modes text and video are both marked default",
                TwoDefaultModes.class);
    }

    @Test
    void misusedAnnotations() {
        assertSchemaError(UiWithoutParam.class.getName() + ", field shown: has @Ui but no @Param",
                UiWithoutParam.class);
        assertSchemaError(NullablePrimitive.class.getName()
                + ", field count: a primitive field cannot be nullable; use the boxed type", NullablePrimitive.class);
        assertSchemaError(BoundedString.class.getName()
                + ", field text: min and max apply only to integer and number parameters", BoundedString.class);
        assertSchemaError(FinalField.class.getName()
                + ", field fixed: a @Param field must be public, not static and not final", FinalField.class);
    }
}
