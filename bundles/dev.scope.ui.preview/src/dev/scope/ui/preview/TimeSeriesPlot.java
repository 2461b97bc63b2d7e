package dev.scope.ui.preview;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swtchart.Chart;
import org.eclipse.swtchart.IAxis;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ISeries;
import org.eclipse.swtchart.ISeries.SeriesType;
import org.eclipse.swtchart.Range;

import dev.scope.ui.preview.internal.PlotColors;
import dev.scope.ui.preview.internal.SeriesStore;

/**
 * Named series over the last minute, as lines against "seconds ago", with a legend and axis
 * titles, in colours taken from the system (light and dark themes alike). It draws with SWTChart
 * ({@code org.eclipse.swtchart}), a chart widget it holds inside.
 *
 * <p>{@link #add} and {@link #samples} may be called from any thread; time is the injected clock's
 * (nanoseconds), so tests do not depend on the wall clock. Samples older than a minute by that
 * clock are let go. Added samples reach the screen through one coalesced {@code asyncExec}, and
 * the plot also moves on once a second while nothing is added. Every other method belongs to the
 * UI thread. Colours are disposed with the widget.
 */
public final class TimeSeriesPlot extends Canvas {

    /**
     * One sample of a series.
     *
     * @param nanoTime when it was measured, by the plot's clock
     * @param value the value
     */
    public record Sample(long nanoTime, double value) {
    }

    /** How far back the plot reaches. */
    public static final Duration WINDOW = Duration.ofMinutes(1);
    private static final int TICK_MILLIS = 1000;

    private final Display display;
    private final LongSupplier clock;
    private final SeriesStore store = new SeriesStore(WINDOW.toNanos());
    private final AtomicBoolean pending = new AtomicBoolean();
    private final PlotColors colors;
    private final Chart chart;
    private final Runnable tick = this::tick;

    /**
     * A plot timed by {@link System#nanoTime()}.
     *
     * @param parent the parent
     * @param style the canvas's style
     */
    public TimeSeriesPlot(Composite parent, int style) {
        this(parent, style, System::nanoTime);
    }

    /**
     * @param parent the parent
     * @param style the canvas's style
     * @param nanoClock the clock samples are timed by, in nanoseconds (called from any thread)
     */
    public TimeSeriesPlot(Composite parent, int style, LongSupplier nanoClock) {
        super(parent, style);
        display = getDisplay();
        clock = nanoClock;
        colors = new PlotColors(display);
        setLayout(new FillLayout());
        chart = new Chart(this, SWT.NONE);
        style(chart);
        addListener(SWT.Dispose, e -> colors.dispose());
        display.timerExec(TICK_MILLIS, tick);
    }

    private void style(Chart c) {
        c.setBackground(colors.background());
        c.setBackgroundInPlotArea(colors.background());
        c.getTitle().setVisible(false);
        c.getLegend().setPosition(SWT.BOTTOM);
        c.getLegend().setBackground(colors.background());
        c.getLegend().setForeground(colors.foreground());
        IAxis x = c.getAxisSet().getXAxis(0);
        x.getTitle().setText("seconds ago");
        x.setRange(new Range(-WINDOW.toSeconds(), 0));
        IAxis y = c.getAxisSet().getYAxis(0);
        y.getTitle().setText("value");
        for (IAxis axis : c.getAxisSet().getAxes()) {
            axis.getTitle().setForeground(colors.foreground());
            axis.getTick().setForeground(colors.foreground());
            axis.getGrid().setForeground(colors.grid());
        }
    }

    /**
     * Adds a sample (any thread). A series appears with its first sample, in the next colour.
     *
     * @param series the series' name, shown in the legend
     * @param nanoTime when it was measured, by this plot's clock
     * @param value the value; {@code NaN} and infinities are ignored
     */
    public void add(String series, long nanoTime, double value) {
        if (!Double.isFinite(value) || !store.add(series, nanoTime, value, clock.getAsLong())) {
            return;
        }
        if (!pending.getAndSet(true)) {
            try {
                display.asyncExec(this::refresh);
            } catch (RuntimeException e) { // the display is gone: nothing to draw on
                pending.set(false);
            }
        }
    }

    /**
     * @param series a series' name
     * @return its samples within the last minute by the plot's clock, oldest first (any thread)
     */
    public List<Sample> samples(String series) {
        return store.snapshot(clock.getAsLong()).getOrDefault(series, List.of());
    }

    /** @param title the value axis' title, e.g. {@code ms} or {@code frames per second} */
    public void setValueAxisTitle(String title) {
        checkWidget();
        chart.getAxisSet().getYAxis(0).getTitle().setText(title);
        chart.redraw();
    }

    /** Forgets every series. */
    public void clear() {
        checkWidget();
        store.clear();
        for (ISeries<?> s : chart.getSeriesSet().getSeries()) {
            chart.getSeriesSet().deleteSeries(s.getId());
        }
        chart.redraw();
    }

    /** @return the chart inside, for reading what it shows (tests, screenshots); do not restyle it */
    public Chart chart() {
        checkWidget();
        return chart;
    }

    private void tick() {
        if (!isDisposed()) {
            refresh();
            display.timerExec(TICK_MILLIS, tick);
        }
    }

    /** Moves the plot to the clock's now and shows the samples added since the last refresh. */
    public void refresh() {
        pending.set(false);
        if (isDisposed()) {
            return;
        }
        long now = clock.getAsLong();
        double top = 0;
        for (Map.Entry<String, List<Sample>> e : store.snapshot(now).entrySet()) {
            top = Math.max(top, show(e.getKey(), e.getValue(), now));
        }
        chart.getAxisSet().getYAxis(0).setRange(new Range(0, top > 0 ? top * 1.1 : 1));
        chart.redraw();
    }

    /** @return the series' largest value */
    private double show(String name, List<Sample> samples, long now) {
        ISeries<?> series = chart.getSeriesSet().getSeries(name);
        if (series == null) {
            ILineSeries<?> line = (ILineSeries<?>) chart.getSeriesSet().createSeries(SeriesType.LINE, name);
            line.setSymbolType(ILineSeries.PlotSymbolType.NONE);
            line.setLineColor(colors.series(chart.getSeriesSet().getSeries().length - 1));
            line.setLineWidth(2);
            line.setAntialias(SWT.ON);
            series = line;
        }
        double[] x = new double[samples.size()];
        double[] y = new double[samples.size()];
        double top = 0;
        for (int i = 0; i < x.length; i++) {
            x[i] = (samples.get(i).nanoTime() - now) / 1e9;
            y[i] = samples.get(i).value();
            top = Math.max(top, y[i]);
        }
        series.setXSeries(x);
        series.setYSeries(y);
        return top;
    }
}
