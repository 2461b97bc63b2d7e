package dev.scope.ui.app.internal;

import java.util.function.Supplier;

import dev.scope.pipeline.api.Frame;
import dev.scope.ui.preview.PreviewCanvas;
import dev.scope.ui.preview.PreviewLayout;
import dev.scope.ui.preview.PreviewStats;
import dev.scope.ui.stream.FrameListener;
import dev.scope.ui.stream.StreamController;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

/**
 * The Preview view: the stream's input and output side by side (or the output alone), live, in a
 * {@link PreviewCanvas} fed by the {@link StreamController}'s frames (each offered reference is
 * the canvas's to release; frames it could not paint are dropped for the preview only). The
 * canvas's overlay shows the stream's rate and the painted rate; its statistics go into the
 * application context under {@link #STATS} for the Performance view.
 */
public final class PreviewPart {

    /** The context key of a {@code Supplier<PreviewStats>} of the preview on screen. */
    public static final String STATS = "dev.scope.ui.app.preview.stats";

    private static final int RATE_MILLIS = 500;

    @Inject
    private StreamController controller;
    @Inject
    private MApplication app;

    private PreviewCanvas canvas;
    private Button input;
    private final FrameListener frames = new FrameListener() {
        @Override
        public void outputFrame(Frame frame, long ptsMicros) {
            canvas.offerOutput(frame);
        }

        @Override
        public void inputFrame(Frame frame, long ptsMicros) {
            canvas.offerInput(frame);
        }
    };

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        input = new Button(parent, SWT.CHECK);
        input.setText("Show the &input beside the output");
        input.setSelection(true);
        input.setData("test.id", "preview.input");
        canvas = new PreviewCanvas(parent, SWT.NONE);
        canvas.setData("test.id", "preview.canvas");
        canvas.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        input.addListener(SWT.Selection, e -> canvas.setLayoutMode(input.getSelection()
                ? PreviewLayout.SIDE_BY_SIDE : PreviewLayout.OUTPUT_ONLY));
        controller.addFrameListener(frames);
        Supplier<PreviewStats> stats = canvas::stats;
        app.getContext().set(STATS, stats);
        rate();
    }

    /** Tells the overlay the stream's measured rate, twice a second. */
    private void rate() {
        canvas.getDisplay().timerExec(RATE_MILLIS, () -> {
            if (!canvas.isDisposed()) {
                controller.metrics().ifPresentOrElse(m -> canvas.setStreamFps(m.outputFps()),
                        () -> canvas.setStreamFps(Double.NaN));
                rate();
            }
        });
    }

    @Focus
    void focus() {
        input.setFocus();
    }

    @PreDestroy
    void dispose() {
        controller.removeFrameListener(frames); // before the canvas goes: no frame is offered to it after
        app.getContext().remove(STATS);
    }
}
