package dev.scope.ui.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import dev.scope.engine.api.FailedPlugin;
import dev.scope.engine.api.InstalledPlugin;
import dev.scope.engine.api.PipelineInfo;
import dev.scope.engine.api.PluginRef;

import org.junit.jupiter.api.Test;

/** How the plugin manager's and the registry's views merge into the table's rows. */
class PluginRowTest {

    private static PipelineInfo pipeline(String id, PluginRef plugin) {
        return new PipelineInfo(id, id, List.of(), List.of("video"), "video", plugin, Map.of(), null);
    }

    private static final PluginRef BASIC = new PluginRef("dev.scope.pipelines.basic", "1.0.0", "reference:file:basic",
            3, true);
    private static final PluginRef INVERT = new PluginRef("invert", "1.0.0", "scope:plugin:invert@abc", 40, false);
    private static final PluginRef DEV = new PluginRef("dev.plugin", "0.1.0", "reference:file:/ws/dev", 41, false);

    @Test
    void installedOtherAndFailedByNameThenBuiltIn() {
        List<PluginRow> rows = PluginRow.of(
                List.of(new InstalledPlugin("invert", "1.0.0", "active", null, List.of("invert"), "abc", "/j/invert.jar",
                        "2026-12-01T10:00:00Z"),
                        new InstalledPlugin("gone", "2.0.0", "missing", "its cached JAR is missing; install it again",
                                List.of(), "def", "/j/gone.jar", "2026-12-01T10:00:00Z")),
                List.of(pipeline("gray", BASIC), pipeline("invert", INVERT), pipeline("passthrough", BASIC),
                        pipeline("dev", DEV)),
                List.of(new FailedPlugin("broken", "1.0.0", "test:broken", "UnresolvedRequirement",
                        "missing Import-Package no.such.pkg")));
        assertEquals(List.of("broken", "dev.plugin", "gone", "invert", "dev.scope.pipelines.basic"),
                rows.stream().map(PluginRow::name).toList());
        PluginRow basic = rows.get(4);
        assertEquals(PluginRow.BUILT_IN, basic.source());
        assertEquals(List.of("gray", "passthrough"), basic.pipelines());
        assertTrue(basic.whyNotRemovable().contains("built into the workbench"));
        assertFalse(basic.failed());
        PluginRow broken = rows.get(0);
        assertTrue(broken.failed());
        assertEquals("UnresolvedRequirement", broken.errorType());
        assertEquals(PluginRow.Kind.OTHER, broken.kind());
        assertEquals("test:broken", broken.source());
        PluginRow gone = rows.get(2);
        assertTrue(gone.failed());
        assertEquals("missing", gone.errorType());
        assertNull(gone.whyNotRemovable(), "an installed plugin can be uninstalled, failed or not");
        assertEquals("/j/invert.jar", rows.get(3).source());
        assertNull(rows.get(3).errorType());
        assertEquals(PluginRow.Kind.OTHER, rows.get(1).kind());
        assertTrue(rows.get(1).whyNotRemovable().contains("not installed through this view"));
    }

    @Test
    void anInstalledPluginThatFailsToActivateTakesTheRegistrysErrorType() {
        List<PluginRow> rows = PluginRow.of(
                List.of(new InstalledPlugin("bad", "1.0.0", "failed", "component bad failed to activate", List.of(), "a",
                        "/j/bad.jar", "t")),
                List.of(), List.of(new FailedPlugin("bad", "1.0.0", "scope:plugin:bad@a", "IllegalStateException",
                        "deliberately broken")));
        assertEquals(1, rows.size());
        assertEquals("IllegalStateException", rows.get(0).errorType());
        assertEquals("deliberately broken", rows.get(0).error());
        assertEquals(PluginTable.FAILED + "failed: IllegalStateException", PluginTable.state(rows.get(0)));
        assertEquals("bad 1.0.0 (/j/bad.jar): IllegalStateException: deliberately broken",
                PluginTable.describe(rows.get(0)));
    }
}
