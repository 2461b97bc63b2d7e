package dev.scope.ui.app.internal;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import dev.scope.engine.api.SessionMetrics;
import dev.scope.engine.api.StageMetrics;
import dev.scope.ui.preview.PreviewStats;
import dev.scope.ui.preview.TimeSeriesPlot;
import dev.scope.ui.stream.StreamController;

import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The Performance view: over the last minute, the stream's output rate and the preview's painted
 * rate, and the end-to-end latency and each stage's median call time; below, the drops (at the
 * input queue, by sampling, at the output queue, in the preview) and the path each stage runs on.
 * Sampled from the {@link StreamController}'s metrics twice a second on the UI thread.
 */
public final class PerformancePart {

    private static final int SAMPLE_MILLIS = 500;

    @Inject
    private StreamController controller;
    @Inject
    private MApplication app;

    private TimeSeriesPlot rates;
    private TimeSeriesPlot times;
    private Label counts;

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(2, true));
        rates = plot(parent, "frames a second", "performance.rates");
        times = plot(parent, "milliseconds", "performance.times");
        counts = new Label(parent, SWT.WRAP);
        counts.setData("test.id", "performance.counts");
        counts.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        sample();
    }

    private static TimeSeriesPlot plot(Composite parent, String axis, String id) {
        TimeSeriesPlot plot = new TimeSeriesPlot(parent, SWT.NONE);
        plot.setValueAxisTitle(axis);
        plot.setData("test.id", id);
        GridData data = new GridData(SWT.FILL, SWT.FILL, true, true);
        data.minimumHeight = 120; // the counts below wrap into what is left
        plot.setLayoutData(data);
        return plot;
    }

    private void sample() {
        counts.getDisplay().timerExec(SAMPLE_MILLIS, () -> {
            if (!counts.isDisposed()) {
                show(System.nanoTime());
                sample();
            }
        });
    }

    @SuppressWarnings("unchecked")
    private void show(long now) {
        Object preview = app.getContext().get(PreviewPart.STATS);
        PreviewStats p = preview instanceof Supplier<?> s ? ((Supplier<PreviewStats>) s).get() : null;
        SessionMetrics m = controller.metrics().orElse(null);
        if (m == null) {
            counts.setText("Stopped");
            return;
        }
        rates.add("stream", now, m.outputFps());
        if (p != null) {
            rates.add("preview painted", now, p.paintedFps());
        }
        times.add("latency p50", now, m.latencyP50Millis());
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "Dropped: %d at the input queue, %d by sampling, %d at the output queue, %d in the preview."
                        + " Latency p50 %.1f ms, p99 %.1f ms.", m.inputDropped(), m.skipped(), m.outputDropped(),
                p == null ? 0 : p.framesDropped(), m.latencyP50Millis(), m.latencyP99Millis()));
        List<StageMetrics> stages = m.stages();
        for (int i = 0; i < stages.size(); i++) {
            StageMetrics s = stages.get(i);
            String name = stageName(stages, i);
            times.add(name + " p50", now, s.p50Millis());
            // one paragraph for all stages, so a long chain leaves the plots their room
            text.append(String.format(Locale.ROOT, i == 0 ? "%n%s %.2f / %.2f ms (%s)" : "; %s %.2f / %.2f ms (%s)",
                    name, s.p50Millis(), s.p99Millis(), s.path()));
        }
        if (!stages.isEmpty()) {
            text.append(" (p50 / p99 per stage)");
        }
        counts.setText(text.toString());
        counts.getParent().layout();
    }

    /** @return the stage's pipeline id, numbered by its position when the chain has it more than once */
    static String stageName(List<StageMetrics> stages, int i) {
        String id = stages.get(i).pipelineId();
        long same = stages.stream().filter(s -> s.pipelineId().equals(id)).count();
        return same > 1 ? id + " #" + (i + 1) : id;
    }

    @Focus
    void focus() {
        rates.setFocus();
    }
}
