package dev.scope.ui.app.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import dev.scope.ui.stream.StreamController;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;

/**
 * File > Snapshot (F12): writes the latest output frame as a PNG into the user's pictures folder
 * ({@code $XDG_PICTURES_DIR}, else {@code ~/Pictures}, else the home folder), named by the time,
 * and says where in the status line. No dialog: a snapshot is taken in the moment.
 */
public final class SnapshotHandler {

    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("'scope-'yyyyMMdd-HHmmss-SSS'.png'");

    @CanExecute
    boolean canExecute(StreamController controller) {
        return controller.state().running();
    }

    @Execute
    void execute(StreamController controller, IEventBroker broker) {
        Path file = folder().resolve(LocalDateTime.now().format(NAME));
        StreamJobs.schedule("Taking a snapshot", broker, () -> {
            Files.createDirectories(file.getParent());
            controller.snapshot(file);
            return "Snapshot written to " + file;
        });
    }

    static Path folder() {
        String xdg = System.getenv("XDG_PICTURES_DIR");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg);
        }
        Path home = Path.of(System.getProperty("user.home"));
        Path pictures = home.resolve("Pictures");
        return Files.isDirectory(pictures) ? pictures : home;
    }
}
