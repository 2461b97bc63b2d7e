package dev.scope.ui.app.internal;

import java.nio.file.Path;

import dev.scope.ui.stream.SourceSpec;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

/**
 * The fields of the Source view for each kind of source: size and rate of the test pattern, the
 * file and loop of a video or image, the device of a webcam. Only the fields of the chosen kind
 * are enabled.
 */
final class SourceFields {

    private final Spinner width;
    private final Spinner height;
    private final Spinner fps;
    private final Text path;
    private final Button browse;
    private final Button loop;
    private final Text device;

    SourceFields(Composite parent) {
        width = spinner(parent, "Width", "source.width", 16, 8192, 1280);
        height = spinner(parent, "Height", "source.height", 16, 8192, 720);
        fps = spinner(parent, "Frames a second", "source.fps", 1, 240, 30);
        new Label(parent, SWT.NONE).setText("File");
        Composite file = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(2, false);
        layout.marginWidth = 0;
        file.setLayout(layout);
        file.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        path = new Text(file, SWT.BORDER);
        path.setData("test.id", "source.path");
        path.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        browse = new Button(file, SWT.PUSH);
        browse.setText("Browse...");
        browse.setData("test.id", "source.browse");
        browse.addListener(SWT.Selection, e -> browse(parent));
        new Label(parent, SWT.NONE);
        loop = new Button(parent, SWT.CHECK);
        loop.setText("Loop the video");
        loop.setData("test.id", "source.loop");
        loop.setSelection(true);
        new Label(parent, SWT.NONE).setText("Webcam device");
        device = new Text(parent, SWT.BORDER);
        device.setMessage("the first camera");
        device.setData("test.id", "source.device");
        device.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
    }

    private static Spinner spinner(Composite parent, String label, String id, int min, int max, int value) {
        new Label(parent, SWT.NONE).setText(label);
        Spinner s = new Spinner(parent, SWT.BORDER);
        s.setValues(value, min, max, 0, 1, 10);
        s.setData("test.id", id);
        return s;
    }

    private void browse(Composite parent) {
        FileDialog dialog = new FileDialog(parent.getShell(), SWT.OPEN);
        dialog.setFilterExtensions(new String[] {"*.mp4;*.mov;*.mkv;*.webm;*.png;*.jpg;*.jpeg", "*"});
        String chosen = dialog.open();
        if (chosen != null) {
            path.setText(chosen);
        }
    }

    /** Enables the fields of one kind (an index of {@link SourceSpec.Kind}). */
    void showKind(int kind) {
        boolean pattern = kind == SourceSpec.Kind.TEST_PATTERN.ordinal();
        boolean file = kind == SourceSpec.Kind.VIDEO_FILE.ordinal() || kind == SourceSpec.Kind.IMAGE.ordinal();
        width.setEnabled(pattern);
        height.setEnabled(pattern);
        fps.setEnabled(pattern);
        path.setEnabled(file);
        browse.setEnabled(file);
        loop.setEnabled(kind == SourceSpec.Kind.VIDEO_FILE.ordinal());
        device.setEnabled(kind == SourceSpec.Kind.WEBCAM.ordinal());
    }

    /** Fills the fields from a source. */
    void show(SourceSpec s) {
        switch (s.kind()) {
            case TEST_PATTERN -> {
                width.setSelection(s.width());
                height.setSelection(s.height());
                fps.setSelection((int) Math.round(s.fps()));
            }
            case VIDEO_FILE, IMAGE -> {
                path.setText(s.path());
                loop.setSelection(s.loop() || s.kind() == SourceSpec.Kind.IMAGE);
            }
            case WEBCAM -> device.setText(s.path() == null ? "" : s.path());
        }
    }

    /**
     * @return the source the fields describe for {@code kind}
     * @throws IllegalArgumentException when a file is needed and none is given
     */
    SourceSpec spec(SourceSpec.Kind kind) {
        return switch (kind) {
            case TEST_PATTERN -> SourceSpec.testPattern(width.getSelection(), height.getSelection(), fps.getSelection());
            case VIDEO_FILE, IMAGE -> {
                if (path.getText().isBlank()) {
                    throw new IllegalArgumentException("choose a file first (Browse...)");
                }
                Path file = Path.of(path.getText().strip());
                yield kind == SourceSpec.Kind.IMAGE ? SourceSpec.image(file) : SourceSpec.videoFile(file, loop.getSelection());
            }
            case WEBCAM -> SourceSpec.webcam(device.getText().isBlank() ? null : device.getText().strip());
        };
    }
}
