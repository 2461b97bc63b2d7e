package dev.scope.ui.app.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remembered theme in $SCOPE_HOME/workbench/ui.json. */
class UiSettingsTest {

    @TempDir
    Path home;

    @Test
    void lightUntilAnotherIsChosenThenRemembered() {
        List<String> notices = new ArrayList<>();
        assertEquals(UiSettings.LIGHT, UiSettings.read(home, notices).theme());
        new UiSettings(UiSettings.DARK).write(home);
        assertEquals(UiSettings.DARK, UiSettings.read(home, notices).theme());
        assertEquals(List.of(), notices);
    }

    @Test
    void anUnreadableFileIsMovedAsideWithOneNotice() throws Exception {
        Files.createDirectories(UiSettings.file(home).getParent());
        Files.writeString(UiSettings.file(home), "{\"theme\": \"neon\"}");
        List<String> notices = new ArrayList<>();
        assertEquals(UiSettings.LIGHT, UiSettings.read(home, notices).theme());
        assertEquals(1, notices.size());
        assertTrue(notices.get(0).contains("ui.json was unreadable (expected {\"theme\": one of"), notices.get(0));
        assertTrue(notices.get(0).endsWith("and the light theme is used"), notices.get(0));
        assertFalse(Files.exists(UiSettings.file(home)));
        assertEquals(UiSettings.LIGHT, UiSettings.read(home, notices).theme());
        assertEquals(1, notices.size(), "said once");
    }
}
