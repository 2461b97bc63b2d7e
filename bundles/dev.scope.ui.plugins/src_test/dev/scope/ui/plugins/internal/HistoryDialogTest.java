package dev.scope.ui.plugins.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import dev.scope.engine.api.PluginHistoryEntry;

import org.junit.jupiter.api.Test;

/** What the history dialog says about an entry: its time, and what rolling back to it changes. */
class HistoryDialogTest {

    @Test
    void rollingBackSaysWhatComesBackChangesAndGoes() {
        assertEquals(List.of("a 1.0.0 becomes 0.9.0", "b 2.0.0 comes back", "c 1.0.0 is disabled",
                "f 2.0.0 is enabled", "g 1.0.0 (disabled) becomes 1.1.0", "d 3.0.0 is removed"),
                HistoryDialog.changes(List.of("d 3.0.0", "a 1.0.0", "c 1.0.0", "e 1.0.0", "f 2.0.0 (disabled)",
                        "g 1.0.0 (disabled)"), List.of("a 0.9.0", "b 2.0.0", "c 1.0.0 (disabled)", "e 1.0.0",
                                "f 2.0.0", "g 1.1.0")));
        assertEquals(List.of(), HistoryDialog.changes(List.of("a 1.0.0"), List.of("a 1.0.0")));
        assertEquals(List.of("a 1.0.0 is removed"), HistoryDialog.changes(List.of("a 1.0.0"), List.of()));
    }

    @Test
    void theTimeIsThisMachinesToTheSecond() {
        String at = "2026-12-03T13:48:38.646071091Z";
        assertEquals(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault())
                .format(Instant.parse(at)), HistoryDialog.when(entry(at)));
        assertEquals("yesterday", HistoryDialog.when(entry("yesterday")), "what does not parse is shown as it is");
    }

    private static PluginHistoryEntry entry(String at) {
        return new PluginHistoryEntry(1, at, "install", "a 1.0.0", List.of("a 1.0.0"));
    }
}
