package dev.scope.ui.preview;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swtchart.ILineSeries;
import org.eclipse.swtchart.ISeries;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.scope.ui.preview.TimeSeriesPlot.Sample;

/** The plot on a real display, timed by an injected clock: the last minute only, series, legend, leaks. */
class TimeSeriesPlotTest {

    private static final long S = 1_000_000_000L;

    private Ui ui;
    private Shell shell;
    private final AtomicLong now = new AtomicLong(1000 * S);

    @BeforeEach
    void open() {
        ui = new Ui();
        shell = ui.shell(640, 360);
        shell.setLayout(new FillLayout());
    }

    @AfterEach
    void close() {
        ui.close();
    }

    private long at(double seconds) {
        return 1000 * S + Math.round(seconds * S);
    }

    @Test
    void onlyTheLastMinuteByTheInjectedClockIsKept() {
        TimeSeriesPlot plot = new TimeSeriesPlot(shell, 0, now::get);
        shell.open();
        now.set(at(90));
        for (int t = 0; t <= 90; t++) {
            plot.add("fps", at(t), 30 + t % 3);
        }
        List<Sample> kept = plot.samples("fps");
        assertEquals(61, kept.size(), "30 s to 90 s: the samples older than a minute were never kept");
        assertEquals(at(30), kept.get(0).nanoTime());
        assertEquals(at(90), kept.get(60).nanoTime());
        now.set(at(100));
        kept = plot.samples("fps");
        assertEquals(at(40), kept.get(0).nanoTime(), "the window moves with the clock, not with new samples");
        assertEquals(51, kept.size());
        plot.refresh();
        ISeries<?> shown = plot.chart().getSeriesSet().getSeries("fps");
        double[] x = shown.getXSeries();
        assertEquals(51, x.length);
        assertEquals(-60.0, x[0], 1e-9, "plotted as seconds ago");
        assertEquals(-10.0, x[50], 1e-9);
        assertArrayEquals(new double[] {-60, 0}, new double[] {plot.chart().getAxisSet().getXAxis(0).getRange().lower,
            plot.chart().getAxisSet().getXAxis(0).getRange().upper}, 1e-9);
        now.set(at(200));
        plot.refresh();
        assertEquals(0, plot.chart().getSeriesSet().getSeries("fps").getXSeries().length, "all gone after a minute");
    }

    @Test
    void samplesAddedFromAnotherThreadReachTheChartWithALegendAndAxisTitles() throws Exception {
        TimeSeriesPlot plot = new TimeSeriesPlot(shell, 0, now::get);
        plot.setValueAxisTitle("ms");
        shell.open();
        now.set(at(60));
        Thread producer = new Thread(() -> {
            for (int t = 0; t <= 60; t++) {
                plot.add("gray p50", at(t), 2 + Math.sin(t / 5.0));
                plot.add("gray p99", at(t), 5 + Math.sin(t / 5.0) * 2);
                plot.add("latency", at(t), 20 + t % 7);
            }
            plot.add("ignored", at(61), Double.NaN);
        });
        producer.start();
        producer.join();
        ui.spinUntil(() -> plot.chart().getSeriesSet().getSeries().length == 3
                && plot.chart().getSeriesSet().getSeries("latency").getXSeries().length == 61, "the three series shown");
        ui.flush();
        ISeries<?>[] series = plot.chart().getSeriesSet().getSeries();
        assertEquals(List.of("gray p50", "gray p99", "latency"), List.of(series[0].getId(), series[1].getId(), series[2].getId()));
        assertNotEquals(((ILineSeries<?>) series[0]).getLineColor().getRGB(), ((ILineSeries<?>) series[1]).getLineColor().getRGB(),
                "each series its own colour");
        assertEquals("ms", plot.chart().getAxisSet().getYAxis(0).getTitle().getText());
        assertEquals("seconds ago", plot.chart().getAxisSet().getXAxis(0).getTitle().getText());
        assertTrue(plot.chart().getAxisSet().getYAxis(0).getRange().upper >= 26, "the value axis reaches the largest value");
        ImageData screen = ui.print(shell);
        Ui.save(screen, "time-series-plot");
        plot.clear();
        assertEquals(0, plot.chart().getSeriesSet().getSeries().length);
        assertEquals(List.of(), plot.samples("latency"));
    }
}
