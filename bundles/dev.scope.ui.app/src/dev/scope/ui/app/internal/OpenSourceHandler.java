package dev.scope.ui.app.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import dev.scope.ui.stream.SourceSpec;
import dev.scope.ui.stream.StreamController;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Shell;

import jakarta.inject.Named;

/**
 * File > Open Video or Image (Ctrl+O): picks a file and makes it the source (a video loops); the
 * file is opened in a Job, and what is wrong with it is said in the status line.
 */
public final class OpenSourceHandler {

    private static final Set<String> IMAGES = Set.of("png", "jpg", "jpeg");

    @Execute
    void execute(StreamController controller, IEventBroker broker, @Named(IServiceConstants.ACTIVE_SHELL) Shell shell) {
        FileDialog dialog = new FileDialog(shell, SWT.OPEN);
        dialog.setText("Open a Video or an Image");
        dialog.setFilterNames(new String[] {"Videos and images", "All files"});
        dialog.setFilterExtensions(new String[] {"*.mp4;*.mov;*.mkv;*.webm;*.png;*.jpg;*.jpeg", "*"});
        String chosen = dialog.open();
        if (chosen != null) {
            use(controller, broker, source(Path.of(chosen), true));
        }
    }

    /** @return the source for a file: an image by its extension, else a video */
    static SourceSpec source(Path file, boolean loop) {
        String name = file.getFileName().toString();
        String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return IMAGES.contains(ext) ? SourceSpec.image(file) : SourceSpec.videoFile(file, loop);
    }

    /** Makes {@code source} the stream's source in a Job. */
    static void use(StreamController controller, IEventBroker broker, SourceSpec source) {
        StreamJobs.schedule("Opening " + source.describe(), broker, () -> {
            controller.setSource(source);
            return "Source: " + source.describe();
        });
    }
}
