package dev.scope.ui.app.internal;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

import dev.scope.ui.stream.StreamController;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

import jakarta.inject.Named;

import org.eclipse.e4.ui.services.IServiceConstants;

/**
 * File > Record to MP4 (Ctrl+R): asks where to write, then records every output frame while the
 * preview goes on; run again, it finishes the recording.
 */
public final class RecordHandler {

    @CanExecute
    boolean canExecute(StreamController controller) {
        return controller.state().running() || controller.state().recording() != null;
    }

    @Execute
    void execute(StreamController controller, IEventBroker broker, @Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        toggle(controller, broker, shell);
    }

    /** Also what the Source view's record button does. */
    static void toggle(StreamController controller, IEventBroker broker, Shell shell) {
        if (controller.state().recording() != null) {
            StreamJobs.schedule("Finishing the recording", broker,
                    () -> controller.stopRecording().map(p -> "Recorded " + p).orElse(null));
            return;
        }
        FileDialog dialog = new FileDialog(shell, SWT.SAVE);
        dialog.setText("Record to MP4");
        dialog.setFilterExtensions(new String[] {"*.mp4"});
        dialog.setFilterPath(SnapshotHandler.folder().toString());
        dialog.setFileName(LocalDateTime.now().format(DateTimeFormatter.ofPattern("'scope-'yyyyMMdd-HHmmss'.mp4'")));
        dialog.setOverwrite(true);
        String chosen = dialog.open();
        if (chosen != null) {
            Path file = Path.of(chosen.endsWith(".mp4") ? chosen : chosen + ".mp4");
            StreamJobs.schedule("Starting the recording", broker, () -> {
                controller.startRecording(file);
                return "Recording to " + file;
            });
        }
    }
}
