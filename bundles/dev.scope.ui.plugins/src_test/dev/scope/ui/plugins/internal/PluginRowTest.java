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
        assertTrue(basic.whyNot("uninstalled").contains("built into the workbench and cannot be uninstalled"));
        assertFalse(basic.failed());
        PluginRow broken = rows.get(0);
        assertTrue(broken.failed());
        assertEquals("UnresolvedRequirement", broken.errorType());
        assertEquals(PluginRow.Kind.OTHER, broken.kind());
        assertEquals("test:broken", broken.source());
        PluginRow gone = rows.get(2);
        assertTrue(gone.failed());
        assertEquals("missing", gone.errorType());
        assertNull(gone.whyNot("uninstalled"), "an installed plugin can be uninstalled, failed or not");
        assertEquals("/j/invert.jar", rows.get(3).source());
        assertNull(rows.get(3).errorType());
        assertEquals(PluginRow.Kind.OTHER, rows.get(1).kind());
        assertTrue(rows.get(1).whyNot("disabled").contains("not installed through this view or 'scope plugins install' and cannot be disabled here"));
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
        assertEquals(Marks.FAILED + "failed: IllegalStateException", Marks.state(rows.get(0)));
        assertEquals("IllegalStateException: deliberately broken \u2014 bad 1.0.0 (/j/bad.jar)",
                Marks.describe(rows.get(0)));
    }

    @Test
    void aPluginNotStartedKeepsTheManagersWordsOverTheRegistrysComplaint() {
        List<PluginRow> rows = PluginRow.of(
                List.of(new InstalledPlugin("safe", "1.0.0", "disabled", "not started: this run is in safe mode (start"
                        + " without --safe-mode to run it)", List.of(), "c", "/j/safe.jar", "t")),
                List.of(), List.of(new FailedPlugin("safe", "1.0.0", "scope:plugin:safe@c", "UnresolvedRequirement",
                        "the bundle does not resolve")));
        assertEquals(1, rows.size());
        assertFalse(rows.get(0).failed());
        assertEquals("disabled", rows.get(0).errorType());
        assertTrue(rows.get(0).error().startsWith("not started: this run is in safe mode"), rows.get(0).error());
    }

    @Test
    void theManagersMarksReachTheRowAndReadAsMarks() {
        List<PluginRow> rows = PluginRow.of(List.of(
                new InstalledPlugin("dev", "1.0.0", "active", null, List.of("dev"), "a", "/ws/dev", "t", true, "/ws/dev",
                        "a new build", true),
                new InstalledPlugin("off", "2.0.0", "disabled", null, List.of(), "b", "/j/off.jar", "t", false, null,
                        "2.1.0", false),
                new InstalledPlugin("safe", "1.0.0", "disabled", "not started: this run is in safe mode (start without"
                        + " --safe-mode to run it)", List.of(), "c", "/j/safe.jar", "t")),
                List.of(), List.of());
        PluginRow dev = rows.get(0);
        assertEquals("/ws/dev", dev.linked());
        assertTrue(dev.leaked());
        assertEquals("active", Marks.state(dev));
        assertEquals(Marks.UPDATE + "a new build, " + Marks.LEAKED + ", " + Marks.LINKED, Marks.marks(dev));
        List<String> why = Marks.explain(dev);
        assertEquals(3, why.size(), why.toString());
        assertTrue(why.get(0).contains("its source holds a new build"), why.get(0));
        assertTrue(why.get(1).contains("a thread the plugin did not stop in @Deactivate"), why.get(1));
        assertTrue(why.get(1).startsWith(Marks.LEAKED + ": "), why.get(1));
        assertTrue(why.get(2).contains("follows /ws/dev"), why.get(2));

        PluginRow off = rows.get(1);
        assertFalse(off.failed(), "disabled is not failed");
        assertTrue(off.disabled());
        assertFalse(off.enabled());
        assertEquals(Marks.DISABLED + "disabled", Marks.state(off));
        assertEquals(Marks.UPDATE + "2.1.0", Marks.marks(off));
        assertTrue(Marks.describe(off).contains("disabled, its pipelines are not in the workbench"), Marks.describe(off));

        PluginRow safe = rows.get(2);
        assertEquals(Marks.DISABLED + "not started (safe mode)", Marks.state(safe));
        assertEquals("", Marks.marks(safe));
        assertTrue(Marks.describe(safe).contains("this run is in safe mode"), Marks.describe(safe));
    }
}
