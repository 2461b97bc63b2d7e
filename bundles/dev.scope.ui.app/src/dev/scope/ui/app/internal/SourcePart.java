package dev.scope.ui.app.internal;

import dev.scope.ui.stream.SourceSpec;
import dev.scope.ui.stream.StreamController;
import dev.scope.ui.stream.StreamListener;
import dev.scope.ui.stream.StreamState;
import dev.scope.ui.stream.StreamStatus;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The Source view: what the stream reads (the test pattern with its size and rate, a video file
 * that may loop, an image, a webcam) and the stream's controls (start / stop, pause, record,
 * snapshot). Changes go to the {@link StreamController} in Jobs; the view follows the controller's
 * state. Widgets carry {@code test.id}s ({@code source.*}, {@code stream.*}).
 */
public final class SourcePart {

    private static final String[] KINDS = {"Test pattern", "Video file", "Image", "Webcam"};

    @Inject
    private StreamController controller;
    @Inject
    private IEventBroker broker;
    @Inject
    private UISynchronize sync;

    private Combo kind;
    private SourceFields fields;
    private Button toggle;
    private Button pause;
    private Button record;
    private Label state;
    private final StreamListener onState = s -> sync.asyncExec(() -> show(s));

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        Composite source = group(parent, 2);
        new Label(source, SWT.NONE).setText("Source");
        kind = new Combo(source, SWT.READ_ONLY);
        kind.setItems(KINDS);
        kind.setData("test.id", "source.kind");
        kind.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        fields = new SourceFields(source);
        kind.addListener(SWT.Selection, e -> fields.showKind(kind.getSelectionIndex()));
        Button apply = button(source, "Use this source", "source.apply");
        apply.setLayoutData(new GridData(SWT.END, SWT.CENTER, true, false, 2, 1));
        apply.addListener(SWT.Selection, e -> apply());
        Composite controls = group(parent, 4);
        toggle = button(controls, "Start", "stream.toggle");
        toggle.addListener(SWT.Selection, e -> StreamToggleHandler.toggle(controller, broker));
        pause = button(controls, "Pause", "stream.pause");
        pause.addListener(SWT.Selection, e -> PauseHandler.toggle(controller));
        record = button(controls, "Record...", "stream.record");
        record.addListener(SWT.Selection, e -> RecordHandler.toggle(controller, broker, parent.getShell()));
        Button snapshot = button(controls, "Snapshot", "stream.snapshot");
        snapshot.addListener(SWT.Selection, e -> new SnapshotHandler().execute(controller, broker));
        state = new Label(parent, SWT.WRAP);
        state.setData("test.id", "stream.state");
        state.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        controller.addListener(onState);
        StreamState now = controller.state();
        fields.show(now.source());
        kind.select(now.source().kind().ordinal());
        fields.showKind(kind.getSelectionIndex());
        show(now);
    }

    private static Composite group(Composite parent, int columns) {
        Composite c = new Composite(parent, SWT.NONE);
        c.setLayout(new GridLayout(columns, false));
        c.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        return c;
    }

    private static Button button(Composite parent, String text, String id) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(text);
        b.setData("test.id", id);
        return b;
    }

    private void apply() {
        try {
            OpenSourceHandler.use(controller, broker, fields.spec(SourceSpec.Kind.values()[kind.getSelectionIndex()]));
        } catch (IllegalArgumentException e) {
            broker.post(StatusTopics.ERROR, e.getMessage());
        }
    }

    private void show(StreamState s) {
        if (state.isDisposed()) {
            return;
        }
        toggle.setText(s.status() == StreamStatus.STOPPED ? "Start" : "Stop");
        pause.setText(s.status() == StreamStatus.PAUSED ? "Resume" : "Pause");
        pause.setEnabled(s.running());
        record.setText(s.recording() == null ? "Record..." : "Stop recording");
        record.setEnabled(s.running() || s.recording() != null);
        String text = switch (s.status()) {
            case STOPPED -> "Stopped";
            case STARTING -> "Starting ...";
            case STREAMING -> "Streaming";
            case PAUSED -> "Paused";
        };
        text += ": " + s.source().describe();
        if (s.recording() != null) {
            text += "\nRecording to " + s.recording();
        }
        if (s.error() != null) {
            text += "\n" + s.error();
        }
        state.setText(text);
        state.getParent().layout(true, true);
    }

    @Focus
    void focus() {
        kind.setFocus();
    }

    @PreDestroy
    void dispose() {
        controller.removeListener(onState);
    }
}
